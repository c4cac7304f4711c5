import { FollowUpResult } from "@gardenos/contracts";
import type { InteractionSummary, Lead } from "@gardenos/contracts";
import { leadFeatures, readContext, rolesNamed, writerLanguage } from "@gardenos/lead-features";
import type { ContextReading, Lang, LeadFeatures } from "@gardenos/lead-features";
import { Chooser, stableStringify } from "./chooser.js";
import { PHRASEBOOKS } from "./phrases/index.js";
import { CONTENT_NOUNS, EVENT_NAME, EVENT_NOUNS, EVENT_NOUNS_BY_LANG, FLAVORS, TRIAL_IDLE } from "./phrases/flavors.js";
import { CONSTRUCTION, CONSTRUCTION_PATTERN } from "./phrases/industries.js";
import type { Angle, Flavor, IndustryText, Phrasebook, Slots, Voice } from "./phrases/types.js";
import { labelIn, pointSentences, renderWhen } from "./points.js";
import { firstNameOf, formatDay, lowerTitleCase, oneLine, usable } from "./text.js";

export { firstNameOf, formatDay } from "./text.js";

/**
 * The built-in (no-LLM) follow-up writer.
 *
 * It reads the salesperson's `context` with the context reader of @gardenos/lead-features — the
 * stage, what was asked about or named, days and times, a month to come back in — and answers it:
 * an opening that fits the stage, one sentence per kind of point named (security items together,
 * integrations together, a person thanked or invited …), the next step the stage calls for (never
 * a call for a `do_not_call` contact, never a demo invitation after a demo), and the month it will
 * come back in when the context says "come back later". It writes in the lead's `language`, else
 * the context's, in English, German, French or Spanish (phrase tables in phrases/). The lead's
 * industry, size and seniority give the angle, as for the scorer.
 *
 * Variants are chosen by a stable hash of the lead and the context, never at random. Lead text is
 * user data: names, company and title are inserted only after cleaning; the notes and the CRM's
 * last activity are matched against the reader's known terms and never copied into the e-mail.
 */

export interface WriteFollowUpInput {
  lead: Lead;
  /** What happened last, e.g. "Demo completed; she asked about the HubSpot migration and SSO." */
  context?: string;
  /** Earlier interactions with the same lead (the follow-up memory). */
  history?: InteractionSummary[];
  /** Who signs the e-mail; the team in the e-mail's language when absent. */
  senderName?: string;
  senderCompany?: string;
  /** When the e-mail is written (the task's `created_at`): "until March" is this year's or next year's March. */
  now?: Date;
}

export const DEFAULT_SENDER_NAME = "The GardenOS team";
/** What a complaint can be about among the points the context names (not people, questions or other vendors). */
const COMPLAINT_POINT_KINDS = new Set(["topic", "feature", "integration", "security", "tool"]);
const MAX_SUBJECT = 120;

/** Roles one person holds (a title naming one is that person), unlike departments. */
const ONE_PERSON_ROLES = new Set(["ceo", "cfo", "cto", "coo", "cio", "ciso"]);

/** A named sender writes "I", the default team signature "we" (English; the other languages write "we"). */
const SINGULAR: Voice = { I: "I", i: "I", my: "my", me: "me", Im: "I'm", im: "I'm", Id: "I'd", id: "I'd", Ill: "I'll", ill: "I'll", Ive: "I've" };
const PLURAL: Voice = { I: "We", i: "we", my: "our", me: "us", Im: "We're", im: "we're", Id: "We'd", id: "we'd", Ill: "We'll", ill: "we'll", Ive: "We've" };

