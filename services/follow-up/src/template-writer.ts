import { FollowUpResult } from "@gardenos/contracts";
import type { InteractionSummary, Lead } from "@gardenos/contracts";
import { leadFeatures } from "@gardenos/lead-features";
import type { LeadFeatures } from "@gardenos/lead-features";
import { contextKindOf } from "./context.js";
import { GENERIC_INDUSTRY, INDUSTRY_TEXT, KINDS, NOTE_TOPICS, PLURAL, SINGULAR } from "./templates.js";
import type { IndustryText, KindText, Line, Slots, Voice } from "./templates.js";
import { firstNameOf, formatCount, formatDay, lowerTitleCase, oneLine, usable } from "./text.js";

export { contextKindOf } from "./context.js";
export type { ContextKind } from "./context.js";
export { firstNameOf, formatDay } from "./text.js";

/**
 * The built-in (no-LLM) follow-up writer.
 *
 * It composes a short, personalised e-mail from the tables in templates.ts: the lead's industry
 * gives the vocabulary and pain points, the `context` ("Demo completed", "No response to last
 * email" …) gives the opening and the call to action, the contact's seniority gives the angle, and
 * the last earlier follow-up in `history` gives a reference so a second e-mail does not repeat the
 * first. Industry, seniority and company size come from @gardenos/lead-features, as for the scorer.
 *
 * Variants are chosen by a stable hash of the input, never at random: the same input always gives
 * the same e-mail. Lead text is user data: names, company, title and industry are inserted only
 * after cleaning (one line, no placeholders); notes, context and last activity are only ever
 * matched against keywords and never copied into the e-mail.
 */

export interface WriteFollowUpInput {
  lead: Lead;
  /** What happened last, e.g. "Demo completed" or "No response to last email". */
  context?: string;
  /** Earlier interactions with the same lead (the follow-up memory). */
  history?: InteractionSummary[];
  /** Who signs the e-mail; "The GardenOS team" when absent. */
  senderName?: string;
  senderCompany?: string;
}

export const DEFAULT_SENDER_NAME = "The GardenOS team";
const MAX_SUBJECT = 120;

// ---------------------------------------------------------------- deterministic choice

/** 32-bit FNV-1a. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** JSON with sorted keys and no undefined values, so equal inputs hash equally whatever their key order. */
function stableStringify(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
}

class Chooser {
  /**
   * @param seed   stable hash of the lead
   * @param offset number of earlier follow-ups: shifts every choice, so the next e-mail to the same
   *               lead picks a different variant wherever there is more than one
   */
  constructor(
    private readonly seed: string,
    private readonly offset: number,
  ) {}

  index(slot: string, length: number): number {
    return (fnv1a(`${this.seed}|${slot}`) + this.offset) % length;
  }

  pick<T>(slot: string, options: readonly T[]): T {
    const choice = options[this.index(slot, options.length)];
    if (choice === undefined) throw new Error(`no options for ${slot}`);
    return choice;
  }
}

// ---------------------------------------------------------------- industries

/** The vocabulary for the lead's industry; an unlisted one keeps its own name ("organisations in agriculture"). */
export function industryTextOf(lead: Lead, features: LeadFeatures = leadFeatures(lead)): IndustryText {
  const known = INDUSTRY_TEXT[features.industry];
  if (known) return known;
  const raw = usable(lead.company?.industry, 60);
  if (raw) {
    const noun = lowerTitleCase(raw);
    return { ...GENERIC_INDUSTRY, noun, peers: `organisations in ${noun}` };
  }
  return GENERIC_INDUSTRY;
}

// ---------------------------------------------------------------- seniority and size

/** The angle the writer takes by the contact's seniority; "other" is a title with no known level. */
type Angle = "executive" | "leader" | "manager" | "other" | "unknown";

/** The title to address the contact by, and the angle it gives. The role is used only when it shows a manager or above. */
function angleOf(lead: Lead, f: LeadFeatures): { title: string; angle: Angle } {
  const title = usable(lead.contact?.title, 80);
  const senior = f.seniority === "executive" || f.seniority === "leader" || f.seniority === "manager" ? f.seniority : undefined;
  if (f.seniorityFrom === "role") {
    const role = usable(lead.contact?.role, 80);
    if (senior && role) return { title: role, angle: senior };
  }
  if (!title) return { title: "", angle: "unknown" };
  return { title, angle: f.seniorityFrom === "title" && senior ? senior : "other" };
}

type SizeBand = "small" | "mid" | "enterprise";

function sizeOf(f: LeadFeatures): { band: SizeBand; people?: number } | undefined {
  if (f.companySize === "unknown") return undefined;
  const band: SizeBand = f.companySize === "large" ? "enterprise" : f.companySize === "mid" ? "mid" : "small";
  // "around 1 people" reads badly: a head count is quoted from 2 up.
  return f.employees?.stated && f.employees.count >= 2 ? { band, people: f.employees.count } : { band };
}

// ---------------------------------------------------------------- paragraphs

