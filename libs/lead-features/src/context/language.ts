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