/** The vocabulary for the lead's industry; in English, an unlisted one keeps its own name ("organisations in agriculture"). */
function industryText(lead: Lead, f: LeadFeatures, book: Phrasebook): IndustryText {
  if (f.industry === "real-estate" && CONSTRUCTION_PATTERN.test(lead.company?.industry ?? "")) return CONSTRUCTION[book.lang];
  const known = book.industries[f.industry];
  if (known) return known;
  const raw = book.lang === "en" ? usable(lead.company?.industry, 60) : "";
  if (raw) {
    const noun = lowerTitleCase(raw);
    return { ...book.genericIndustry, noun, peers: `organisations in ${noun}` };
  }
  return book.genericIndustry;
}

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

function sizeSentence(f: LeadFeatures, book: Phrasebook, ch: Chooser): string {
  if (f.companySize === "unknown") return "";
  const band = f.companySize === "large" ? "enterprise" : f.companySize === "mid" ? "mid" : "small";
  // "around 1 people" reads badly: a head count is quoted from 2 up.
  const people = f.employees?.stated && f.employees.count >= 2 ? book.formatCount(f.employees.count) : undefined;
  return ch.pick("size", book.sizeLines[band])(people);
}

function flavorOf(text: string, r: ContextReading, book: Phrasebook): { flavor: Flavor; name: string } {
  const hit = FLAVORS.find((x) => x.pattern.test(text));
  const flavor: Flavor = hit?.flavor ?? (r.points.some((p) => p.id === "webinar") ? "webinar" : r.points.some((p) => p.id === "event") ? "event" : "generic");
  let name = book.flavorNouns[flavor];
  if (flavor === "event") {
    const own = EVENT_NAME.map((re) => re.exec(text)?.[1]).find((n) => n && usable(n, 40));
    if (own) name = own;
    else if (book.lang === "en") name = EVENT_NOUNS.find(([re]) => re.test(text))?.[1] ?? name;
    else name = EVENT_NOUNS_BY_LANG[book.lang].find(([re]) => re.test(text))?.[1] ?? name;
  }
  if (flavor === "content" && book.lang === "en") name = CONTENT_NOUNS.find(([re]) => re.test(text))?.[1] ?? name;
  // "our webinar on lead scoring": the webinar named by its topic (English notes, English e-mail).
  if (flavor === "webinar" && book.lang === "en") {
    const topic = /\bwebinar (?:on|about) ((?:[\p{L}-]+ ){0,3}?[\p{L}-]+?)(?= (?:yesterday|today|last|on|but|and)\b|[.,;]|$)/iu.exec(text)?.[1];
    if (topic && usable(topic, 40)) name = `the webinar on ${topic.toLowerCase()}`;
  }
  return { flavor, name };
}