function industrySentence(s: Slots, ch: Chooser): string {
  const { ind, co, v } = s;
  const [p1, p2, p3] = ind.pains;
  const variants: Line[] = [
    () =>
      ind.noun
        ? `Working in ${ind.noun}, ${co} is probably juggling a few priorities at once: ${p1}, ${p2} and ${p3}.`
        : `Like most ${s.hasCo ? `organisations, ${co} is` : "teams, yours is"} probably juggling a few priorities at once: ${p1}, ${p2} and ${p3}.`,
    () => `For ${ind.peers}${s.likeCo}, ${p1} and ${p2} are usually where most of the effort goes.`,
    () => `Most ${ind.peers} we speak with mention the same priorities: ${p1}, ${p2} and ${p3}. ${v.Id} guess ${co} is no exception.`,
  ];
  return ch.pick("industry", variants)(s);
}

function sizeSentence(f: LeadFeatures): string {
  const size = sizeOf(f);
  if (!size) return "";
  const who = size.people !== undefined ? `around ${formatCount(size.people)} people` : undefined;
  switch (size.band) {
    case "small":
      return `With ${who ?? "a lean team"}, every hour of manual work is felt across the whole business.`;
    case "mid":
      return `With ${who ?? "a mid-sized team"}, you're likely at the stage where processes that worked at a smaller size start to show the strain.`;
    case "enterprise":
      return who
        ? `With ${who}, consistency across teams and locations matters as much as any single tool.`
        : `At enterprise scale, consistency across teams and locations matters as much as any single tool.`;
  }
}

function senioritySentence(s: Slots, title: string, angle: Angle, ch: Chooser): string {
  const { v, ind } = s;
  const options: Record<Angle, Line[]> = {
    executive: [
      () => `As ${title}, you're probably looking at this less in terms of features and more in terms of ${ind.outcome}, so that's where ${v.id} focus.`,
      () => `From where you sit as ${title}, the real question is the impact on ${ind.outcome}, and that's what ${v.id} like to help you size up.`,
    ],
    leader: [
      () => `As ${title}, you're likely weighing ${ind.outcome} and how quickly a change pays off, so ${v.i} can put together a short business case you could share internally.`,
      () => `In your role as ${title}, the strategic question is usually ${ind.outcome}; ${v.im} happy to map out what the first 90 days could look like.`,
    ],
    manager: [
      () => `As ${title}, you're closest to the day-to-day, so the practical win is ${ind.practical}.`,
      () => `Since you're running things day to day as ${title}, the most tangible change would be ${ind.practical}.`,
    ],
    other: [() => `In your role as ${title}, the first thing you'd likely notice is ${ind.practical}.`],
    unknown: [() => `In practice, the first thing the teams we work with notice is ${ind.practical}.`],
  };
  return ch.pick("seniority", options[angle])(s);
}

// ---------------------------------------------------------------- history

interface PriorEmail {
  day: string;
  subject: string;
}

