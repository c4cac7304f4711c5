import type { Lead } from "@gardenos/contracts";
import { firstMatch, normalise } from "./match.js";

// ------------------------------------------------------------------------------ source

/**
 * Where the lead came from (`engagement.source`):
 *
 * - `referral_site`  — web-analytics "referral sites" traffic: a link on another website, not a person.
 * - `referral`       — referred or recommended by someone, or by a partner.
 * - `cold`           — a cold, purchased or imported list, outbound prospecting.
 * - `chat`           — a chat widget or chatbot.
 * - `form_or_event`  — raised their hand: demo request, contact form, landing page, webinar, event, trade show.
 * - `website`        — the company's own website.
 * - `paid_or_social` — paid ads (PPC, display) or social media.
 * - `search`         — organic search.
 * - `direct`         — direct traffic.
 * - `other` — a source none of these; `unknown` — no source given.
 */
export const LEAD_SOURCES = [
  "referral_site", "referral", "cold", "chat", "form_or_event", "website", "paid_or_social", "search", "direct", "other", "unknown",
] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];

/** Checked in order, first match wins. */
const SOURCE_RULES: readonly { key: Exclude<LeadSource, "other" | "unknown">; patterns: readonly string[] }[] = [
  { key: "referral_site", patterns: ["referral sites?", "referring sites?", "referring domains?"] },
  { key: "referral", patterns: ["referral", "referred", "reference", "word of mouth", "recommendation", "recommended", "partner\\w*", "introduction", "intro", "customer referral", "employee referral", "empfehlung\\w*", "empfohlen", "mundpropaganda", "recommandation", "recommand[ée]e?", "parrainage", "bouche[- ][àa][- ]oreille", "partenaire\\w*", "referid[oa]", "recomendaci[óo]n", "recomendad[oa]", "boca a boca", "socios?"] },
  { key: "cold", patterns: ["cold\\w*", "purchased", "bought", "list", "import\\w*", "data provider", "scrap\\w*", "outbound", "prospecting", "kaltakquise", "prospection", "prospecci[óo]n", "adresskauf", "fichier achet[ée]"] },
  { key: "chat", patterns: ["\\w*chat\\w*", "chatbot", "live chat"] },
  { key: "form_or_event", patterns: ["demo request", "contact us", "contact form", "web form", "website form", "form", "landing page", "inbound", "webinar", "event", "trade ?show", "conference", "booth", "formular\\w*", "kontaktformular", "messe", "veranstaltung", "kongress", "formulaire", "salon", "[ée]v[ée]nement", "congr[èe]s", "webinaire", "formulario", "feria", "evento", "congreso"] },
  { key: "website", patterns: ["website", "web site", "own site", "webseite", "homepage", "site web", "site internet", "sitio web", "p[áa]gina web"] },
  { key: "paid_or_social", patterns: ["paid", "ppc", "cpc", "adwords", "ads?", "advert\\w*", "display", "banner", "facebook", "instagram", "tiktok", "social media", "social", "linkedin ads?", "anzeige\\w*", "werbung", "soziale medien", "publicit[ée]", "r[ée]seaux sociaux", "anuncio\\w*", "publicidad", "redes sociales"] },
  { key: "search", patterns: ["organic", "organic search", "seo", "search", "google", "bing", "suche", "suchmaschine", "organisch", "recherche", "organique", "b[úu]squeda", "org[áa]nico"] },
  { key: "direct", patterns: ["direct", "direct traffic", "direkt", "directo"] },
];

export function leadSourceOf(source: string | undefined): LeadSource {
  const t = normalise(source);
  if (!t) return "unknown";
  return firstMatch(t, SOURCE_RULES)?.key ?? "other";
}

// ------------------------------------------------------------------------------ origin

