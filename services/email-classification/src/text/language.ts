import { STOPWORDS } from "../data/languages.js";

/** The language of a text: the one whose common short words it holds most of (default en). */
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
