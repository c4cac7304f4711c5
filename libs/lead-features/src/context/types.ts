/** What the context reader finds in a salesperson's note ("Demo done; she asked about HubSpot and SSO"). */

/** Languages the reader reads and the built-in writer writes. */
export const LANGUAGES = ["en", "de", "fr", "es"] as const;
export type Lang = (typeof LANGUAGES)[number];

/** The sales stage: what happened last, which decides the next step an e-mail proposes. */
export const STAGES = [
  "first_touch",
  "no_reply",
  "demo_requested",
  "demo_done",
  "pricing_sent",
  "objection",
  "competitor",
  "question",
  "meeting_booked",
  "signed",
  "customer",
  "complaint",
] as const;
export type Stage = (typeof STAGES)[number];

/** Everything seen in the context that bears on the stage (several may hold at once). */
export type Signal =
  | "complaint"
  | "signed"
  | "customer"
  | "objection_budget"
  | "objection_timing"
  | "objection_product"
  | "competitor_chosen"
  | "competitor"
  | "no_reply"
  | "missed_meeting"
  | "meeting_booked"
  | "pricing_sent"
  | "demo_done"
  | "demo_requested"
  | "question"
  | "first_touch";

/** A name as it should be written: one spelling for every language, or one per language. */
export type Label = string | Readonly<Record<Lang, string>>;

export type PointKind = "integration" | "tool" | "competitor" | "security" | "feature" | "topic" | "person" | "question";

/** One thing named in the context that the e-mail must answer or acknowledge. */
export interface Point {
  kind: PointKind;
  /** A lexicon id ("sso", "hubspot", "pricing") or, for names found by position, the name itself. */
  id: string;
  label: Label;
  /** Integrations: the context speaks of moving data over ("HubSpot migration"). */
  migration?: boolean;
  /** Competitors: "went with", "chose", "sich für … entschieden". */
  chosen?: boolean;
  /** Competitors: the tool they use today ("currently on Freshdesk"). */
  incumbent?: boolean;
  /** People: their role ("CFO", "IT") and whether they are the lead's own contact. */
  role?: Label;
  /** A proposal or quote the prospect asked for ("wants a quote", "veut un devis"), not one we sent. */
  requested?: boolean;
  /** People: whoever introduced the lead ("referred by Ana Souza"). */
  referrer?: boolean;
  /** Question clauses: the words of the question as written ("whether data carries over"). */
  text?: string;
}

/** A day and/or time named in the context, and what it is for. */
export interface When {
  /** 0 = Sunday … 6 = Saturday. */
  weekday?: number;
  /** "next Tuesday" */
  next?: boolean;
  day?: number;
  /** 1–12 */
  month?: number;
  hour?: number;
  minute?: number;
  /** As written: CET, GMT, ET … */
  tz?: string;
  relative?: "tomorrow" | "next_week" | "end_of_month" | "end_of_week" | "end_of_next_week" | "end_of_year";
  /**
   * What happens then: a meeting, a start (kickoff, go-live), a deadline, a decision, the end of a
   * trial; `their_move` when the contact will get back to us then ("meldet sich Ende nächster
   * Woche"), `follow_up` when we are to follow up after it ("follow up after she talks to her CIO
   * on Friday").
   */
  event: "meeting" | "start" | "deadline" | "decision" | "trial_end" | "their_move" | "follow_up" | "other";
  /** The words as found in the context (for the same-language fallback). */
  raw: string;
}

/** "Come back later": the month (and year) the context asks to reconnect in. */
export interface Reconnect {
  month: number;
  year: number;
  /** Why: budget, timing (freeze, fiscal year, board approval …), or after a competitor won. */
  reason: "budget" | "timing" | "competitor";
  /** "fiscal_year" when the month comes from the end of a fiscal year. */
  basis?: "fiscal_year" | "quarter" | "season" | "next_year" | "month" | "relative";
}

export interface ContextReading {
  /** Language of the context, when it can be told (short shorthand often cannot). */
  language?: Lang;
  /** The language the context asks the e-mail to be written in ("asked to be contacted in Spanish"). */
  requestedLanguage?: Lang;
  stage: Stage;
  signals: ReadonlySet<Signal>;
  points: Point[];
  when: When[];
  reconnect?: Reconnect;
  /** The contact did not turn up to a meeting (a no-reply stage with a reschedule to offer). */
  missedMeeting: boolean;
  /** The contact asked not to be phoned ("stop calling her, prefers email only"): as `do_not_call`. */
  noCalls?: true;
  /** The time of day the contact prefers for a call or meeting ("am liebsten früh morgens", "prefers afternoons"). */
  prefers?: "morning" | "afternoon" | "evening";
}
