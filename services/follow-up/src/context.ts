import { oneLine } from "./text.js";

/** What happened last ("Demo completed", "No response to last email" …), as one of a few kinds the writer has text for. */
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
