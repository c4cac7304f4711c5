import { FollowUpResult } from "@gardenos/contracts";
import type { InteractionSummary, Lead } from "@gardenos/contracts";

/**
 * The built-in (no-LLM) follow-up writer.
 *
 * It composes a short, personalised e-mail from tables: the lead's industry (matched by keywords)
 * gives the vocabulary and pain points, the `context` ("Demo completed", "No response to last
 * email" …) gives the opening and the call to action, the contact's title gives the angle, and the
 * last earlier follow-up in `history` gives a reference so a second e-mail does not repeat the first.
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

// ---------------------------------------------------------------- cleaning user data

/** One line, single spaces, no control characters. */
function oneLine(text: string | undefined): string {
  if (!text) return "";
  return text
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const PLACEHOLDER_CHARS = /[{}[\]<>|$%#\\]/;
const PLACEHOLDER_WORDS =
  /^(null|undefined|nil|none|n\/?a|na|unknown|test|tbd|tba|-+|\?+|\.+|x+|name|first ?name|last ?name|full ?name|contact|customer|lead|company|company ?name|organi[sz]ation|self|self[- ]employed|individual|private|private individual|object object)$/i;

/** A cleaned value, or "" when it is empty, a CRM placeholder ("{first_name}", "N/A") or too long to read. */
function usable(text: string | undefined, maxLength: number): string {
  const t = oneLine(text);
  if (!t || t.length > maxLength) return "";
  if (PLACEHOLDER_CHARS.test(t) || PLACEHOLDER_WORDS.test(t)) return "";
  if (!/\p{L}/u.test(t)) return "";
  return t;
}

/** "jane" / "JANE" → "Jane"; "mary-jane" → "Mary-Jane"; mixed case ("McKay") is kept. */
function fixCase(word: string): string {
  const isLower = word === word.toLowerCase();
  const isUpper = word === word.toUpperCase() && word.length > 2;
  if (!isLower && !isUpper) return word;
  return word
    .toLowerCase()
    .split(/([-'’])/)
    .map((part) => (part.length > 0 ? part.charAt(0).toUpperCase() + part.slice(1) : part))
    .join("");
}

const HONORIFICS = /^(mr|mrs|ms|miss|mx|dr|prof|professor|sir|dame|madam|herr|frau|mme|mlle|sr|sra)\.?$/i;

function firstWord(name: string): string {
  const words = name.split(" ").filter((w) => !HONORIFICS.test(w));
  const word = (words[0] ?? "").replace(/^[^\p{L}]+|[^\p{L}'’-]+$/gu, "");
  // An initial ("J.") is no name to greet someone by.
  if (word.length < 2 || !/\p{L}/u.test(word) || word.includes("@")) return "";
  return fixCase(word);
}

/** The first name to greet by, or "" when unknown. */
export function firstNameOf(lead: Lead): string {
  const c = lead.contact;
  if (!c) return "";
  const first = usable(c.first_name, 150);
  if (first) {
    const word = firstWord(first);
    if (word) return word;
  }
  const full = usable(c.name, 300);
  if (full && !full.includes("@")) {
    // "Smith, Jane" → "Jane"
    const [before, after] = full.split(",", 2).map((s) => s.trim());
    const word = firstWord(after ? after : (before ?? ""));
    if (word) return word;
  }
  return "";
}

/** "Financial Services" → "financial services", keeping acronyms ("AI consulting"). */
function lowerTitleCase(text: string): string {
  return text
    .split(" ")
    .map((w) => (/^\p{Lu}[\p{Ll}'’-]*$/u.test(w) ? w.toLowerCase() : w))
    .join(" ");
}

function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "2025-03-03T10:00:00Z" → "3 March" (the calendar date as written, no time-zone shift), else "". */
export function formatDay(iso: string | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? "");
  if (!m) return "";
  const month = MONTHS[Number(m[2]) - 1];
  const day = Number(m[3]);
  if (!month || day < 1 || day > 31) return "";
  return `${day} ${month}`;
}

// ---------------------------------------------------------------- industries

interface Industry {
  key: string;
  match: RegExp;
  /** "in <noun>": "Working in healthcare, …" */
  noun: string;
  /** "Most <peers> we speak with …" */
  peers: string;
  pains: readonly [string, string, string];
  /** What a senior buyer cares about. */
  outcome: string;
  /** The day-to-day win for a manager or practitioner. */
  practical: string;
}

/** Matched in order: the more specific ones (fintech, edtech, agency) before the broad ones (tech). */
const INDUSTRIES: readonly Industry[] = [
  {
    key: "government",
    match: /\b(government|public sector|public administration|municipal|federal|ministry|council|city of|county|state agency|civil service|defen[cs]e|public authority)/,
    noun: "the public sector",
    peers: "public sector organisations",
    pains: ["meeting strict procurement rules", "modernising services for residents", "working within fixed budgets"],
    outcome: "service quality for residents and value for public money",
    practical: "less paperwork and clearer reporting",
  },
  {
    key: "nonprofit",
    match: /\b(non-?profit|not[- ]for[- ]profit|charit|ngo|foundation|philanthrop|fundrais|social enterprise)/,
    noun: "the non-profit sector",
    peers: "non-profit organisations",
    pains: ["keeping donors engaged beyond the first gift", "reporting impact to funders", "doing a lot with a small team"],
    outcome: "donor retention and programme impact",
    practical: "less time on admin and more time for the mission",
  },
  {
    key: "healthcare",
    match: /\b(health|medic|hospitals?\b|clinic|pharma|biotech|life sciences|dental|care home|patient|nursing|therap|veterinar)/,
    noun: "healthcare",
    peers: "healthcare providers",
    pains: ["keeping patient data secure", "reducing the administrative load on clinical staff", "improving the patient experience"],
    outcome: "patient outcomes and operating costs",
    practical: "fewer admin hours pulled away from patient care",
  },
  {
    key: "education",
    match: /\b(educat|edtech|school|universit|college|academ|e-?learning|learning|training|tuition|tutor)/,
    noun: "education",
    peers: "schools, universities and education providers",
    pains: ["keeping students engaged", "reducing the administrative workload on staff", "making the most of tight budgets"],
    outcome: "student outcomes and enrolment",
    practical: "more time for teaching and less for admin",
  },
  {
    key: "finance",
    match: /\b(financ|fintech|bank|insur|invest|wealth|asset management|accounting|accountan|credit|lending|loan|mortgage|payment|capital|brokerage|trading)/,
    noun: "financial services",
    peers: "banks, insurers and financial services firms",
    pains: ["staying on top of regulatory compliance", "onboarding clients faster without adding risk", "modernising legacy systems"],
    outcome: "risk, compliance cost and client growth",
    practical: "cleaner audit trails and less manual reconciliation",
  },
  {
    key: "real-estate",
    match: /\b(real estate|realt|property|properties|estate agen|letting|housing|construction|proptech)/,
    noun: "real estate",
    peers: "property and real estate firms",
    pains: ["following up on every enquiry before it goes cold", "keeping listings up to date", "shortening the time to close"],
    outcome: "deal flow and time to close",
    practical: "fewer dropped enquiries between viewings and offers",
  },
  {
    key: "logistics",
    match: /\b(logistic|shipping|freight|transport|supply chain|warehous|distribution|courier|delivery|fleet|trucking|haulage|3pl)/,
    noun: "logistics",
    peers: "logistics and supply chain operators",
    pains: ["improving on-time delivery", "giving customers reliable shipment visibility", "keeping operating costs in check"],
    outcome: "on-time performance and cost per shipment",
    practical: "fewer status-chasing e-mails and manual updates",
  },
  {
    key: "hospitality",
    match: /\b(hospitality|hotel|restaurant|travel|touris|leisure|catering|food service|resort|hostel|bar\b|café|cafe|events venue)/,
    noun: "hospitality",
    peers: "hotels, restaurants and hospitality groups",
    pains: ["driving repeat bookings", "managing seasonal swings in demand", "turning guest feedback into action quickly"],
    outcome: "occupancy, revenue per guest and reviews",
    practical: "less admin for front-of-house teams",
  },
  {
    key: "retail",
    match: /\b(retail|e-?commerce|online shop|shop|store|consumer goods|cpg|fmcg|fashion|apparel|wholesale|marketplace|d2c|dtc)/,
    noun: "retail and e-commerce",
    peers: "retail and e-commerce teams",
    pains: ["lifting conversion rates", "keeping inventory in step with demand", "winning repeat customers"],
    outcome: "margin, basket size and customer lifetime value",
    practical: "less time on manual merchandising and reporting",
  },
  {
    key: "manufacturing",
    match: /\b(manufactur|industrial|factory|automotive|machinery|production|chemical|plastics|metal|electronics|aerospace|engineering)/,
    noun: "manufacturing",
    peers: "manufacturers",
    pains: ["reducing unplanned downtime", "getting visibility across the supply chain", "keeping quality consistent as volumes change"],
    outcome: "throughput, yield and cost per unit",
    practical: "fewer spreadsheets between the shop floor and the office",
  },
  {
    key: "marketing",
    match: /\b(marketing|agency|agencies|advertis|media|public relations|pr firm|creative|branding|digital studio|seo|communications)/,
    noun: "marketing and advertising",
    peers: "marketing agencies",
    pains: ["proving ROI to clients", "running many campaigns across channels at once", "protecting margins on retainers"],
    outcome: "client retention and margin per account",
    practical: "less time on reporting and more on the work clients value",
  },
  {
    key: "software",
    match: /\b(saas|software|tech|information technology|it services|cloud|platform|app\b|apps\b|developer|devops|cyber|data|ai\b|internet|computer|digital)/,
    noun: "software",
    peers: "SaaS and software companies",
    pains: ["reducing churn", "speeding up customer onboarding", "shipping the roadmap without growing headcount"],
    outcome: "net revenue retention and efficient growth",
    practical: "less manual hand-off work between sales, customer success and product",
  },
];

const GENERIC_INDUSTRY: Industry = {
  key: "generic",
  match: /$^/,
  noun: "",
  peers: "organisations",
  pains: ["keeping the pipeline moving", "getting more done without adding headcount", "having clear numbers to make decisions on"],
  outcome: "growth and efficiency",
  practical: "less manual work day to day",
};

/** The industry entry for a lead: its industry field first, then its company name ("Acme Logistics"). */
export function industryOf(lead: Lead): Industry {
  const fields = [lead.company?.industry, lead.company?.name];
  for (const field of fields) {
    const text = oneLine(field).toLowerCase();
    if (!text) continue;
    const found = INDUSTRIES.find((i) => i.match.test(text));
    if (found) return found;
  }
  const raw = usable(lead.company?.industry, 60);
  if (raw) {
    const noun = lowerTitleCase(raw);
    return { ...GENERIC_INDUSTRY, noun, peers: `organisations in ${noun}` };
  }
  return GENERIC_INDUSTRY;
}

// ---------------------------------------------------------------- context kinds

export type ContextKind =
  | "no_response"
  | "missed"
  | "upcoming"
  | "meeting_request"
  | "demo_done"
  | "trial"
  | "proposal"
  | "pricing"
  | "webinar"
  | "event"
  | "content"
  | "conversation"
  | "generic";

const CONTEXT_RULES: readonly { kind: ContextKind; test: (t: string) => boolean }[] = [
  {
    kind: "no_response",
    test: (t) =>
      /\b(no|not|never|without)[- ](response|reply|replies|answer|respon|heard|engagement)|n['o]t (responded|replied|heard|answered|respond|reply)|unresponsive|ghost|went (quiet|silent|dark)|gone (quiet|silent|dark)|re-?engag|dormant|inactive|cold lead|gone cold|went cold|stale|haven'?t heard/.test(t),
  },
  {
    kind: "missed",
    test: (t) => /no[- ]show|\bmissed\b|did ?n['o]t (attend|show|join|turn up)|couldn'?t make|cancel+ed|cancel+ation|reschedul/.test(t),
  },
  {
    kind: "upcoming",
    test: (t) => /\b(meeting|meet|call|demo|appointment)/.test(t) && /\b(scheduled|booked|confirmed|upcoming|set for|planned for)\b/.test(t),
  },
  {
    kind: "meeting_request",
    test: (t) =>
      /\b(meeting|meet|call|demo|appointment|consultation)/.test(t) &&
      /\b(request|book|schedul|want|wants|ask|interest|would like|keen|set up|arrange|callback|call back)/.test(t),
  },
  { kind: "demo_done", test: (t) => /\bdemo|\bwalkthrough|walk-through|product tour/.test(t) },
  { kind: "trial", test: (t) => /\btrial|\bsigned up|sign-?up|free plan|freemium|\bpilot|\bpoc\b|proof of concept|sandbox/.test(t) },
  { kind: "proposal", test: (t) => /\bproposal|\bquote|quotation|\bcontract|\bsow\b|statement of work|\boffer sent|\bnegotiat/.test(t) },
  { kind: "pricing", test: (t) => /\bpric|\bcost|\bbudget|\bbilling|\brates?\b/.test(t) },
  { kind: "webinar", test: (t) => /\bwebinar|\bwebcast|\blive ?stream|\bvirtual event|\bonline event/.test(t) },
  {
    kind: "event",
    test: (t) => /\bevent|\bconference|trade ?show|\bexpo\b|\bexhibition|\bsummit|\bbooth|\bmet at\b|\bmeetup|\bmeet-up|\bworkshop|\bfair\b|\bnetworking/.test(t),
  },
  {
    kind: "content",
    test: (t) =>
      /\bdownload|white ?paper|e-?book|\bguide|case stud|\breport\b|checklist|\btemplate|\barticle|\bblog|\bnewsletter|\binfographic|\bpodcast/.test(t),
  },
  {
    kind: "conversation",
    test: (t) => /\bcall\b|\bcalled\b|\bspoke|\bspoken|\bspeak|\bphone|\bconversation|\bchat\b|\bdiscovery|\bmeeting|\bmet with\b|\btalked/.test(t),
  },
];

export function contextKindOf(context: string | undefined): ContextKind {
  const t = oneLine(context).toLowerCase();
  if (!t) return "generic";
  return CONTEXT_RULES.find((r) => r.test(t))?.kind ?? "generic";
}

// ---------------------------------------------------------------- seniority, size, notes

type Seniority = "exec" | "leader" | "manager" | "other" | "unknown";

function seniorityOf(title: string): Seniority {
  const t = title.toLowerCase();
  if (!t) return "unknown";
  if (/\bvice[- ]president\b|\b[saer]?vp\b/.test(t)) return "leader";
  if (/\bproduct owner\b/.test(t)) return "manager";
  if (/\b(ceo|cto|cfo|coo|cmo|cio|ciso|cro|cpo|cdo|chief|founder|co-founder|cofounder|owner|president|managing director|general manager|managing partner|proprietor|chair|chairman|chairwoman|chairperson)\b/.test(t)) {
    return "exec";
  }
  if (/\b(director|head|dean|superintendent)\b/.test(t)) return "leader";
  if (/\b(manager|lead|leader|supervisor|coordinator)\b/.test(t)) return "manager";
  if (/\bpartner\b/.test(t)) return "exec";
  return "other";
}

type SizeBand = "small" | "mid" | "enterprise";

function sizeOf(lead: Lead): { band: SizeBand; people?: number } | undefined {
  const employees = lead.company?.employees;
  if (employees !== undefined && employees >= 2) {
    const band: SizeBand = employees < 50 ? "small" : employees < 1000 ? "mid" : "enterprise";
    return { band, people: employees };
  }
  const size = oneLine(lead.company?.size).toLowerCase();
  if (!size) return undefined;
  if (/enterprise|large|corporate|global/.test(size)) return { band: "enterprise" };
  if (/small|startup|start-up|smb|micro|solo/.test(size)) return { band: "small" };
  if (/mid|medium|mm\b/.test(size)) return { band: "mid" };
  const numbers = [...size.replace(/(\d),(\d)/g, "$1$2").matchAll(/\d+(?:\.\d+)?\s*k?/g)].map((m) =>
    m[0].trim().endsWith("k") ? parseFloat(m[0]) * 1000 : parseFloat(m[0]),
  );
  if (numbers.length === 0) return undefined;
  const top = Math.max(...numbers);
  return { band: top <= 50 ? "small" : top < 1000 ? "mid" : "enterprise" };
}

/** Topics that may be picked from the notes by keyword; the notes themselves are never quoted. */
const NOTE_TOPICS: readonly { match: RegExp; line: (v: Voice) => string }[] = [
  {
    match: /\b(security|secure|gdpr|hipaa|soc ?2|iso ?27001|compliance|privacy|data protection)/i,
    line: (v) => `If a security review is part of your process, ${v.i} can send our security and data-protection documentation ahead of time.`,
  },
  {
    match: /\b(integrat|api\b|salesforce|hubspot|erp|sap\b|dynamics|zapier|connector|sync)/i,
    line: (v) => `${v.I} can also share how the integrations work, as that is often the first practical question.`,
  },
  {
    match: /\b(budget|cost|price|pricing|expensive|afford|discount|roi\b)/i,
    line: (v) => `Since budget usually matters at this stage, ${v.im} happy to show how teams phase the rollout to fit it.`,
  },
  {
    match: /\b(competitor|alternative|evaluat|comparing|compare|shortlist|rfp|tender|vs\.?\b|versus)/i,
    line: (v) => `If you're comparing options, ${v.i} can put together a straightforward side-by-side.`,
  },
  {
    match: /\b(timeline|deadline|urgent|asap|q[1-4]\b|quarter|end of (the )?(month|year)|go-?live|launch)/i,
    line: (v) => `If you're working to a particular timeline, let ${v.me} know and ${v.ill} plan the next steps around it.`,
  },
  {
    match: /\b(onboard|training|adoption|rollout|roll-out|implementation|migrat)/i,
    line: (v) => `${v.I} can also outline what onboarding looks like, so you know what to expect for your team.`,
  },
];

// ---------------------------------------------------------------- voice and slots

interface Voice {
  I: string;
  i: string;
  my: string;
  me: string;
  Im: string;
  im: string;
  Id: string;
  id: string;
  Ill: string;
  ill: string;
  Ive: string;
  myself: string;
}

/** A named sender writes "I"; the default team signature writes "we". */
const SINGULAR: Voice = { I: "I", i: "I", my: "my", me: "me", Im: "I'm", im: "I'm", Id: "I'd", id: "I'd", Ill: "I'll", ill: "I'll", Ive: "I've", myself: "myself" };
const PLURAL: Voice = { I: "We", i: "we", my: "our", me: "us", Im: "We're", im: "we're", Id: "We'd", id: "we'd", Ill: "We'll", ill: "we'll", Ive: "We've", myself: "ourselves" };

interface Slots {
  v: Voice;
  first: string;
  hasCo: boolean;
  /** "Acme" or "your team" */
  co: string;
  /** " at Acme" or "" */
  atCo: string;
  /** " for Acme" or " for your team" */
  forCo: string;
  /** " to Acme" or " to your team" */
  toCo: string;
  /** " like Acme" or " like yours" */
  likeCo: string;
  /** " at Acme" or " on your side" */
  atCoSide: string;
  ind: Industry;
  /** "demo" or "meeting" */
  meetNoun: string;
  isDemo: boolean;
  /** "trade show", "conference" … or "event" */
  eventNoun: string;
  /** "white paper", "case study" … or "guide" */
  contentNoun: string;
  /** "pricing guide", "pricing sheet" or "pricing" */
  pricingThing: string;
}

type Line = (s: Slots) => string;

interface KindText {
  subjects: readonly ((s: Slots) => string | null)[];
  openings: readonly Line[];
  /** Second sentence of an e-mail that follows an earlier one. */
  again: Line;
  cta: readonly Line[];
  /** Calls to action without a phone call, for `do_not_call` contacts. */
  ctaNoCall: readonly Line[];
}

const withCo = (s: Slots, prefix: string): string => (s.hasCo ? `${prefix}${s.co}` : "");
const withFirst = (s: Slots, prefix: string): string => (s.first ? `${prefix}${s.first}` : "");
const againFresh: Line = ({ v }) => `Rather than repeat ${v.myself}, here is one more angle that may be useful.`;

const KINDS: Record<ContextKind, KindText> = {
  missed: {
    subjects: [
      () => "Sorry we missed each other",
      (s) => `Finding a better time${withFirst(s, ", ")}`,
      (s) => `Shall we reschedule the ${s.meetNoun}?`,
    ],
    openings: [
      ({ v, meetNoun }) => `Sorry we missed each other for the ${meetNoun}. These things happen, and ${v.id} still be glad to go through it with you.`,
      ({ v, meetNoun }) => `It looks like the ${meetNoun} didn't work out this time, and that's no problem at all. ${v.Id} still like to show you what ${v.i} had prepared.`,
      ({ meetNoun, atCoSide }) => `Calendars have a way of filling up, so no worries that the ${meetNoun} didn't happen. Things are clearly busy${atCoSide}.`,
    ],
    again: ({ v }) => `${v.Id} still be glad to find a time that suits you better.`,
    cta: [
      ({ v, meetNoun }) => `Could you reply with two or three times that work for you next week? ${v.Ill} send a fresh invite for the ${meetNoun} straight away.`,
      ({ v }) => `If a shorter slot is easier, a 15-minute call is plenty to cover the essentials. Just reply with a time and ${v.ill} make it work.`,
    ],
    ctaNoCall: [
      ({ v, meetNoun }) => `Could you reply with two or three times that work for you next week? ${v.Ill} send a fresh invite for the ${meetNoun} straight away.`,
      ({ v }) => `If finding a slot is hard right now, ${v.i} can send a short recorded walkthrough instead. Just reply and let ${v.me} know.`,
    ],
  },
  upcoming: {
    subjects: [
      (s) => `Looking forward to our ${s.meetNoun}`,
      (s) => `Ahead of our ${s.meetNoun}${withCo(s, " with ")}`,
      (s) => `${s.first ? `${s.first}, a` : "A"} quick note before we meet`,
    ],
    openings: [
      ({ v, meetNoun }) => `${v.Im} looking forward to our ${meetNoun}. To make the most of the time, ${v.i} want to shape it around what matters most to you.`,
      ({ v, meetNoun, atCoSide }) => `Thanks for booking the ${meetNoun}. Ahead of it, ${v.i} wanted to make sure it is tailored to what's happening${atCoSide}.`,
      ({ v, meetNoun }) => `Just a short note ahead of our ${meetNoun}, so ${v.i} can come prepared and keep it useful.`,
    ],
    again: () => `Just a quick note before we meet.`,
    cta: [
      ({ v }) => `If there's anything specific you'd like covered, or anyone else you'd like to bring along, just reply and let ${v.me} know.`,
      ({ v }) => `Is there one question you'd most like answered by the end of it? A one-line reply helps ${v.me} prepare.`,
    ],
    ctaNoCall: [
      ({ v }) => `If there's anything specific you'd like covered, or anyone else you'd like to bring along, just reply and let ${v.me} know.`,
      ({ v }) => `Is there one question you'd most like answered by the end of it? A one-line reply helps ${v.me} prepare.`,
    ],
  },
  meeting_request: {
    subjects: [
      (s) => `Finding a time that works${withFirst(s, ", ")}`,
      (s) => (s.isDemo ? `Scheduling your demo${withCo(s, " for ")}` : `Scheduling our meeting${withCo(s, " with ")}`),
      () => "Let's get something in the diary",
    ],
    openings: [
      ({ v, isDemo }) => `Thanks for reaching out about ${isDemo ? "a demo" : "a meeting"}. ${v.Id} be glad to set it up.`,
      ({ v, isDemo, toCo }) => `Thanks for your interest in ${isDemo ? "a demo" : "a conversation"}. ${v.Id} like to make sure the time is spent on what matters most${toCo}.`,
      ({ v, isDemo }) => `Great to hear you'd like to ${isDemo ? "see a demo" : "meet"}. ${v.Ill} keep it focused and practical.`,
    ],
    again: ({ v }) => `${v.Id} still be glad to find a time that suits you.`,
    cta: [
      ({ isDemo }) => `Could you reply with two or three times that suit you next week? ${isDemo ? "A 30-minute session" : "A 30-minute call"} is usually plenty.`,
      ({ v }) => `What days work best for you next week? ${v.Ill} send an invite straight away, and a short call is fine if that's easier.`,
    ],
    ctaNoCall: [
      ({ v }) => `Could you reply with two or three times that suit you next week? ${v.Ill} send a meeting invite straight away.`,
      ({ v }) => `If you'd prefer, ${v.i} can also send a recorded walkthrough first, so you can decide whether a meeting is worthwhile. Just reply and let ${v.me} know.`,
    ],
  },
  demo_done: {
    subjects: [
      () => "Next steps after your demo",
      (s) => `Following up on the demo${withCo(s, " for ")}`,
      (s) => (s.first ? `${s.first}, a few thoughts after the demo` : "A few thoughts after the demo"),
      (s) => `Your demo recap${withCo(s, " for ")}`,
    ],
    openings: [
      ({ v, atCo }) => `Thank you for taking the time to join the demo. ${v.I} hope it gave you a clear picture of how this could work${atCo}.`,
      ({ atCoSide }) => `Thanks again for the demo. It was great to walk through the platform with you and hear how things work${atCoSide} today.`,
      ({ v, ind }) =>
        `${v.I} really appreciated your time in the demo. It's always useful to see the product through the eyes of ${ind.noun ? `a team in ${ind.noun}` : "a new team"}.`,
    ],
    again: ({ v }) => `${v.I} know the days after a demo fill up quickly, so ${v.ill} keep this one short.`,
    cta: [
      () => `Would a 20-minute follow-up call next week work to go through any open questions and agree on next steps?`,
      () => `What would be the most useful next step for you: a trial set up around your own data, or a short call with the colleagues who would be involved?`,
      ({ v }) => `If it helps, ${v.id} be happy to set up a short call with anyone else who should see it, or share a trial workspace so your team can try it hands-on.`,
    ],
    ctaNoCall: [
      ({ v }) => `If any questions came up afterwards, just reply to this e-mail and ${v.ill} answer them in writing. ${v.I} can also send a short written summary of what we covered to share with colleagues.`,
      ({ v }) => `What would be the most useful next step for you: a trial set up around your own data, or a written summary you can share internally? Just reply here and ${v.ill} get it moving.`,
    ],
  },
  trial: {
    subjects: [
      () => "Getting the most out of your trial",
      (s) => `How is the trial going${withFirst(s, ", ")}?`,
      (s) => `A few tips for your trial${withCo(s, " at ")}`,
    ],
    openings: [
      ({ v }) => `${v.I} hope the trial is going well so far. The first few days are usually when the most useful questions come up.`,
      ({ v }) => `Thanks for starting a trial. ${v.I} wanted to share a couple of pointers so your team gets real value from it quickly.`,
      ({ v }) => `Now that you've had a chance to try things out during the trial, ${v.id} love to hear what has worked well and what hasn't.`,
    ],
    again: () => `Hopefully you've had a chance to explore a bit more since then.`,
    cta: [
      () => `Would a short call help to set things up around your own workflows? Twenty minutes is usually enough to get the essentials in place.`,
      ({ v }) => `If you reply with what you're hoping to achieve during the trial, ${v.ill} suggest the two or three features worth trying first, or we can go through them together on a quick call.`,
    ],
    ctaNoCall: [
      ({ v }) => `If you reply with what you're hoping to achieve during the trial, ${v.ill} suggest the two or three features worth trying first.`,
      ({ v }) => `Just reply here with any questions as you go, and ${v.ill} get back to you quickly.`,
    ],
  },
  proposal: {
    subjects: [
      (s) => `Your proposal${withCo(s, " for ")}: any questions?`,
      () => "Checking in on the proposal",
      (s) => `Next steps on the proposal${withCo(s, " for ")}`,
    ],
    openings: [
      ({ v, forCo }) => `${v.I} wanted to check in on the proposal ${v.i} sent over and see whether it matches what you had in mind${forCo}.`,
      ({ v }) => `Thanks for taking the time to look at the proposal. These decisions usually involve a few people, so ${v.i} wanted to make that part easier.`,
      ({ v }) => `Now that the proposal is with you, ${v.i} wanted to check whether anything needs adjusting before it goes further.`,
    ],
    again: ({ v }) => `${v.I} imagine the proposal is still making its way around, so here is one more angle that may help.`,
    cta: [
      ({ v }) => `Is there anything in the proposal you'd like changed, or anyone else who should review it? ${v.Im} happy to walk your colleagues through it on a short call.`,
      () => `Would it help to set up a 15-minute call to go through any questions and agree on a timeline?`,
    ],
    ctaNoCall: [
      ({ v }) => `Is there anything in the proposal you'd like changed, or anyone else who should review it? Just reply here and ${v.ill} send an updated version.`,
      ({ v }) => `If questions come up as you review it, reply to this e-mail and ${v.ill} answer them in writing, so you have everything in one place.`,
    ],
  },
  pricing: {
    subjects: [
      () => "Your questions on pricing",
      (s) => `Making sense of pricing${withCo(s, " for ")}`,
      (s) => (s.first ? `${s.first}, a quick note on pricing` : "A quick note on pricing"),
    ],
    openings: [
      ({ v, pricingThing }) => `${v.I} saw you took a look at our ${pricingThing}, so ${v.i} wanted to make sure you have everything you need to compare options.`,
      ({ pricingThing, forCo }) => `Thanks for your interest in our ${pricingThing}. Pricing pages only tell part of the story, so here is a bit of context${forCo}.`,
      ({ v, likeCo }) => `Since you've been looking at pricing, ${v.i} thought it might help to explain how teams${likeCo} usually choose a plan.`,
    ],
    again: ({ v }) => `${v.I} imagine the numbers are still being weighed up, so here is one more angle that may help.`,
    cta: [
      ({ v }) => `If you share a rough idea of team size and what you need most, ${v.ill} put together a tailored quote. Or, if it's easier, we can go through the options together on a 15-minute call.`,
      () => `Would a quick call this week help to go through the numbers for your situation?`,
    ],
    ctaNoCall: [
      ({ v }) => `If you share a rough idea of team size and what you need most, ${v.ill} reply with a tailored quote, no meeting needed.`,
      ({ v }) => `Just reply with any questions about plans or billing and ${v.ill} get back to you in writing with clear numbers.`,
    ],
  },
  webinar: {
    subjects: [
      () => "Thanks for joining the webinar",
      (s) => `Following up on the webinar${withFirst(s, ", ")}`,
      () => "A few resources after the webinar",
    ],
    openings: [
      ({ v }) => `Thanks for joining the webinar. ${v.I} hope it was a good use of your time.`,
      ({ v }) => `It was great to have you at the webinar. Webinars only leave so much time for specifics, so ${v.i} thought ${v.id} follow up directly on how the ideas apply in practice.`,
      ({ v }) => `Thanks for signing up for the webinar. If you missed any of it, ${v.i} can send over the recording.`,
    ],
    again: againFresh,
    cta: [
      ({ atCo }) => `Would you be open to a short call to look at how this could work${atCo || " for you"}?`,
      ({ v }) => `If you'd like, ${v.i} can send the recording and slides, or we can go through the parts most relevant to you on a 15-minute call.`,
    ],
    ctaNoCall: [
      ({ v }) => `If you'd like, ${v.i} can send the recording and slides. Just reply to this e-mail with any questions.`,
      ({ v }) => `Just reply with the topic that was most relevant to you and ${v.ill} send over a few practical examples.`,
    ],
  },
  event: {
    subjects: [
      (s) => `Great to meet you${withFirst(s, ", ")}`,
      (s) => `Following up from the ${s.eventNoun}`,
      (s) => `Picking up our conversation from the ${s.eventNoun}`,
    ],
    openings: [
      ({ v, eventNoun, atCo }) => `It was great to meet you at the ${eventNoun}. ${v.I} enjoyed hearing about what you're working on${atCo} and wanted to follow up while it's still fresh.`,
      ({ v, eventNoun }) => `Thanks for taking the time to talk at the ${eventNoun}. These events are always busy, so ${v.i} wanted to follow up while our conversation is still fresh.`,
      ({ v, eventNoun }) => `Good to connect at the ${eventNoun}. ${v.I} wanted to pick up where we left off.`,
    ],
    again: againFresh,
    cta: [
      () => `Would you be up for a short call in the next week or two to continue the conversation?`,
      ({ v, forCo }) => `If it's useful, ${v.i} can set up a 20-minute call to show how this would work${forCo} in practice.`,
    ],
    ctaNoCall: [
      ({ v, forCo }) => `If it's useful, ${v.i} can send over a short overview tailored${forCo}. Just reply and let ${v.me} know.`,
      ({ v }) => `Just reply with the one or two topics that matter most right now and ${v.ill} send over some practical examples.`,
    ],
  },
  content: {
    subjects: [
      (s) => `Did the ${s.contentNoun} help${withFirst(s, ", ")}?`,
      (s) => `Following up on the ${s.contentNoun}`,
      (s) => `Putting the ${s.contentNoun} into practice${withCo(s, " at ")}`,
    ],
    openings: [
      ({ v, contentNoun }) => `Thanks for downloading our ${contentNoun}. ${v.I} hope it was useful.`,
      ({ v, contentNoun }) => `${v.I} saw you picked up our ${contentNoun} and wanted to share one or two ideas that tend to help when putting it into practice.`,
      ({ v, contentNoun, atCo }) => `Thanks for grabbing the ${contentNoun}. Reading is one thing and applying it${atCo} is another, so ${v.i} wanted to offer a hand.`,
    ],
    again: againFresh,
    cta: [
      ({ v }) => `If it would help, ${v.i} can walk you through how other teams have applied it on a short call.`,
      ({ toCo }) => `Would a quick call be helpful to discuss how this applies${toCo}?`,
    ],
    ctaNoCall: [
      ({ v }) => `If you'd like more on this, just reply and ${v.ill} send over a couple of case studies from similar organisations.`,
      ({ v, contentNoun }) => `Just reply with any questions the ${contentNoun} raised and ${v.ill} answer them by e-mail.`,
    ],
  },
  no_response: {
    subjects: [
      (s) => `Is this still a priority${withCo(s, " for ")}?`,
      (s) => `Should ${s.v.i.toLowerCase()} close the loop${withFirst(s, ", ")}?`,
      () => "Still on your radar?",
      (s) => `One last idea${withCo(s, " for ")}`,
    ],
    openings: [
      ({ v }) => `${v.I} haven't heard back, so ${v.i} wanted to check whether this is still on your radar.`,
      ({ v }) => `Inboxes get busy, so here's a short nudge in case ${v.my} last message got buried.`,
      ({ v }) => `It's been a little while since ${v.my} last note, so ${v.i} thought ${v.id} check in briefly.`,
    ],
    again: () => `Things clearly get busy, so this is just a short nudge.`,
    cta: [
      ({ v }) => `If now isn't the right time, just let ${v.me} know and ${v.ill} stop following up. Otherwise, would a quick 15-minute call next week make sense?`,
      ({ forCo }) => `Is this still a priority${forCo}? A one-line reply is plenty, even if it's "not now".`,
    ],
    ctaNoCall: [
      ({ v }) => `If now isn't the right time, just let ${v.me} know and ${v.ill} stop following up. Otherwise, a one-line reply is plenty to pick things up again.`,
      ({ forCo }) => `Is this still a priority${forCo}? A one-line reply is plenty, even if it's "not now".`,
    ],
  },
  conversation: {
    subjects: [
      (s) => `Thanks for your time${withFirst(s, ", ")}`,
      () => "Following up on our conversation",
      (s) => `Next steps${withCo(s, " for ")}`,
    ],
    openings: [
      ({ atCoSide }) => `Thanks for taking the time to talk. It was really useful to hear how things work${atCoSide}.`,
      ({ v }) => `Thanks again for the conversation. ${v.I} wanted to follow up while it's fresh and suggest a next step.`,
      ({ v }) => `It was great to speak with you. ${v.I} came away with a much clearer picture of your priorities.`,
    ],
    again: againFresh,
    cta: [
      () => `Would it make sense to schedule a follow-up call with anyone else who should be involved?`,
      ({ v }) => `What would be the most useful next step for you: a tailored demo, or a short proposal ${v.i} can put together based on what we discussed?`,
    ],
    ctaNoCall: [
      ({ v }) => `What would be the most useful next step for you: a short written proposal, or a recorded walkthrough you can share with colleagues? Just reply and ${v.ill} prepare it.`,
      ({ v }) => `If it helps, ${v.i} can put what we discussed into a short written summary for your colleagues. Just reply and let ${v.me} know.`,
    ],
  },
  generic: {
    subjects: [
      (s) => `A quick follow-up${withFirst(s, ", ")}`,
      (s) => (s.hasCo ? `A few ideas for ${s.co}` : "A few ideas for your team"),
      (s) => `Next steps${withCo(s, " with ")}`,
    ],
    openings: [
      ({ v, hasCo, co }) => `${v.I} wanted to follow up ${hasCo ? `and share a few ideas for ${co}` : "with a few ideas that may be useful"}.`,
      ({ v, ind, toCo }) => `${v.Im} reaching out because ${v.i} work with a number of ${ind.peers}, and a few of the challenges they share seemed relevant${toCo}.`,
      ({ v, hasCo, co }) => `Thanks for your interest. ${v.I} wanted to get in touch personally to see whether ${v.i} can help${hasCo ? ` ${co}` : ""}.`,
    ],
    again: againFresh,
    cta: [
      () => `Would a short call next week be useful to see whether there's a fit?`,
      () => `If this sounds relevant, just reply with a good time for a 15-minute call, or with any questions you have.`,
    ],
    ctaNoCall: [
      ({ v }) => `If this sounds relevant, just reply to this e-mail with any questions and ${v.ill} follow up in writing.`,
      ({ v, forCo }) => `Would it be useful if ${v.i} sent over a short overview tailored${forCo}? A quick reply is all it takes.`,
    ],
  },
};

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

function sizeSentence(lead: Lead): string {
  const size = sizeOf(lead);
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

function senioritySentence(s: Slots, title: string, seniority: Seniority, ch: Chooser): string {
  const { v, ind } = s;
  const options: Record<Seniority, Line[]> = {
    exec: [
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
  return ch.pick("seniority", options[seniority])(s);
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
  const ind = industryOf(lead);
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
  const title = usable(lead.contact?.title, 80);
  const role = usable(lead.contact?.role, 80);
  let seniority = seniorityOf(title);
  let titleText = title;
  if (!title && role) {
    const fromRole = seniorityOf(role);
    if (fromRole === "exec" || fromRole === "leader" || fromRole === "manager") {
      seniority = fromRole;
      titleText = role;
    }
  }
  const angle = [industrySentence(s, ch), sizeSentence(lead), senioritySentence(s, titleText, seniority, ch)].filter(Boolean).join(" ");

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
