/**
 * Negated phrases: what a reply says it does NOT want. Before the category hints are read, each
 * match is replaced by a neutral marker, so "no need for another call" is no meeting request and
 * "prefer not to move forward" no sign of interest (en/de/fr/es). Data only; text/negation.ts reads it.
 */
/** Marker of a declined meeting ("no need for another call"): no sign of any category. */
export const NO_MEETING = " znomeeting ";
/** Marker of a negated positive ("not moving forward"): a sign of not being interested. */
export const NEGATED = " znegated ";

/** The first pattern is a declined meeting, the others negated positives. */
export const NEGATED_PHRASES: readonly RegExp[] = [
  // "no need for another call", "without a demo", "don't need a meeting"
  /\b(no need (for|to have)|(don'?t|do not|won'?t) need|without|no (more|further))( a| an| another| any| one more)? (call|meeting|demo|chat|walkthrough|presentation)s?\b/g,
  // "not (ready) to move forward", "prefer not to go ahead", "won't be proceeding"
  /\b(not|never|won'?t|don'?t|do not|decided against)( \w+){0,2}? (go(ing)? ahead|mov(e|ing) forward|proceed(ing)?|continu(e|ing)|pursu(e|ing)|invest(ing)?|buy(ing)?|sign(ing)?|interested)\b/g,
  /\b(nicht|kein\w*)( \w+){0,2}? (weiter|interessiert|interesse|fortfahren|kaufen)\b/g,
  /\b(ne|n')( \w+){0,2}? pas( \w+){0,2}? (avancer|poursuivre|continuer|intéressés?)\b/g,
  /\bno( \w+){0,2}? (seguir adelante|avanzar|continuar|contratar|interesad[oa]s?)\b/g,
];
