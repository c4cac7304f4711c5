import { REPLY_TEXT_MAX, type EmailCategory, type EmailClassificationResult, type EmailClassifyEvent, type EmailFindings } from "@gardenos/contracts";
import { BASE_SENTIMENT, BASE_URGENCY, SUGGESTED_ACTIONS } from "./data/actions.js";
import { detectLanguage } from "./text/language.js";
import { ANGRY, URGENT } from "./data/rules.js";
import { findings } from "./extract.js";
import { routeFor, type RoutingConfig } from "./routing.js";
import { POSSIBLE_UNSUBSCRIBE, type Classification, type EmailClassifier } from "./classifier.js";

const DAY = 86_400_000;

/** Urgency from the category, an urgent word and how soon a proposed meeting is. */
export function urgencyOf(category: EmailCategory, text: string, found: EmailFindings, received: Date): number {
  let u = BASE_URGENCY[category];
  if (URGENT.test(text) && !["out_of_office", "bounce", "not_interested"].includes(category)) u++;
  const first = found.meeting_times?.[0];
  if (first && Date.parse(first) - received.getTime() < 2 * DAY) u++;
  return Math.max(1, Math.min(10, u));
}

function actionFor(category: EmailCategory, found: EmailFindings, signals: readonly string[]): string {
  if (signals.includes(POSSIBLE_UNSUBSCRIBE)) return `Read it first: it may ask to stop e-mails (if so, mark the contact do-not-email). Otherwise: ${actionFor(category, found, [])}`.slice(0, 500);
  const base = SUGGESTED_ACTIONS[category];
  if (category === "meeting_request" && found.meeting_times?.length) return `${base} Proposed: ${found.meeting_times.slice(0, 3).join(", ")}.`;
  if (category === "out_of_office" && found.return_date) return `Pause the sequence and follow up on or after ${found.return_date}.`;
  if (category === "wrong_person" && !found.colleague?.email) return `${base} No address was given: find the colleague's address first.`;
  if (category === "objection" && found.competitor) return `${base} They named ${found.competitor}.`;
  return base.slice(0, 500);
}

/**
 * The whole result around a category (from the built-in classifier or a model): what the text
 * names, urgency, sentiment, the route from the routing rules and the suggested action.
 */
export function completeResult(
  event: Pick<EmailClassifyEvent, "email" | "routing">,
  c: Pick<Classification, "category" | "confidence" | "signals" | "prepared">,
  routing: RoutingConfig,
  o: { found?: EmailFindings; urgency?: number; sentiment?: EmailClassificationResult["sentiment"] } = {},
): EmailClassificationResult {
  const received = new Date(event.email.received_at);
  const text = c.prepared.text;
  const language = detectLanguage(`${event.email.subject}\n${text}`);
  const found = o.found ?? findings(c.category, { text, raw: event.email.body, lang: language, received, from: event.email.from, to: event.email.to });
  const urgency = o.urgency ?? urgencyOf(c.category, text, found, received);
  const sentiment = o.sentiment ?? (ANGRY.test(text) ? "negative" : BASE_SENTIMENT[c.category]);
  const route = routeFor(routing, { category: c.category, urgency, lead_score: event.routing?.lead_score, territory: event.routing?.territory, owner: event.routing?.owner });
  return {
    category: c.category,
    confidence: c.confidence,
    sentiment,
    urgency,
    route,
    suggested_action: actionFor(c.category, found, c.signals),
    found,
    language,
    signals: c.signals.slice(0, 20).map((s) => s.slice(0, 200)),
    reply: {
      from: event.email.from,
      ...(event.email.subject ? { subject: event.email.subject } : {}),
      ...(event.email.in_reply_to ? { in_reply_to: event.email.in_reply_to } : {}),
      received_at: event.email.received_at,
      text: text.length > REPLY_TEXT_MAX ? `${text.slice(0, REPLY_TEXT_MAX - 1)}…` : text,
    },
  };
}

/** The built-in agent's answer: the classifier, then completeResult. */
export function classifyBuiltin(classifier: EmailClassifier, routing: RoutingConfig, event: Pick<EmailClassifyEvent, "email" | "routing">): EmailClassificationResult {
  return completeResult(event, classifier.classify(event.email), routing);
}
