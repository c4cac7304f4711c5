/**
 * Scores of a classifier on labelled e-mails: per-category precision and recall, macro-F1 and
 * the confusion matrix (rows: the label; columns: what the classifier said).
 */
export interface CategoryScore {
  category: string;
  support: number;
  predicted: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface ClassificationScores {
  total: number;
  correct: number;
  accuracy: number;
  macro_f1: number;
  per_category: CategoryScore[];
  /** matrix[label][predicted] = count. */
  confusion: Record<string, Record<string, number>>;
}

export function scoreClassifications(categories: readonly string[], pairs: readonly { label: string; predicted: string }[]): ClassificationScores {
  const confusion: Record<string, Record<string, number>> = {};
  for (const l of categories) confusion[l] = Object.fromEntries(categories.map((p) => [p, 0]));
  for (const { label, predicted } of pairs) {
    const row = (confusion[label] ??= {});
    row[predicted] = (row[predicted] ?? 0) + 1;
  }
  const per_category = categories.map((c): CategoryScore => {
    const tp = confusion[c]?.[c] ?? 0;
    const support = Object.values(confusion[c] ?? {}).reduce((a, b) => a + b, 0);
    const predicted = Object.values(confusion).reduce((a, row) => a + (row[c] ?? 0), 0);
    const precision = predicted ? tp / predicted : support ? 0 : 1;
    const recall = support ? tp / support : 1;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { category: c, support, predicted, precision, recall, f1 };
  });
  const present = per_category.filter((s) => s.support > 0 || s.predicted > 0);
  const correct = pairs.filter((p) => p.label === p.predicted).length;
  return {
    total: pairs.length,
    correct,
    accuracy: pairs.length ? correct / pairs.length : 0,
    macro_f1: present.length ? present.reduce((a, s) => a + s.f1, 0) / present.length : 0,
    per_category,
    confusion,
  };
}
