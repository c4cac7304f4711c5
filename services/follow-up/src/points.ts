import type { ContextReading, Lang, Point, When } from "@gardenos/lead-features";
import type { Chooser } from "./chooser.js";
import type { Phrasebook, Slots } from "./phrases/types.js";

/**
 * The sentences that answer what the context named: one per kind of point (security items
 * together, integrations together …), worded for the stage (a feature is "covered" in a demo that
 * is coming, "explained" after one). Labels come from the reader's tables, in the e-mail's
 * language; a name the reader found by position is written as it was found.
 */

export function labelIn(p: Pick<Point, "label">, lang: Lang): string {
  return typeof p.label === "string" ? p.label : p.label[lang];
}

/** A day and time in the e-mail's language: "on Thursday at 3pm CET", "am Donnerstag um 15 Uhr CET" (and without the preposition). */
export function renderWhen(w: When, book: Phrasebook): { at: string; bare: string } {
  return book.when({
    ...(w.weekday !== undefined ? { weekday: book.weekdays[w.weekday]! } : {}),
    ...(w.next ? { next: true } : {}),
    ...(w.day !== undefined && w.month !== undefined ? { date: book.date(w.day, w.month) } : {}),
    ...(w.day === undefined && w.month !== undefined ? { month: book.months[w.month - 1]! } : {}),
    ...(w.hour !== undefined ? { time: book.time(w.hour, w.minute ?? 0) } : {}),
    ...(w.tz ? { tz: w.tz } : {}),
    ...(w.relative ? { relative: w.relative } : {}),
  });
}

const START_TOPICS = ["kickoff", "pilot", "onboarding", "go_live"];
/** Topics that shape the opening (or are said by it) rather than getting a sentence of their own. */
const SILENT_TOPICS = new Set(["proposal", "webinar", "event", "term", ...START_TOPICS]);

export interface PointSentences {
  sentences: string[];
  /** What the subject line may name: the first systems, security items or features. */
  topic: string;
}

