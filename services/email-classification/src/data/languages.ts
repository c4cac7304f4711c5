/** Common short words per language: the language of a reply is the one with the most hits. */
export const STOPWORDS: Record<string, readonly string[]> = {
  en: ["the", "and", "is", "to", "we", "you", "for", "this", "our", "not", "please", "thanks", "with", "are", "it", "i'm", "can", "of"],
  de: ["und", "der", "die", "das", "ich", "wir", "sie", "nicht", "bitte", "ist", "mit", "für", "uns", "ein", "eine", "bin", "danke", "zu"],
  fr: ["le", "la", "les", "et", "je", "nous", "vous", "pas", "pour", "est", "une", "des", "merci", "de", "du", "avec", "suis", "ce"],
  es: ["el", "la", "los", "y", "que", "de", "por", "favor", "gracias", "es", "una", "nos", "no", "para", "con", "estoy", "su", "más"],
};

export function detectLanguage(text: string): string {
  const words = text.toLowerCase().split(/[^a-zà-ÿ'ñ]+/);
  let best = "en";
  let bestHits = 0;
  for (const [lang, list] of Object.entries(STOPWORDS)) {
    const set = new Set(list);
    const hits = words.filter((w) => set.has(w)).length;
    if (hits > bestHits) {
      best = lang;
      bestHits = hits;
    }
  }
  return best;
}