function cleanPriorSubject(subject: string | undefined): string {
  let t = oneLine(subject)
    .replace(/[{}[\]<>"“”\\]/g, "")
    .replace(/^((re|fwd?|aw|wg)\s*:\s*)+/i, "")
    .trim();
  if (t.length > 80) t = `${t.slice(0, 80).replace(/\s+\S*$/, "")}…`;
  return /\p{L}/u.test(t) ? t : "";
}

/** Earlier follow-up e-mails (lead analyses are not e-mails), oldest first. */
function priorEmails(history: InteractionSummary[] | undefined): PriorEmail[] {
  if (!history) return [];
  return history
    .map((h, index) => ({ h, index, time: Date.parse(h.at) }))
    .filter(({ h }) => h.type === "follow_up")
    .sort((a, b) => {
      const ta = Number.isNaN(a.time) ? -Infinity : a.time;
      const tb = Number.isNaN(b.time) ? -Infinity : b.time;
      return ta !== tb ? ta - tb : a.index - b.index;
    })
    .map(({ h }) => ({ day: formatDay(h.at), subject: cleanPriorSubject(h.subject) }));
}

function priorReference(v: Voice, prior: PriorEmail, noun: string): string {
  const what = `${v.my} ${noun}`;
  const when = prior.day ? `${what} of ${prior.day}` : `${v.my} earlier ${noun}`;
  return prior.subject ? `${when} about "${prior.subject}"` : when;
}

// ---------------------------------------------------------------- the writer

function subjectFor(kind: KindText, s: Slots, ch: Chooser, previous: readonly string[]): string {
  const seen = new Set(previous.map((p) => p.toLowerCase()));
  const candidates = kind.subjects
    .map((f) => f(s))
    .filter((c): c is string => c !== null)
    .map((c) => oneLine(c))
    .filter((c) => c.length > 0 && c.length <= MAX_SUBJECT);
  if (candidates.length === 0) return "Following up";
  const start = ch.index("subject", candidates.length);
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[(start + i) % candidates.length];
    if (c !== undefined && !seen.has(c.toLowerCase())) return c;
  }
  return candidates[start] ?? "Following up";
}

export function writeFollowUp(input: WriteFollowUpInput): FollowUpResult {
  const { lead } = input;
  const senderName = usable(input.senderName, 200) || DEFAULT_SENDER_NAME;
  const senderCompany = usable(input.senderCompany, 200);
  const v = usable(input.senderName, 200) ? SINGULAR : PLURAL;

  const first = firstNameOf(lead);
  const company = usable(lead.company?.name, 300);
  const hasCo = company.length > 0;
  const features = leadFeatures(lead);
  const ind = industryTextOf(lead, features);
  const dnc = lead.contact?.do_not_call === true;

  const contextText = oneLine(input.context) || oneLine(lead.behavior?.last_activity);
  const kindName = contextKindOf(contextText);
  const kind = KINDS[kindName];
  const ct = contextText.toLowerCase();

  const priors = priorEmails(input.history);
  const lastPrior = priors.at(-1);

  const ch = new Chooser(stableStringify({ lead, context: contextText }), priors.length);

  const s: Slots = {
    v,
    first,
    hasCo,
    co: hasCo ? company : "your team",
    atCo: hasCo ? ` at ${company}` : "",
    forCo: hasCo ? ` for ${company}` : " for your team",
    toCo: hasCo ? ` to ${company}` : " to your team",
    likeCo: hasCo ? ` like ${company}` : " like yours",
    atCoSide: hasCo ? ` at ${company}` : " on your side",
    ind,
    isDemo: /\bdemo/.test(ct),
    meetNoun: /\bdemo/.test(ct) ? "demo" : "meeting",
    eventNoun: /trade ?show/.test(ct)
      ? "trade show"
      : /conference/.test(ct)
        ? "conference"
        : /\bexpo\b|exhibition/.test(ct)
          ? "expo"
          : /summit/.test(ct)
            ? "summit"
            : /workshop/.test(ct)
              ? "workshop"
              : /meetup|meet-up/.test(ct)
                ? "meetup"
                : "event",
    contentNoun: /white ?paper/.test(ct)
      ? "white paper"
      : /e-?book/.test(ct)
        ? "e-book"
        : /case stud/.test(ct)
          ? "case study"
          : /checklist/.test(ct)
            ? "checklist"
            : /template/.test(ct)
              ? "template"
              : /\breport\b/.test(ct)
                ? "report"
                : /infographic/.test(ct)
                  ? "infographic"
                  : /\barticle|\bblog/.test(ct)
                    ? "article"
                    : "guide",
    pricingThing: /pric\w* guide/.test(ct) ? "pricing guide" : /pric\w* sheet/.test(ct) ? "pricing sheet" : "pricing",
  };

  // Greeting
  const greeting = first ? `${ch.pick("greeting", ["Hi", "Hello", "Hi"])} ${first},` : `${ch.pick("greeting", ["Hi", "Hello"])} there,`;

  // Opening: the context, or a reference to the last e-mail so this one does not repeat it
  let opening: string;
  if (lastPrior) {
    if (priors.length >= 2) {
      opening = `${v.Ive} been in touch a few times now, most recently with ${priorReference(v, lastPrior, "note")}, so this will be ${v.my} last note for a while.`;
    } else {
      const ref = ch.pick("history", [
        (): string => `Following up on ${priorReference(v, lastPrior, "note")}.`,
        (): string => `${v.I} wanted to come back to ${priorReference(v, lastPrior, "e-mail")}, in case it got buried.`,
        (): string => `Just circling back on ${priorReference(v, lastPrior, "message")}.`,
      ])();
      opening = `${ref} ${kind.again(s)}`;
    }
  } else {
    opening = ch.pick("opening", kind.openings)(s);
  }

  // Angle: industry, size, role
  const { title, angle: seniorityAngle } = angleOf(lead, features);
  const angle = [industrySentence(s, ch), sizeSentence(features), senioritySentence(s, title, seniorityAngle, ch)].filter(Boolean).join(" ");

  // A topic picked from the notes by keyword (never their text)
  const notes = lead.notes ?? "";
  const topic = NOTE_TOPICS.find((t) => t.match.test(notes))?.line(v) ?? "";

  // Call to action
  let cta = ch.pick("cta", dnc ? kind.ctaNoCall : kind.cta)(s);
  if (priors.length >= 2) cta += ` And if the timing isn't right, just say so and ${v.ill} close the loop on ${v.my} side.`;

  const signOff = [ch.pick("signoff", ["Best regards,", "Kind regards,", "All the best,", "Many thanks,"]), senderName, senderCompany]
    .filter(Boolean)
    .join("\n");

  const body = [greeting, opening, angle, topic, cta, signOff].filter(Boolean).join("\n\n");
  const subject = subjectFor(kind, s, ch, priors.map((p) => p.subject));

  return FollowUpResult.parse({ subject, body, full_message: `Subject: ${subject}\n\n${body}` });
}
