import type { LexItem } from "./lexicon.js";
import { findAll, mask, type Span } from "./text.js";
import type { Point } from "./types.js";

/** "not", "kein", "pas" … just before a hit, or "yet" just after it: the hit is denied ("no demo yet"). */
export const isNegated = (text: string, s: Span) =>
  /(?:\bnot|\bno|\bnever|n't|\byet to|\bkein\w*|\bnicht|\bnoch nicht|\bpas|\bjamais|\baún no|\btodavía no)\s+(?:\w+\s+){0,2}$/iu.test(text.slice(Math.max(0, s.start - 30), s.start)) ||
  /^\s*(?:yet|noch nicht|pas encore|todavía|aún)\b/iu.test(text.slice(s.end, s.end + 16));

/**
 * What the context reader has found so far in one note: the points, where each was found, and the
 * text with those places blanked out, so later patterns do not read them again.
 */
export class Reading {
  readonly points: Point[] = [];
  masked: string;
  readonly spans: { point: Point; span: Span }[] = [];

  constructor(readonly text: string) {
    this.masked = text;
  }

  add(point: Point, span: Span): void {
    const known = this.points.find((p) => p.kind === point.kind && p.id === point.id);
    if (known) Object.assign(known, { ...point, ...known, migration: known.migration || point.migration });
    else this.points.push(point);
    this.spans.push({ point: known ?? point, span });
    this.masked = mask(this.masked, [span]);
  }

  items(items: readonly LexItem[], kind: Point["kind"]): void {
    for (const item of items) {
      for (const s of findAll(this.masked, item.patterns, { caseSensitive: item.caseSensitive === true })) this.add({ kind, id: item.id, label: item.label }, s);
    }
  }
}