function cleanPriorSubject(subject: string | undefined): string {
  let t = oneLine(subject)
    .replace(/[{}[\]<>"“”\\]/g, "")
    .replace(/^((re|fwd?|aw|wg)\s*:\s*)+/i, "")
    .trim();
  if (t.length > 80) t = `${t.slice(0, 80).replace(/\s+\S*$/, "")}…`;
  return /\p{L}/u.test(t) ? t : "";
}

/** Earlier follow-up e-mails, oldest first; `sent` only when the CRM reported it (sent_at). */
function priorEmails(history: InteractionSummary[] | undefined): { at: string; subject: string; sent: boolean }[] {
  return (history ?? [])
    .map((h, index) => ({ h, index, time: Date.parse(h.at) }))
    .filter(({ h }) => h.type === "follow_up")
    .sort((a, b) => (Number.isNaN(a.time) ? -Infinity : a.time) - (Number.isNaN(b.time) ? -Infinity : b.time) || a.index - b.index)
    .map(({ h }) => ({ at: h.sent_at ?? h.at, subject: cleanPriorSubject(h.subject), sent: h.sent_at !== undefined }));
}

function subjectFor(book: Phrasebook, s: Slots, topic: string, ch: Chooser, previous: readonly string[]): string {
  const seen = new Set(previous.map((p) => p.toLowerCase()));
  const candidates = book.stages[s.stage].subjects
    .map((f) => f(s, topic))
    .filter((c): c is string => c !== null)
    .map((c) => oneLine(c))
    .filter((c) => c.length > 0 && c.length <= MAX_SUBJECT);
  const start = ch.index("subject", Math.max(1, candidates.length));
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[(start + i) % candidates.length]!;
    if (!seen.has(c.toLowerCase())) return c;
  }
  return candidates[start] ?? "Following up";
}

/**
 * The language to write in: the one the context (else the lead's notes) asks for ("asked to be
 * contacted in Spanish": the salesperson's word), else the lead's (when the writer has it, else
 * English), else the context's, else English.
 */
export function languageFor(lead: Lead, reading: ContextReading, notes?: ContextReading): Lang {
  const requested = reading.requestedLanguage ?? notes?.requestedLanguage;
  if (requested) return requested;
  if (lead.language) return writerLanguage(lead.language) ?? "en";
  return reading.language ?? "en";
}

/** The e-mail, and what the writer read: stage, language, the month it will come back in. */
export function writeFollowUp(input: WriteFollowUpInput): FollowUpResult {
  const { lead } = input;
  const features = leadFeatures(lead);
  const first = firstNameOf(lead);
  const company = usable(lead.company?.name, 300);
  const ownNames = [first, usable(lead.contact?.last_name, 150), usable(lead.contact?.name, 300), company].filter(Boolean);
  // A CRM note pasted as HTML is read as its text ("<img src=x onerror=…> demo done" → "demo done").
  const context = oneLine(input.context?.replace(/<[^<>]{0,300}>/g, " "));
  const activity = oneLine(lead.behavior?.last_activity);
  // The context is the salesperson's; the CRM's last activity is the lead's: known terms only.
  const read = readContext(context || activity, { ...(input.now ? { now: input.now } : {}), freeNames: context.length > 0, ownNames });
  // The contact's own office is not someone else to invite ("RDV avec la DAF et le DSI" written to
  // the DAF); a department is (the Head of Procurement's "procurement" is her team).
  const ownRoles = new Set(rolesNamed(usable(lead.contact?.title, 150)).filter((id) => ONE_PERSON_ROLES.has(id)));
  const reading = ownRoles.size ? { ...read, points: read.points.filter((p) => !(p.kind === "person" && ownRoles.has(p.id))) } : read;
  const notes = lead.notes ? readContext(lead.notes.slice(0, 2000), { freeNames: false, ownNames }) : undefined;
  const lang = languageFor(lead, reading, notes);
  const book = PHRASEBOOKS[lang];
  const named = usable(input.senderName, 200);
  const senderName = named || (lang === "en" ? DEFAULT_SENDER_NAME : book.defaultSender);
  const senderCompany = usable(input.senderCompany, 200);

  const priors = priorEmails(input.history);
  const sent = priors.filter((p) => p.sent);
  const lastSent = sent.at(-1);
  const ch = new Chooser(stableStringify({ lead, context }), priors.length);
  const { title, angle } = angleOf(lead, features);
  const flavor = flavorOf(context || activity, reading, book);
  // "Registered for our webinar but didn't attend": a first touch with the recording, not a missed meeting of ours.
  const missedWebinar = reading.missedMeeting && flavor.flavor === "webinar" && !/\b(?:call|demo|meeting|termin|réunion|rendez-vous|reunión|llamada)\b/i.test(context || activity);
  const meet = reading.when.find((w) => w.event === "meeting") ?? (reading.stage === "meeting_booked" ? reading.when.find((w) => w.event === "other") : undefined);
  const isDemo = /d[ée]mo/i.test(context || activity);
  // "Missed our call on Tuesday": a call, not a meeting (where the language has the word for it).
  const isCall = /\b(?:call|phone call|llamada)\b/i.test(context || activity) && !/\b(?:meeting|reunión)\b/i.test(context || activity);
  const topicIds = new Set(reading.points.map((p) => p.id));
  const lastThingId = ["proposal", "contract", "case_study", "case_studies", "webinar", "trial", "event", "pricing"].find((id) => topicIds.has(id)) ?? (isDemo ? "demo" : undefined);
  const reconnect = reading.reconnect;
  const referrer = reading.points.find((p) => p.referrer);

  const s: Slots = {
    v: named ? SINGULAR : PLURAL,
    first,
    co: company,
    hasCo: company.length > 0,
    ind: industryText(lead, features, book),
    title,
    angle,
    stage: missedWebinar ? "first_touch" : reading.stage,
    dnc: lead.contact?.do_not_call === true || reading.noCalls === true,
    flavor: flavor.flavor,
    flavorName: flavor.name,
    idle: flavor.flavor === "trial" && TRIAL_IDLE.test(context || activity),
    referrer: referrer ? labelIn(referrer, lang) : "",
    meetNoun: isDemo ? book.meetNouns.demo : (isCall ? book.meetNouns.call : undefined) ?? book.meetNouns.meeting,
    isDemo,
    meetWhen: meet && reading.stage === "meeting_booked" ? renderWhen(meet, book).at : "",
    meetDay: meet && reading.stage === "meeting_booked" ? renderWhen(meet, book).bare : "",
    askWhen: meet && reading.stage === "demo_requested" ? renderWhen(meet, book).at : "",
    askExact: meet !== undefined && reading.stage === "demo_requested" && meet.hour !== undefined,
    lastThing: lastThingId ? (book.lastThings[lastThingId] ?? "") : "",
    missed: reading.missedMeeting && !missedWebinar,
    reason: reconnect?.reason ?? (reading.signals.has("objection_budget") ? "budget" : reading.signals.has("objection_product") && !reading.signals.has("objection_timing") ? "product" : "timing"),
    month: reconnect ? book.months[reconnect.month - 1]! : "",
    fiscal: reconnect?.basis === "fiscal_year",
    priorDay: lastSent ? formatDay(lastSent.at) : "",
    priorSubject: lastSent?.subject ?? "",
    sentCount: sent.length,
  };

  const greeting = first ? ch.pick("greeting", book.greetings)(first) : ch.pick("greeting", book.greetingsAnonymous);

  // Opening: the stage (after a sent e-mail, a reference to it first)
  let opening = ch.pick("opening", book.stages[s.stage].openings)(s);
  const openingAt = (): void => {
    // Name the company at least once: when nothing else in the e-mail does, prefer an opening that does.
    if (!s.hasCo || [pointsText(), angleText, cta].some((t) => t.includes(s.co))) return;
    const openings = book.stages[s.stage].openings;
    const start = ch.index("opening", openings.length);
    for (let i = 0; i < openings.length; i++) {
      const o = openings[(start + i) % openings.length]!(s);
      if (o.includes(s.co)) {
        opening = o;
        return;
      }
    }
  };

  // What the context named
  const points = pointSentences(missedWebinar ? { ...reading, points: reading.points.filter((p) => p.id !== "recording") } : reading, book, s, ch, { sameLanguage: reading.language === lang || (reading.language === undefined && lang === "en"), ...(notes ? { notes } : {}) });
  // After a complaint the points are what went wrong, not topics to sell on: one line that they are looked into.
  const complained = book.list(reading.points.filter((p) => COMPLAINT_POINT_KINDS.has(p.kind)).map((p) => labelIn(p, lang)).filter(Boolean));
  // A referrer the stage's opening does not name (only a first touch's does) is thanked first.
  const thanksReferrer = s.referrer && s.stage !== "first_touch" && s.stage !== "complaint" ? ch.pick("referred-by", book.referredBy)(s) : "";
  const pointsText = () => (s.stage !== "complaint" ? [thanksReferrer, ...points.sentences].filter(Boolean).join(" ") : complained ? book.complaintAbout(complained, s) : "");

  // The angle: industry, size, role — shorter when the context gave a lot to answer
  // A vendor chosen over us (or their own build): thanks and an open door, no pitch and no comparison call.
  const lost = reading.signals.has("competitor_chosen") && s.stage === "competitor";
  let angleText = "";
  if (!lost && ["first_touch", "no_reply", "demo_requested", "demo_done", "question", "pricing_sent", "competitor"].includes(s.stage) && !s.missed) {
    const seniority = ch.pick("seniority", book.seniorityLines[angle])(s);
    if (points.sentences.length <= 2) {
      const [a, b, c] = s.ind.pains;
      const pairs: [string, string][] = [[a, b], [b, c], [a, c], [b, a], [c, a], [c, b]];
      const industry = ch.pick("industry", book.industryLines)(s, ch.pick("pains", pairs));
      const size = sizeSentence(features, book, ch);
      angleText = (ch.index("angle-order", 2) === 0 ? [industry, size, seniority] : [size, industry, seniority]).filter(Boolean).join(" ");
    } else if (s.title) angleText = seniority;
  }

  // Next step; and the month to come back in. When the context says who moves next ("meldet sich
  // Ende nächster Woche", "follow up after she talks to her CIO on Friday"), the e-mail waits for
  // it instead of asking for a call.
  const waits = !["meeting_booked", "signed", "complaint"].includes(s.stage) && !s.askExact;
  const theirMove = waits ? reading.when.find((w) => w.event === "their_move") : undefined;
  const followAfter = waits && !theirMove ? reading.when.find((w) => w.event === "follow_up") : undefined;
  let cta = s.askExact
    ? ch.pick("asked-slot", book.askedSlot)(s)
    : theirMove
      ? ch.pick("their-move", book.theirMove)("", renderWhen(theirMove, book), s)
      : followAfter
        ? ch.pick("follow-up-after", book.followUpAfter)("", renderWhen(followAfter, book), s)
        : ch.pick("cta", s.dnc ? book.stages[s.stage].ctaNoCall : book.stages[s.stage].cta)(s);
  // "Am liebsten früh morgens": a call to action that proposes a time keeps to the contact's time of day.
  if (reading.prefers && !theirMove && !followAfter && !reconnect && !["signed", "complaint", "objection", "meeting_booked"].includes(s.stage)) {
    cta = `${cta} ${book.prefers[reading.prefers](s)}`;
  }
  if (lost) cta = ch.pick("lost", book.lostClose)(s);
  if (reconnect) cta = `${ch.pick("reconnect", book.reconnect)(s)} ${cta}`;
  else if (s.stage === "objection") cta = `${ch.pick("reconnect", book.reconnectNoMonth)(s)} ${cta}`;
  if (s.stage === "no_reply" && sent.length >= 2) cta = `${cta} ${ch.pick("wind-down", book.windDown)(s)}`;

  openingAt();
  if (lastSent && ["first_touch", "no_reply", "question", "demo_done", "pricing_sent", "competitor", "demo_requested"].includes(s.stage)) {
    opening = `${ch.pick("again", book.again)(s)} ${opening}`;
  }

  if (missedWebinar) opening = ch.pick("webinar-missed", book.webinarMissed)(s);
  // After a loss the thanks for telling us is the opening (the competitor's sentence).
  if (lost) opening = "";
  const signOff = [ch.pick("signoff", book.signoffs), senderName, senderCompany].filter(Boolean).join("\n");
  const body = [greeting, opening, pointsText(), angleText, cta, signOff].filter(Boolean).join("\n\n");
  const subject = lost ? oneLine(ch.pick("lost-subject", book.lostSubjects)(s)) : subjectFor(book, s, points.topic, ch, priors.map((p) => p.subject));

  return FollowUpResult.parse({
    subject,
    body,
    full_message: `Subject: ${subject}\n\n${body}`,
    language: lang,
    stage: s.stage,
    ...(reconnect ? { reconnect_month: `${reconnect.year}-${String(reconnect.month).padStart(2, "0")}` } : {}),
  });
}

