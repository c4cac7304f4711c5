import type { LeadOrigin, LeadSource } from "@gardenos/lead-features";

/**
 * The built-in scorer's points: how much each signal moves the log-odds of conversion, and the
 * words it shows for it. Data, read by heuristic.ts.
 */

export interface Rule {
  patterns: readonly string[];
  logit: number;
  label: string;
}

export type RoleClass = "student" | "unemployed" | "executive" | "leader" | "working" | "manager" | "individual" | "junior";

/** Log-odds and explanation by what the title/role says (see `roleClass` for the order). */
export const ROLE_POINTS: Record<RoleClass, { logit: number; label: string }> = {
  student: { logit: -0.6, label: "a student or intern rarely holds a budget" },
  unemployed: { logit: -0.3, label: "not currently employed" },
  executive: { logit: 0.9, label: "a senior decision maker" },
  leader: { logit: 0.75, label: "a senior role with budget influence" },
  working: { logit: 0.9, label: "a working professional with means to buy" },
  manager: { logit: 0.35, label: "a manager who can champion a purchase" },
  individual: { logit: 0.1, label: "an individual contributor" },
  junior: { logit: -0.15, label: "a junior role, unlikely to decide" },
};

/** Log-odds for a lead that states any title or occupation at all. */
export const ROLE_GIVEN = 0.45;

export const FREE_MAIL = new Set([
  "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "yahoo.co.in", "ymail.com", "hotmail.com", "hotmail.co.uk",
  "outlook.com", "live.com", "msn.com", "aol.com", "icloud.com", "me.com", "mac.com", "protonmail.com", "proton.me",
  "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com", "mail.ru", "yandex.com", "yandex.ru", "qq.com", "163.com",
  "126.com", "rediffmail.com", "zoho.com", "fastmail.com", "hey.com", "tutanota.com", "free.fr", "orange.fr", "libero.it",
]);
export const DISPOSABLE_MAIL = /(mailinator|guerrillamail|10minutemail|tempmail|temp-mail|trashmail|yopmail|throwaway|discard\.email|sharklasers)/;
export const ROLE_MAILBOX = /^(info|sales|admin|contact|hello|office|support|team|marketing|noreply|no-reply)@/;

export const SOURCE_POINTS: Record<LeadSource, { logit: number; label: string }> = {
  // "Referral sites" is web-analytics referral traffic (a link on another site), not a personal referral.
  referral_site: { logit: 0.0, label: "arrived through a link on another website" },
  referral: { logit: 1.5, label: "came through a referral, the strongest source" },
  cold: { logit: -0.7, label: "came from a cold list, not from their own interest" },
  chat: { logit: -0.6, label: "came in through chat, often a quick question rather than buying intent" },
  form_or_event: { logit: 0.6, label: "raised their hand through a form or event" },
  website: { logit: 0.5, label: "came through a website" },
  paid_or_social: { logit: -0.3, label: "came from paid or social ads, usually lower intent" },
  search: { logit: 0.1, label: "found us through search" },
  direct: { logit: 0.0, label: "came directly to the website" },
  other: { logit: 0.0, label: "" },
  unknown: { logit: 0.0, label: "" },
};

export const ORIGIN_POINTS: Record<LeadOrigin, { logit: number; label: string }> = {
  chat: { logit: -0.5, label: "entered through chat" },
  imported: { logit: -0.5, label: "bulk-imported, not self-registered" },
  referral: { logit: 0.8, label: "entered through a referral" },
  form: { logit: 1.0, label: "filled in a form themselves" },
  landing_page: { logit: 0.25, label: "registered on a landing page" },
  sales_entered: { logit: 0.3, label: "entered by a salesperson after direct contact" },
  other: { logit: 0.0, label: "" },
  unknown: { logit: 0.0, label: "" },
};

