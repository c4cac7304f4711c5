import type { Industry, Lang, Stage } from "@gardenos/lead-features";

/**
 * The shape of one language's phrase table. A table is data: sentences as small functions of the
 * slots below, several variants each (the writer picks one by a stable hash of the lead, so two
 * leads of the same industry read differently and the same lead always reads the same).
 */

export interface IndustryText {
  /** "Working in <noun>, …"; "" for no industry. */
  noun: string;
  /** "Most <peers> we speak with …" */
  peers: string;
  /** German: the peers in the dative plural, where it differs ("Bei Bau- und Handwerksbetrieben wie …"). */
  peersDat?: string;
  pains: readonly [string, string, string];
  /** What a senior buyer cares about. */
  outcome: string;
  /** The day-to-day win for a manager or practitioner. */
  practical: string;
}

/** English only: a named sender writes "I", the default team signature "we". */
export interface Voice {
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
}

export type Angle = "executive" | "leader" | "manager" | "other" | "unknown";
export type Flavor = "webinar" | "event" | "content" | "trial" | "form" | "referral" | "generic";

/** Everything a sentence may use. Names are cleaned (one line, no placeholders) before they get here. */
export interface Slots {
  v: Voice;
  first: string;
  /** The company's name, or "" */
  co: string;
  hasCo: boolean;
  ind: IndustryText;
  title: string;
  angle: Angle;
  stage: Stage;
  dnc: boolean;
  /** First touch: where the lead came from (webinar, event, download …) and the name to use for it. */
  flavor: Flavor;
  flavorName: string;
  /** A trial not used yet ("never logged in"). */
  idle: boolean;
  /** Whoever introduced the lead ("Ana Souza"), when the context names them; else "". */
  referrer: string;
  /** "demo" or "meeting" (in the e-mail's language) */
  meetNoun: string;
  isDemo: boolean;
  /** A meeting's day and time with its preposition ("on Thursday at 3pm CET"), and without ("Thursday at 3pm CET"). */
  meetWhen: string;
  meetDay: string;
  /** A requested demo's time frame, with its preposition ("next week"). */
  askWhen: string;
  /** The requested demo names an exact day and time ("next Tues 2pm"): the e-mail proposes that slot instead of asking for times. */
  askExact: boolean;
  /** What the prospect said the next step waits on, rendered: the proposal, the webinar … */
  lastThing: string;
  missed: boolean;
  /** Objection: budget or timing, and the month to come back in (rendered), "" when none was given. */
  /** "product": the product fell short in a trial or demo ("hated the mobile app, would reconsider if it improves"). */
  reason: "budget" | "timing" | "competitor" | "product";
  month: string;
  /** Fiscal year named as the reason. */
  fiscal: boolean;
  /** The e-mail this one follows up on, when the CRM says it was sent: its day and subject. */
  priorDay: string;
  priorSubject: string;
  /** Sent e-mails so far. */
  sentCount: number;
}

export interface WhenParts {
  weekday?: string;
  /** A month alone ("renews in August"). */
  month?: string;
  next?: boolean;
  date?: string;
  time?: string;
  tz?: string;
  relative?: "tomorrow" | "next_week" | "end_of_month" | "end_of_week" | "end_of_next_week" | "end_of_year";
}

export type Line = (s: Slots) => string;
export type ListLine = (list: string, s: Slots) => string;
/** `at`: the day with its preposition ("on Friday", "am Freitag"); `bare`: without ("Friday"). */
export type WhenLine = (what: string, when: { at: string; bare: string }, s: Slots) => string;

export interface StageText {
  subjects: readonly ((s: Slots, topic: string) => string | null)[];
  openings: readonly Line[];
  cta: readonly Line[];
  /** Calls to action without a phone call, for `do_not_call` contacts. */
  ctaNoCall: readonly Line[];
}

