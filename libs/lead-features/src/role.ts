import { firstMatch, normalise } from "./match.js";

/**
 * Where a person sits in their organisation, from a job title ("VP of Sales") or, when the title
 * says nothing, the role/occupation field.
 *
 * - `executive`  — C-level, founders, owners, presidents, managing directors, partners: decides and signs.
 * - `leader`     — VPs, heads and directors (also deans, superintendents): owns a budget line.
 * - `manager`    — managers, team leads, supervisors, product owners: runs things day to day, can champion.
 * - `junior`     — interns, trainees, apprentices, students, assistants, associates, clerks: rarely decides.
 * - `individual` — specialists, engineers, analysts, consultants, officers…: an individual contributor.
 * - `unknown`    — no title or role, or none of the words above.
 */
export const SENIORITIES = ["executive", "leader", "manager", "junior", "individual", "unknown"] as const;
export type Seniority = (typeof SENIORITIES)[number];

/** Checked in order, first match wins: "Vice President" is a leader before "president" can make it an executive. */
const SENIORITY_RULES: readonly { key: Exclude<Seniority, "unknown">; patterns: readonly string[] }[] = [
  { key: "leader", patterns: ["vice[- ]president", "[saer]?vp"] },
  { key: "manager", patterns: ["product owner"] },
  {
    key: "executive",
    patterns: [
      "ceo", "cto", "cfo", "coo", "cio", "cmo", "cro", "ciso", "cpo", "cdo", "chief", "founder", "co-?founder", "cofounder",
      "owner", "president", "managing director", "general manager", "managing partner", "proprietor",
      "chair", "chairman", "chairwoman", "chairperson",
      // A school's principal runs it; a "Principal Engineer" is a senior individual contributor (below).
      "^principal$",
    ],
  },
  { key: "leader", patterns: ["director", "head", "dean", "superintendent"] },
  { key: "manager", patterns: ["manager", "team lead", "lead", "leader", "supervisor"] },
  // After "manager": a "Partner Manager" manages partners, a "Partner" is one.
  { key: "executive", patterns: ["partner"] },
  // Before the individual contributors: a "Junior Analyst" or "Executive Assistant" is junior.
  { key: "junior", patterns: ["intern", "internship", "trainee", "apprentice", "student", "junior", "jr", "entry[- ]level", "assistant", "associate", "clerk", "receptionist"] },
  {
    key: "individual",
    patterns: ["senior", "sr", "principal", "specialist", "engineer", "analyst", "architect", "developer", "designer", "coordinator", "consultant", "executive", "officer", "administrator", "accountant"],
  },
];

/** The seniority a title (or occupation) names; `unknown` when it names none. */
export function seniorityOf(title: string | undefined): Seniority {
  const text = normalise(title);
  if (!text) return "unknown";
  return firstMatch(text, SENIORITY_RULES)?.key ?? "unknown";
}

/**
 * What the person does for a living, when the lead says (web forms often ask "your current
 * occupation" instead of a job title):
 *
 * - `student`    — student, intern, trainee, apprentice: in education or training.
 * - `unemployed` — unemployed or looking for work.
 * - `working`    — a working professional, business owner, entrepreneur, self-employed or consultant.
 * - `unknown`    — nothing of the above is said.
 */
export const OCCUPATIONS = ["student", "unemployed", "working", "unknown"] as const;
export type Occupation = (typeof OCCUPATIONS)[number];

const OCCUPATION_RULES: readonly { key: Exclude<Occupation, "unknown">; patterns: readonly string[] }[] = [
  { key: "student", patterns: ["student", "intern", "internship", "trainee", "apprentice"] },
  { key: "unemployed", patterns: ["unemployed", "job ?seeker", "between jobs", "looking for work"] },
  {
    key: "working",
    patterns: [
      "working professional", "businessman", "businesswoman", "business owner", "entrepreneur", "self[- ]employed",
      "employed", "professional", "consultant",
    ],
  },
];

/** The occupation named by any of the texts (title, role), checked together. */
export function occupationOf(...texts: (string | undefined)[]): Occupation {
  const text = texts.map(normalise).filter(Boolean).join(" / ");
  if (!text) return "unknown";
  return firstMatch(text, OCCUPATION_RULES)?.key ?? "unknown";
}

