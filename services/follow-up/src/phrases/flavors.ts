import type { Flavor } from "./types.js";

/**
 * Where a first-touch lead came from, read from the context (or the CRM's last activity), so the
 * opening can say "Thanks for joining the webinar" or "Great to meet you at SaaStr". Checked in order.
 */
export const FLAVORS: readonly { flavor: Exclude<Flavor, "generic">; pattern: RegExp }[] = [
  { flavor: "webinar", pattern: /webinar|webcast|live ?stream|virtual event|online event|webinaire/i },
  { flavor: "event", pattern: /\bmet (?:at|during)|spoke (?:at|during)|\bbooth\b|trade ?show|conference|\bexpo\b|exhibition|summit|meet-?up|workshop|\bfair\b|networking|\bmesse|\bsalon\b|\bferia\b|congreso/i },
  { flavor: "content", pattern: /download|white ?paper|e-?book|\bguide\b|checklist|template|\breport\b|case stud|calculator|infographic|heruntergeladen|téléchargé|descarg/i },
  { flavor: "trial", pattern: /\btrial|signed up|sign-?up|free plan|freemium|sandbox|testphase|testzugang|\bessai|prueba/i },
  { flavor: "form", pattern: /\bform\b|contact us|enquir|inquir|inbound|kontaktformular|anfrage|formulaire|formulario/i },
  { flavor: "referral", pattern: /referr|introduc|\bintro (?:from|via|by)\b|recommended by|empfehlung|empfohlen|vermittelt|vorgestellt von|recommand|présentée? par|recomend|presentad[oa] por|referid/i },
];

/** A trial nobody has used yet ("signed up but never logged in"): the opening offers help to get started. */
export const TRIAL_IDLE = /never (?:logged|signed) (?:in|on)|(?:has(?:n'?t| not)|did(?:n'?t| not)|not) (?:yet )?(?:logged|signed) (?:in|on)|no log-?ins?\b|not logged in|(?:hasn'?t|has not|didn'?t|did not) (?:used|tried|started using|activated) (?:it|the trial|the account)|inactive|no activity|noch nicht eingeloggt|nie eingeloggt|nicht (?:eingeloggt|angemeldet)|jamais connecté|pas (?:encore )?connecté|nunca (?:ha )?(?:entrado|iniciado sesión)|no ha (?:entrado|iniciado sesión)/i;

/** English names for the event or the download, when the context says which. */
export const EVENT_NOUNS: readonly [RegExp, string][] = [
  [/trade ?show/i, "the trade show"],
  [/conference/i, "the conference"],
  [/\bexpo\b|exhibition/i, "the expo"],
  [/summit/i, "the summit"],
  [/workshop/i, "the workshop"],
  [/meet-?up/i, "the meetup"],
  [/breakfast/i, "the breakfast"],
  [/networking (?:event|evening|lunch)/i, "the networking event"],
];
/** The event's kind in the other languages ("Messe" → "der Messe"), with the case the phrase tables use after their preposition. */
export const EVENT_NOUNS_BY_LANG: Readonly<Record<"de" | "fr" | "es", readonly [RegExp, string][]>> = {
  de: [[/messe/i, "der Messe"], [/konferenz|kongress|conference/i, "der Konferenz"], [/trade ?show/i, "der Messe"]],
  fr: [[/salon|trade ?show/i, "le salon"], [/conférence|congrès|conference/i, "la conférence"]],
  es: [[/feria|trade ?show/i, "la feria"], [/congreso|conferencia|conference/i, "el congreso"]],
};
export const CONTENT_NOUNS: readonly [RegExp, string][] = [
  [/pric\w* guide/i, "our pricing guide"],
  [/white ?paper/i, "our white paper"],
  [/e-?book/i, "our e-book"],
  [/case stud/i, "our case study"],
  [/checklist/i, "our checklist"],
  [/template/i, "our template"],
  [/\breport\b/i, "our report"],
  [/infographic/i, "our infographic"],
  [/roi calculator/i, "the ROI calculator"],
  [/calculator/i, "our calculator"],
];

/** "met at SaaStr", "SaaStr booth": the event's own name. */
export const EVENT_NAME = [/(?:met|spoke|talked|chatted|connected)\s+(?:at|during|on)\s+(?:the\s+)?(\p{Lu}[\p{L}\p{N}]+(?:\s\p{Lu}[\p{L}\p{N}]*){0,2})/u, /(\p{Lu}[\p{L}\p{N}]+(?:\s\p{Lu}[\p{L}\p{N}]*){0,2})\s+(?:booth|stand|conference|expo|summit)/u, /(?:booth|stand)\s+(?:at|en|à|auf der|auf dem|in|de)\s+(?:the\s+|la\s+|le\s+|el\s+)?(\p{Lu}[\p{L}\p{N}]+(?:\s\p{Lu}[\p{L}\p{N}]*){0,2})/u];
