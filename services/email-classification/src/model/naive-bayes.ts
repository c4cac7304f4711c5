import { EMAIL_CATEGORIES, type EmailCategory } from "@gardenos/contracts";
import { tokenize } from "./tokens.js";

/** The trained model as shipped (data/model.json): token counts per category, written by `npm run email-model:train`. */
export interface NaiveBayesData {
  version: number;
  trained_on: { file: string; emails: number; at: string };
  classes: EmailCategory[];
  /** E-mails per category. */
  docs: number[];
  /** For each token, how often it occurs in each category's e-mails (same order as classes). */
  counts: Record<string, number[]>;
}

/**
 * Multinomial naive Bayes over tokens (tokens.ts) with add-one smoothing: the "small trained
 * model" of the built-in classifier. Its scores are log-probabilities per category.
 *
 * Kept compact: a token's row number in a Map and the log-likelihoods of every row in one
 * Float64Array (the same doubles as before, so the same scores); the counts it was built from are
 * not kept (10,267 tokens as JS arrays, twice, held ≈ 2 MB).
 */
export class NaiveBayes {
  readonly classes: readonly EmailCategory[];
  private readonly logPrior: Float64Array;
  /** Token → its row in `logLikelihood`. */
  private readonly rows = new Map<string, number>();
  /** Row after row, one log-likelihood per category (in the order of `classes`). */
  private readonly logLikelihood: Float64Array;

  constructor(data: NaiveBayesData) {
    const k = data.classes.length;
    this.classes = [...data.classes];
    const total = data.docs.reduce((a, b) => a + b, 0);
    this.logPrior = Float64Array.from(data.docs, (d) => Math.log((d + 1) / (total + k)));
    const counts = Object.entries(data.counts);
    const vocab = counts.length;
    const sums = new Array<number>(k).fill(0);
    for (const [, c] of counts) for (let i = 0; i < k; i++) sums[i]! += c[i] ?? 0;
    this.logLikelihood = new Float64Array(vocab * k);
    counts.forEach(([token, c], row) => {
      this.rows.set(token, row);
      for (let i = 0; i < k; i++) this.logLikelihood[row * k + i] = Math.log(((c[i] ?? 0) + 1) / (sums[i]! + vocab + 1));
    });
  }

  /** Log-probability per category (up to a constant) of a text. Unknown tokens are skipped. */
  scores(text: string): Map<EmailCategory, number> {
    const s = Float64Array.from(this.logPrior);
    const k = s.length;
    const seen = new Set<string>();
    for (const t of tokenize(text)) {
      // Each token counts once per e-mail (binary naive Bayes: long e-mails do not drown short ones).
      if (seen.has(t)) continue;
      seen.add(t);
      const row = this.rows.get(t);
      if (row === undefined) continue;
      for (let i = 0; i < k; i++) s[i]! += this.logLikelihood[row * k + i]!;
    }
    return new Map(this.classes.map((c, i) => [c, s[i]!]));
  }

  /** Counts a model from labelled texts (the training script). Tokens seen in fewer than `minDocs` e-mails are left out. */
  static train(samples: readonly { text: string; label: EmailCategory }[], o: { file: string; minDocs?: number; now?: Date }): NaiveBayesData {
    const classes = [...EMAIL_CATEGORIES];
    const docs = classes.map(() => 0);
    const counts = new Map<string, number[]>();
    const df = new Map<string, number>();
    for (const s of samples) {
      const i = classes.indexOf(s.label);
      docs[i]!++;
      for (const t of new Set(tokenize(s.text))) {
        const c = counts.get(t) ?? classes.map(() => 0);
        c[i]!++;
        counts.set(t, c);
        df.set(t, (df.get(t) ?? 0) + 1);
      }
    }
    const keep: Record<string, number[]> = {};
    for (const [t, c] of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) if ((df.get(t) ?? 0) >= (o.minDocs ?? 2)) keep[t] = c;
    return { version: 1, trained_on: { file: o.file, emails: samples.length, at: (o.now ?? new Date()).toISOString() }, classes, docs, counts: keep };
  }
}