/**
 * How the lead entered the CRM (`engagement.origin`):
 *
 * - `chat`          — through a chat.
 * - `imported`      — bulk import or upload, a purchased or scraped list.
 * - `referral`      — a referral or partner registration.
 * - `form`          — filled in a form themselves (demo, contact, quote request).
 * - `landing_page`  — a landing-page submission, sign-up, registration, webinar or event.
 * - `sales_entered` — entered by a salesperson after direct contact (manual, business card, call).
 * - `other` — an origin none of these; `unknown` — no origin given.
 */
export const LEAD_ORIGINS = ["chat", "imported", "referral", "form", "landing_page", "sales_entered", "other", "unknown"] as const;
export type LeadOrigin = (typeof LEAD_ORIGINS)[number];

const ORIGIN_RULES: readonly { key: Exclude<LeadOrigin, "other" | "unknown">; patterns: readonly string[] }[] = [
  { key: "chat", patterns: ["\\w*chat\\w*"] },
  { key: "imported", patterns: ["import\\w*", "upload\\w*", "list", "purchased", "scrap\\w*"] },
  { key: "referral", patterns: ["referral", "reference", "partner"] },
  { key: "form", patterns: ["demo request", "contact form", "quote request", "form"] },
  { key: "landing_page", patterns: ["landing page", "submission", "sign ?up", "registration", "webinar", "event"] },
  { key: "sales_entered", patterns: ["manual\\w*", "sales", "added by", "business card", "phone", "call"] },
];

export function leadOriginOf(origin: string | undefined): LeadOrigin {
  const t = normalise(origin);
  if (!t) return "unknown";
  return firstMatch(t, ORIGIN_RULES)?.key ?? "other";
}

// ------------------------------------------------------------------------------ website behaviour

/**
 * How much the lead has used the website (`behavior`): time on site when tracked, else visits.
 *
 * - `high`    — 15 minutes or more on the site (or, without time, 5 visits or more).
 * - `medium`  — 3 to 15 minutes (2 to 4 visits).
 * - `low`     — under 3 minutes (1 visit).
 * - `none`    — tracked, but no visits and no time: the lead came through another channel.
 * - `unknown` — no visits or time on site recorded at all.
 */
export const WEB_ENGAGEMENTS = ["high", "medium", "low", "none", "unknown"] as const;
export type WebEngagement = (typeof WEB_ENGAGEMENTS)[number];

export interface EngagementFeatures {
  source: LeadSource;
  origin: LeadOrigin;
  web: WebEngagement;
  /** Any visit or time on site recorded (zero for both means another channel). */
  webTracked: boolean;
  visits: number | undefined;
  minutesOnSite: number | undefined;
  /** `pages_per_visit`, else `pages_viewed / site_visits`. */
  pagesPerVisit: number | undefined;
  pagesViewed: number | undefined;
  contentDownloads: number | undefined;
}

function webEngagement(visits: number | undefined, minutes: number | undefined): WebEngagement {
  if (visits === undefined && minutes === undefined) return "unknown";
  if (minutes !== undefined && minutes > 0) return minutes >= 15 ? "high" : minutes >= 3 ? "medium" : "low";
  if (visits !== undefined && visits > 0) return visits >= 5 ? "high" : visits >= 2 ? "medium" : "low";
  return "none";
}

export function engagementOf(lead: Lead): EngagementFeatures {
  const b = lead.behavior;
  const visits = b?.site_visits;
  const seconds = b?.time_on_site_seconds;
  const minutesOnSite = seconds === undefined ? undefined : seconds / 60;
  const pagesPerVisit = b?.pages_per_visit ?? (b?.pages_viewed !== undefined && visits ? b.pages_viewed / visits : undefined);
  return {
    source: leadSourceOf(lead.engagement?.source),
    origin: leadOriginOf(lead.engagement?.origin),
    web: webEngagement(visits, minutesOnSite),
    webTracked: (visits ?? 0) > 0 || (seconds ?? 0) > 0,
    visits,
    minutesOnSite,
    pagesPerVisit,
    pagesViewed: b?.pages_viewed,
    contentDownloads: b?.content_downloads,
  };
}