export interface PointLines {
  security: readonly ListLine[];
  integration: readonly ListLine[];
  migration: readonly ListLine[];
  tools: readonly ListLine[];
  /** Demo requested or meeting booked: what it will cover. */
  cover: readonly ListLine[];
  /** Signed: the plan and seats ordered. */
  order: readonly ListLine[];
  features: readonly ListLine[];
  /** A quote the prospect asked for; the list is the seats or plan it is for, when named ("12 seats"). */
  quoteRequested: readonly ListLine[];
  competitorEval: readonly ListLine[];
  competitorChosen: readonly ListLine[];
  competitorIncumbent: readonly ListLine[];
  /** People: thanked after a demo, welcome at a meeting, noted as contact after signing, included otherwise. */
  peopleThanks: readonly ListLine[];
  peopleJoin: readonly ListLine[];
  peopleContact: readonly ListLine[];
  peopleInclude: readonly ListLine[];
  /** The decision waits on someone (objection): "I understand the decision sits with your board." */
  peopleDecide: readonly ListLine[];
  /** A free question in the prospect's words (same language only). */
  question: readonly ListLine[];
  /** A start (kickoff, go-live, pilot) and its day; a deadline; the end of a trial. */
  start: readonly WhenLine[];
  deadline: readonly WhenLine[];
  /** The prospect's decision and its day or month ("Entscheidung im Januar"). */
  decision: readonly WhenLine[];
  trialEnd: readonly WhenLine[];
  /** The vendor paperwork asked for: our documents (a list, may be empty) and whether a vendor form is to be filled in. */
  paperwork: readonly ((docs: string, form: boolean, s: Slots) => string)[];
  /** Commercial topics by id (pricing, discount, roi, case_studies, …). */
  topics: Readonly<Record<string, readonly ListLine[]>>;
}

export interface Phrasebook {
  lang: Lang;
  defaultSender: string;
  greetings: readonly ((first: string) => string)[];
  greetingsAnonymous: readonly string[];
  signoffs: readonly string[];
  /** "A, B and C" */
  list(items: readonly string[]): string;
  /** After a complaint, instead of the points' offers: what was raised is being looked into (the list of what the context named). */
  complaintAbout: ListLine;
  months: readonly string[];
  weekdays: readonly string[];
  /** A day and time in words, with its preposition (`at`: "on Thursday at 3pm CET") and without (`bare`). */
  when(parts: WhenParts): { at: string; bare: string };
  date(day: number, month: number): string;
  time(hour: number, minute: number): string;
  /** "the migration from HubSpot" */
  migrationOf(name: string): string;
  /** The meeting's noun; `call` where the language's phrases take it in place of `meeting` (same gender, no elision). */
  meetNouns: { demo: string; meeting: string; call?: string };
  /** Nouns for the first-touch flavours (webinar, event, content) when no name was found. */
  flavorNouns: Readonly<Record<Flavor, string>>;
  /** Names of what a no-reply note waits on, by topic id (proposal, webinar …). */
  lastThings: Readonly<Record<string, string>>;
  stages: Readonly<Record<Stage, StageText>>;
  points: PointLines;
  /** Coming back in a month, or later without one. */
  reconnect: readonly Line[];
  reconnectNoMonth: readonly Line[];
  /** A demo asked for at an exact day and time: the call to action proposes it (askWhen). */
  askedSlot: readonly Line[];
  /** Opening of an e-mail that follows a sent one ("Following up on my note of 3 March …"). */
  again: readonly Line[];
  /** After the prospect chose another vendor (or built their own): no pitch, the door left open. */
  lostClose: readonly Line[];
  /** Whoever introduced the lead, thanked when the stage's opening does not name them (every stage but a first touch). */
  referredBy: readonly Line[];
  /** Registered for a webinar but did not attend: the opening offers the recording. */
  webinarMissed: readonly Line[];
  lostSubjects: readonly Line[];
  /** The contact will get back to us then ("meldet sich Ende nächster Woche"): the call to action waits for it. */
  theirMove: readonly WhenLine[];
  /** The salesperson is to follow up after a day ("follow up after she talks to her CIO on Friday"). */
  followUpAfter: readonly WhenLine[];
  /** The time of day the contact prefers, said after a call to action that proposes a time. */
  prefers: Readonly<Record<"morning" | "afternoon" | "evening", Line>>;
  /** After two sent e-mails with no reply: offer to stop. */
  windDown: readonly Line[];
  industries: Partial<Record<Industry, IndustryText>>;
  genericIndustry: IndustryText;
  /** The industry sentence: several frames over the industry's pains. */
  industryLines: readonly ((s: Slots, pains: readonly [string, string]) => string)[];
  sizeLines: Readonly<Record<"small" | "mid" | "enterprise", readonly ((people: string | undefined) => string)[]>>;
  seniorityLines: Readonly<Record<Angle, readonly Line[]>>;
  formatCount(n: number): string;
}
