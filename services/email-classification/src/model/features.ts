import { normalisedWords } from "./tokens.js";

/** Buckets of the hashed feature space (2^18): collisions are rare at a few hundred thousand distinct features. */
export const FEATURE_BITS = 18;
const MASK = (1 << FEATURE_BITS) - 1;

/** FNV-1a, 32 bits, of a string's UTF-16 code units; the bucket is its low bits. */
export function bucket(feature: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < feature.length; i++) {
    h ^= feature.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & MASK;
}

/** One e-mail as sparse features: bucket indices (sorted, distinct) and their values (unit length). */
export interface SparseVector {
  idx: number[];
  val: number[];
}

/** Lengths of the character n-grams read inside each word ("#merci#" → "#me", "mer", … "#mer", …). */
export const CHAR_NGRAMS = [3, 4, 5] as const;

/**
 * The features the linear model reads from a text: its words and word bigrams (accents stripped,
 * numbers, times, amounts and addresses as placeholders — tokens.ts) and the character n-grams
 * of each word, so that "unsubscribed", "abmelden"/"abgemeldet" and a typo ("intrested") share
 * most of their features. Each feature counts once; the vector has unit length, so a long e-mail
 * does not outweigh a short one.
 */
export function featurize(text: string): SparseVector {
  const words = normalisedWords(text);
  const feats = new Set<number>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    feats.add(bucket(`w:${w}`));
    if (i + 1 < words.length) feats.add(bucket(`b:${w}_${words[i + 1]}`));
    if (w.startsWith("z") && /^z(email|url|money|time|num|qmark|bang)$/.test(w)) continue;
    const padded = `#${w}#`;
    for (const n of CHAR_NGRAMS) for (let j = 0; j + n <= padded.length; j++) feats.add(bucket(`c:${padded.slice(j, j + n)}`));
  }
  const idx = [...feats].sort((a, b) => a - b);
  const v = idx.length ? 1 / Math.sqrt(idx.length) : 0;
  return { idx, val: idx.map(() => v) };
}
