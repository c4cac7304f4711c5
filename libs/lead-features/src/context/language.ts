import type { Lang } from "./types.js";

/**
 * The language of a short text among English, German, French and Spanish, from function words
 * and the sales words a salesperson writes ("keine Rückmeldung", "devis envoyé"), plus letters only
 * one of them uses. A general detector (franc, cld) guesses among hundreds of languages and is
 * unreliable on ten-word shorthand full of product names; four candidates and a vocabulary of the
 * trade do better here. Undefined when nothing tells.
 */

const WORDS: Readonly<Record<Lang, readonly string[]>> = {
  en: [
    "the", "and", "to", "of", "for", "with", "on", "in", "is", "are", "was", "were", "they", "she", "he", "we", "asked", "about", "no", "not", "sent", "last", "week", "said",
    "until", "after", "before", "next", "yesterday", "completed", "done", "booked", "wants", "want", "their", "her", "his", "our", "reply", "response", "since", "also", "but",
    "call", "meeting", "pricing", "budget", "tight", "signed", "looking", "at", "if", "whether", "them", "need", "needs", "went", "well", "new", "lead", "back", "come", "this",
    "requested", "interested", "from", "via", "w/", "abt", "ping", "revisit", "email", "emails", "answer", "nothing", "left", "trial", "ends", "quote", "proposal", "it", "be",
  ],
  de: [
    "und", "der", "die", "das", "den", "dem", "mit", "nach", "für", "seit", "keine", "kein", "nicht", "ist", "hat", "haben", "sie", "er", "wir", "gestern", "morgen", "nächste",
    "woche", "bis", "ab", "erst", "zu", "zur", "zum", "vom", "am", "um", "uhr", "gemacht", "geschickt", "gesendet", "angebot", "termin", "vertrag", "unterschrieben", "rückmeldung",
    "antwort", "fragen", "fragt", "frau", "herr", "auch", "noch", "wieder", "melden", "möchte", "will", "uns", "ihr", "ihre", "sich", "bestätigt", "erledigt", "schnittstelle",
    "anbindung", "kunde", "entschieden", "nächstes", "jahr", "hatten", "ein", "eine", "gutes", "gespräch", "vergleicht", "preis", "entscheidend", "wochen", "startet", "ansprechpartner",
  ],
  fr: [
    "le", "la", "les", "des", "du", "et", "avec", "pour", "sur", "pas", "depuis", "après", "avant", "elle", "il", "ils", "elles", "nous", "une", "est", "sont", "demande", "semaine",
    "prochaine", "hier", "devis", "réponse", "jusqu'en", "rendez-vous", "contrat", "signé", "veulent", "veut", "l'équipe", "l'intégration", "l'hébergement", "faite", "réalisée",
    "questions", "budget", "gelé", "recontacter", "rentrée", "prévu", "lancement", "comparent", "prix", "point", "clé", "confirmé", "mardi", "l'envoi", "envoi", "au", "aux", "ce",
    "qui", "que", "en", "dans", "leur", "nos", "notre", "vous", "ne", "plus", "aussi", "encore", "souhaite", "client", "si", "dispo", "prévue",
    "premier", "intéressé", "intéressée", "gestion", "choisi", "ont", "trop", "projets", "cours", "formation", "personnes", "démarrage", "envoyés", "matin",
  ],
  es: [
    "el", "la", "los", "las", "del", "y", "con", "para", "por", "sin", "desde", "hasta", "que", "una", "un", "es", "son", "ayer", "semana", "próxima", "respuesta", "propuesta",
    "contrato", "firmado", "firmaron", "preguntaron", "precio", "están", "comparando", "les", "preocupa", "migración", "datos", "realizada", "pidieron", "ver", "informes", "congelado",
    "volver", "contactar", "entonces", "tenemos", "cifrado", "arranque", "lunes", "usuario", "integración", "octubre", "presupuesto", "quieren", "su", "sus", "nos", "muy", "pero",
    "también", "cliente", "enviamos", "llamada", "reunión", "quiere", "saber", "si", "hay", "solo", "sólo", "teléfono", "gratis", "contestar", "nuevo", "nueva", "interesado",
    "interesada", "gestión", "todavía", "primero", "casos", "éxito", "mandé", "lo", "le", "revisa", "socio", "usan", "pensando", "cambiar", "antes", "verano", "viene", "hecha", "preguntó",
    "año", "hecho", "mucho", "ahora", "después", "mismo", "está", "muy",
  ],
};

/** Letters that point to one language. */
const LETTERS: Readonly<Record<Lang, RegExp>> = {
  en: /(?!)/,
  de: /[äöüß]/i,
  fr: /[èêëçàùûœî]|\b(?:qu'|l'|d'|j'|n'|c')/i,
  es: /[ñ¿¡]|ción\b/i,
};

