import { NEGATED, NEGATED_PHRASES, NO_MEETING } from "../data/negation.js";

/**
 * The text with every negated phrase replaced by a neutral marker: a declined meeting ("no need
 * for a call") by ` znomeeting `, a negated positive ("not moving forward") by ` znegated `.
 */
export function maskNegated(lowered: string): string {
  let t = lowered;
  NEGATED_PHRASES.forEach((r, i) => {
    t = t.replace(r, i === 0 ? NO_MEETING : NEGATED);
  });
  return t;
}
