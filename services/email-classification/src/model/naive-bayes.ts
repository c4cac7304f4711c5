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
 */
export class NaiveBayes {
  private readonly logPrior: number[];
  private readonly logLikelihood = new Map<string, number[]>();
  private readonly logUnknown: number[];

  constructor(readonly data: NaiveBayesData) {
    const k = data.classes.length;
    const total = data.docs.reduce((a, b) => a + b, 0);
    this.logPrior = data.docs.map((d) => Math.log((d + 1) / (total + k)));
    const vocab = Object.keys(data.counts).length;
    const sums = new Array<number>(k).fill(0);
    for (const c of Object.values(data.counts)) for (let i = 0; i < k; i++) sums[i]! += c[i] ?? 0;
    this.logUnknown = sums.map((s) => Math.log(1 / (s + vocab + 1)));
    for (const [token, c] of Object.entries(data.counts)) {
      this.logLikelihood.set(
        token,
        c.map((n, i) => Math.log((n + 1) / (sums[i]! + vocab + 1))),
      );
    }
  }

  /** Log-probability per category (up to a constant) of a text. Unknown tokens are skipped. */
  scores(text: string): Map<EmailCategory, number> {
    const s = [...this.logPrior];
    const seen = new Set<string>();
    for (const t of tokenize(text)) {
      // Each token counts once per e-mail (binary naive Bayes: long e-mails do not drown short ones).
      if (seen.has(t)) continue;
      seen.add(t);
      const l = this.logLikelihood.get(t);
      if (!l) continue;
      for (let i = 0; i < s.length; i++) s[i]! += l[i]!;
    }
    return new Map(this.data.classes.map((c, i) => [c, s[i]!]));
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