export const ACTIVITY_RULES: Rule[] = [
  // English first; German, French and Spanish CRMs write the same steps in their words.
  { patterns: ["resubscribed", "re-subscribed", "opted back in"], logit: 0.4, label: "opted back in to our e-mails" },
  { patterns: ["not interested", "disqualified", "lost", "do not contact", "closed lost", "rejected", "kein interesse", "abgelehnt", "verloren", "pas int[ée]ress[ée]e?", "perdu", "refus[ée]e?", "no (?:le )?interesa", "no interesad[oa]", "perdid[oa]", "rechazad[oa]"], logit: -1.6, label: "said they are not interested" },
  { patterns: ["bounced", "bounce", "invalid e-?mail", "undeliverable", "unzustellbar", "e-?mail ung[üu]ltig", "non distribu[ée]e?", "adresse invalide", "rebot\\w*", "no entregad[oa]"], logit: -1.3, label: "our e-mail bounced, the address may be dead" },
  { patterns: ["marked spam", "spam", "complaint"], logit: -1.0, label: "marked our e-mail as spam" },
  { patterns: ["unsubscribed", "unsubscribe", "opted out", "opt-out", "abgemeldet", "ausgetragen", "d[ée]sabonn[ée]e?", "d[ée]sinscrite?", "dad[oa] de baja", "baja"], logit: -1.0, label: "unsubscribed from our e-mails" },
  { patterns: ["unreachable", "not reachable", "no answer", "wrong number", "voicemail", "no response", "nicht erreicht", "nicht erreichbar", "mailbox", "injoignable", "r[ée]pondeur", "pas de r[ée]ponse", "sin respuesta", "no contesta", "buz[óo]n de voz"], logit: -0.6, label: "could not be reached" },
  { patterns: ["\\w*chat\\w*"], logit: -1.0, label: "only chatted, no deeper engagement" },
  { patterns: ["demo\\w*", "trial", "free trial", "pricing", "price", "quote", "proposal", "meeting", "call booked", "call scheduled", "appointment", "booked", "contract", "d[ée]mo\\w*", "testversion", "testphase", "angebot\\w*", "preis\\w*", "termin(?:e|vereinbarung|anfrage)?", "vertrag\\w*", "essai", "devis", "tarif\\w*", "prix", "rendez-vous", "r[ée]union", "contrat", "prueba", "presupuesto", "precio\\w*", "propuesta", "cita", "reuni[óo]n", "contrato"], logit: 1.3, label: "a clear buying step" },
  { patterns: ["phone conversation", "phone call", "had a call", "call", "called", "spoke", "talked", "conversation", "approached\\w*", "visited booth", "met", "telefonat", "anruf", "gespr[äa]ch\\w*", "angerufen", "appel\\w*", "entretien", "[ée]change t[ée]l[ée]phonique", "llamada", "conversaci[óo]n", "hablamos", "habl[óo]"], logit: 1.1, label: "a direct conversation" },
  { patterns: ["replied", "reply", "responded", "response received", "e-?mail received", "inbound e-?mail", "geantwortet", "antwort erhalten", "a r[ée]pondu", "r[ée]ponse re[çc]ue", "respondi[óo]", "contest[óo]"], logit: 1.0, label: "they wrote back" },
  { patterns: ["sms", "text message", "whatsapp", "texted"], logit: 1.0, label: "being worked by text message, a sales-stage step" },
  { patterns: ["form submitted", "form submission", "submitted", "form", "registered", "signed up", "sign-up", "webinar\\w*", "attended", "download\\w*", "formular\\w*", "angemeldet", "registriert", "heruntergeladen", "formulaire", "inscrite?", "t[ée]l[ée]charg[ée]e?", "webinaire", "formulario", "registrad[oa]", "inscrit[oa]", "descarg\\w*"], logit: 0.8, label: "raised their hand on the website" },
  { patterns: ["link clicked", "clicked", "click"], logit: 0.25, label: "clicked through one of our e-mails" },
  { patterns: ["e-?mail opened", "opened", "ge[öo]ffnet", "ouvert", "abierto"], logit: 0.2, label: "opened our e-mail" },
  { patterns: ["page visited", "visited", "page view\\w*", "viewed", "visit"], logit: 0.0, label: "browsed the website" },
  { patterns: ["converted to lead", "lead created", "created", "modified", "added", "imported", "none"], logit: -0.4, label: "nothing has happened since the lead was created" },
];

export const NOTE_POSITIVE: Rule[] = [
  { patterns: ["budget (?:is )?(?:approved|confirmed|allocated|secured|signed off)", "has (?:a )?budget", "budget in place", "funded", "budget (?:ist )?(?:genehmigt|freigegeben|vorhanden)", "budget (?:est )?(?:valid[ée]|approuv[ée]|d[ée]bloqu[ée])", "presupuesto aprobado", "tienen presupuesto"], logit: 0.6, label: "budget confirmed" },
  { patterns: ["decision[- ]maker", "signing authority", "economic buyer", "signs off", "final say"], logit: 0.5, label: "talking to the decision maker" },
  { patterns: ["urgent\\w*", "asap", "immediately", "right away", "as soon as possible", "dringend", "sofort", "rapidement", "au plus vite", "urgente", "cuanto antes", "lo antes posible"], logit: 0.4, label: "urgency" },
  { patterns: ["timeline", "this quarter", "next quarter", "this month", "next month", "by q[1-4]", "deadline", "go[- ]live", "within \\d+ (?:days|weeks|months)"], logit: 0.4, label: "a concrete timeline" },
  { patterns: ["demo", "trial", "pricing", "quote", "proposal", "rfp", "shortlist\\w*", "d[ée]mo", "angebot", "ausschreibung", "devis", "appel d'offres", "presupuesto", "propuesta", "licitaci[óo]n"], logit: 0.4, label: "asking about a demo, pricing or a proposal" },
  { patterns: ["referred by", "referral", "recommended by"], logit: 0.3, label: "referred" },
  { patterns: ["budget"], logit: 0.2, label: "budget discussed" },
];

export const NOTE_NEGATIVE: Rule[] = [
  { patterns: ["not interested", "no interest", "do not contact", "don't contact", "stop (?:e-?mailing|calling)", "remove (?:me|us|from)", "kein interesse", "pas int[ée]ress[ée]e?", "no (?:le |les )?interesa", "no interesad[oa]"], logit: -1.5, label: "not interested" },
  { patterns: ["no budget", "without budget", "budget (?:cut|freeze|frozen)", "too expensive", "can't afford", "cannot afford", "kein budget", "zu teuer", "pas de budget", "trop cher", "sin presupuesto", "demasiado caro"], logit: -0.8, label: "no budget" },
  { patterns: ["competitor", "went with", "chose another", "already (?:using|signed|bought)", "signed with"], logit: -0.6, label: "committed elsewhere" },
  { patterns: ["no response", "no reply", "unresponsive", "ghosted", "never answers", "not responding"], logit: -0.5, label: "unresponsive" },
  { patterns: ["student", "school project", "homework", "thesis"], logit: -0.4, label: "a student, not a buyer" },
  { patterns: ["just browsing", "just looking", "researching", "tire[- ]kicker", "early stage", "next year", "maybe later", "not now", "no timeline"], logit: -0.4, label: "early research, no near-term plan" },
];