const index = new Map<string, Lang[]>();
for (const [lang, words] of Object.entries(WORDS) as [Lang, readonly string[]][]) {
  for (const w of words) index.set(w, [...(index.get(w) ?? []), lang]);
}

export function detectLanguage(text: string | undefined): Lang | undefined {
  if (!text) return undefined;
  const t = text.toLowerCase().normalize("NFC");
  const score: Record<Lang, number> = { en: 0, de: 0, fr: 0, es: 0 };
  for (const word of t.match(/[\p{L}'/]+/gu) ?? []) {
    const langs = index.get(word);
    if (!langs) continue;
    // A word shared by several languages ("la", "budget") counts for each, but less.
    for (const l of langs) score[l] += 1 / langs.length;
  }
  for (const l of Object.keys(LETTERS) as Lang[]) if (LETTERS[l].test(t)) score[l] += 1.5;
  const ranked = (Object.entries(score) as [Lang, number][]).sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] < 1) return undefined;
  // A tie says nothing.
  if (second && best[1] - second[1] < 0.5) return undefined;
  return best[0];
}

/** A BCP 47 tag ("de-CH", "fr") → the language the built-in writer writes, or undefined. */
export function writerLanguage(tag: string | undefined): Lang | undefined {
  const base = tag?.toLowerCase().split(/[-_]/)[0];
  return base === "en" || base === "de" || base === "fr" || base === "es" ? base : undefined;
}

/** Each language's names in the four languages (English, German, French, Spanish; with and without accents). */
const LANGUAGE_NAMES: Readonly<Record<Lang, string>> = {
  en: "english|englisch|anglais|ingl[eé]s",
  de: "german|deutsch|allemand|alem[aá]n",
  fr: "french|franz[oö]sisch|fran[cç]ais|franc[eé]s",
  es: "spanish|spanisch|espagnol|espa[nñ]ol|castellano",
};
const ANY_NAME = Object.values(LANGUAGE_NAMES).join("|");
/** A matched name back to its language. */
const NAME_OF: readonly [Lang, RegExp][] = (Object.entries(LANGUAGE_NAMES) as [Lang, string][]).map(([lang, names]) => [lang, new RegExp(`^(?:${names})$`, "u")]);

/** Word edges that hold for accented letters too (`\\b` knows only ASCII letters). */
const B = "(?<![\\p{L}])";
const E = "(?![\\p{L}])";
const NAME = `(${ANY_NAME})${E}`;
const GAP = "[^.;!?\\n]{0,40}?";
/**
 * Words that ask for a language (English, German, French, Spanish), around the language's name:
 * "asked to be contacted in Spanish", "prefers German", "please write in French", "only speaks
 * English", "bitte auf Deutsch", "lieber Englisch", "préfère l'anglais", "en français svp",
 * "prefiere español", "habla sólo inglés". A language merely mentioned ("the site is in Spanish",
 * "Spanish subsidiary") asks for nothing.
 */
const REQUESTS: readonly RegExp[] = [
  // English
  `${B}(?:pref(?:er|ers|erred|erably)|wants?|would like|asked|asks|requested|requests|rather)${E}${GAP}${B}in (${ANY_NAME})(?![-\\p{L}])`,
  `${B}(?:prefers?|speaks?|speaking|reads?)\\s+(?:only\\s+)?${NAME}`,
  `${B}(?:write|reply|respond|answer|contact|email|e-mail|talk|communicate)${E}${GAP}${B}in (${ANY_NAME})(?![-\\p{L}])`,
  `${B}(${ANY_NAME})[- ]only${E}`,
  // German
  `${B}(?:bitte|lieber|nur|möchte|will|spricht|sprechen|schreiben|kommunikation)${E}${GAP}${B}(?:auf|in) ${NAME}`,
  `${B}(?:lieber|nur|spricht)\\s+${NAME}`,
  // French
  `${B}(?:pr[ée]f[èé]re(?:rait|nt)?|souhaite|veut|parle|[ée]crire|r[ée]pondre|svp|merci de)${E}${GAP}(?:${B}en |l'|${B}le )?${NAME}`,
  `${B}en ${NAME}\\s+(?:svp|s'il vous pla[iî]t|por favor)`,
  // Spanish
  `${B}(?:prefiere|quiere|pide|pidi[oó]|habla|hablar|escribir|responder|contestar)${E}${GAP}(?:${B}en |${B}el )?${NAME}`,
].map((p) => new RegExp(p, "iu"));

/** The language the context asks the e-mail to be written in ("asked to be contacted in Spanish"), if it asks. */
export function requestedLanguage(text: string | undefined): Lang | undefined {
  if (!text) return undefined;
  for (const re of REQUESTS) {
    const name = re.exec(text)?.[1]?.toLowerCase();
    if (!name) continue;
    for (const [lang, re] of NAME_OF) if (re.test(name)) return lang;
  }
  return undefined;
}