export function pointSentences(r: ContextReading, book: Phrasebook, s: Slots, ch: Chooser, o: { sameLanguage: boolean; notes?: ContextReading }): PointSentences {
  const lang = book.lang;
  const of = (kind: Point["kind"]) => r.points.filter((p) => p.kind === kind);
  const names = (ps: Point[]) => book.list(ps.map((p) => labelIn(p, lang)).filter(Boolean));
  const say = (slot: string, lines: readonly ((l: string, s: Slots) => string)[], list: string) => {
    if (!list || lines.length === 0) return;
    const text = ch.pick(slot, lines)(list, s);
    if (text) out.push(text);
  };
  const out: string[] = [];
  const stage = s.stage;
  const topics = new Map(of("topic").map((p) => [p.id, p]));

  // Competitors
  // "Chose a competitor (Pipedrive)": when the context says a vendor was chosen but the reader could not tell which, the one named is it.
  const vendors = of("competitor");
  const competitors = r.signals.has("competitor_chosen") && !vendors.some((p) => p.chosen) ? vendors.map((p) => (p.incumbent ? p : { ...p, chosen: true })) : vendors;
  say("comp-chosen", book.points.competitorChosen, names(competitors.filter((p) => p.chosen)));
  say("comp-incumbent", book.points.competitorIncumbent, names(competitors.filter((p) => p.incumbent && !p.chosen)));
  say("comp-eval", book.points.competitorEval, names(competitors.filter((p) => !p.incumbent && !p.chosen)));

  // What the prospect asked about or wants to see
  const security = of("security");
  const integrations = of("integration").filter((p) => !p.migration);
  const migrations = of("integration").filter((p) => p.migration);
  // A quote asked for is promised, with the seats or plan it is for (they then need no sentence of their own).
  const quote = stage !== "pricing_sent" && stage !== "signed" && topics.get("proposal")?.requested === true;
  // "A revised quote for 120 seats with annual billing": the terms go into the quote's sentence.
  const quoteFor = quote ? [...of("feature").filter((p) => p.id === "seats" || p.id.startsWith("plan:")), ...of("topic").filter((p) => p.id === "payment_terms")] : [];
  const features = of("feature").filter((p) => !quoteFor.includes(p));
  if (stage === "demo_requested" || stage === "meeting_booked") {
    say("cover", book.points.cover, names([...features, ...integrations, ...migrations.map((p) => ({ ...p, label: book.migrationOf(labelIn(p, lang)) }))]));
  } else {
    say("integration", book.points.integration, names(integrations));
    say("migration", book.points.migration, book.list(migrations.map((p) => book.migrationOf(labelIn(p, lang)))));
    if (stage !== "signed") say("features", book.points.features, names(features));
    else say("order", book.points.order, names(features));
  }
  say("security", book.points.security, names(security));
  say("tools", book.points.tools, names(of("tool")));

  // Commercial topics
  if (quote) out.push(ch.pick("quote", book.points.quoteRequested)(names(quoteFor), s));
  // The vendor's paperwork: one sentence for the form and our documents.
  const docs = [...topics.values()].filter((p) => p.id.startsWith("doc_"));
  if (docs.length || topics.has("vendor_form")) out.push(ch.pick("paperwork", book.points.paperwork)(names(docs), topics.has("vendor_form"), s));
  for (const [id, p] of topics) {
    if (SILENT_TOPICS.has(id) || id.startsWith("doc_") || id === "vendor_form" || (id === "payment_terms" && quoteFor.includes(p))) continue;
    // A case study asked of a customer is the advocacy request, not one of ours to send.
    if ((id === "case_study" || id === "case_studies") && topics.has("advocacy") && stage === "customer") continue;
    if (id === "budget" && (stage === "objection" || topics.has("pricing"))) continue;
    if (id === "pricing" && (stage === "objection" || topics.has("nonprofit") || topics.has("discount") || stage === "signed")) continue;
    if (id === "migration" && migrations.length > 0) continue;
    if (id === "trial" && (r.when.some((w) => w.event === "trial_end") || stage === "objection")) continue;
    // "The contract" is ours only once a proposal or contract went out (a competitor's contract renews, ours is negotiated).
    if (id === "contract" && stage !== "pricing_sent" && stage !== "question") continue;
    const lines = book.points.topics[id];
    if (!lines) continue;
    const extra = id === "discount" ? (topics.get("term") ? labelIn(topics.get("term")!, lang) : "") : labelIn(p, lang);
    const text = ch.pick(`topic-${id}`, lines)(extra, s);
    if (text) out.push(text);
  }

  // Free questions, in the prospect's own words (only when the e-mail is in the context's language)
  if (o.sameLanguage) for (const q of of("question")) say(`question-${q.id}`, book.points.question, q.text ?? "");

  // Days and times: a start, a deadline, a decision, the end of a trial (a meeting's day is in the
  // opening; who moves next is the call to action)
  const whens = r.when;
  const starts = whens.filter((w) => w.event === "start");
  const start = starts[0];
  // A pilot that went well is past: the rollout comes next, not setting the pilot up.
  const startTopics = START_TOPICS.filter((id) => !(id === "pilot" && topics.has("pilot_done"))).map((id) => topics.get(id)).filter((p) => p !== undefined);
  const startTopic = startTopics[0];
  if (start || (startTopic && stage === "signed")) {
    const what = startTopic ? labelIn(startTopic, lang) : "";
    const when = start ? renderWhen(start, book) : { at: "", bare: "" };
    if (what || when.bare) out.push(ch.pick("start", book.points.start)(what, when, s));
    // A second start on another day ("kickoff Monday …, go-live on Jan 15"): its own sentence.
    const second = starts.find((w) => w !== start && w.raw !== start?.raw);
    if (second) {
      const line = book.points.start[1] ?? book.points.start[0]!;
      out.push(line(startTopics[1] ? labelIn(startTopics[1], lang) : "", renderWhen(second, book), s));
    }
  } else if (startTopic && stage !== "signed") {
    const lines = book.points.topics[startTopic.id];
    if (lines) out.push(ch.pick(`topic-${startTopic.id}`, lines)("", s));
  }
  // After a vendor was chosen over us, a renewal or decision date is no reason to hurry (the reconnect month says when to come back).
  const lost = r.signals.has("competitor_chosen") && stage === "competitor";
  const deadline = lost ? undefined : whens.find((w) => w.event === "deadline");
  if (deadline) out.push(ch.pick("deadline", book.points.deadline)("", renderWhen(deadline, book), s));
  const decision = lost ? undefined : whens.find((w) => w.event === "decision");
  if (decision) out.push(ch.pick("decision", book.points.decision)("", renderWhen(decision, book), s));
  const trialEnd = whens.find((w) => w.event === "trial_end");
  if (trialEnd) out.push(ch.pick("trial-end", book.points.trialEnd)("", renderWhen(trialEnd, book), s));

  // People
  // Whoever introduced the lead is thanked in the opening (Slots.referrer), not included in the next step.
  const people = of("person").filter((p) => !p.referrer);
  const named = people.filter((p) => p.id.startsWith("person:"));
  const others = people.filter((p) => !p.id.startsWith("person:"));
  if (stage === "signed") say("people-contact", book.points.peopleContact, names(people));
  else if (stage === "meeting_booked") say("people-join", book.points.peopleJoin, names(people));
  else if (stage === "demo_done") {
    say("people-thanks", book.points.peopleThanks, names(named));
    say("people-include", book.points.peopleInclude, names(others));
  } else if (stage === "objection") {
    say("people-decide", book.points.peopleDecide, names(others));
    say("people-include", book.points.peopleInclude, names(named));
  } else say("people-include", book.points.peopleInclude, names(people));

  // A hint from the notes, when the context itself named little (known terms only, never the notes' words)
  if (out.length <= 1 && o.notes) {
    const n = o.notes;
    const sec = n.points.filter((p) => p.kind === "security");
    const integ = n.points.filter((p) => p.kind === "integration" || p.kind === "tool");
    if (sec.length) say("notes-security", book.points.security, names(sec));
    else if (integ.length && stage !== "signed") say("notes-integration", book.points.integration, names(integ));
  }

  const topicItems = [...competitors.filter((p) => !p.chosen), ...integrations, ...migrations, ...security, ...features].slice(0, 2);
  return { sentences: out, topic: book.list(topicItems.map((p) => labelIn(p, lang))) };
}
