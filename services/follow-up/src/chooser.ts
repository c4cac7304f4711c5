/**
 * Deterministic choice among variants: a stable hash of the lead and the context, never
 * Math.random, so the same input always gives the same e-mail and two leads usually differ.
 */

/** 32-bit FNV-1a. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** JSON with sorted keys and no undefined values, so equal inputs hash equally whatever their key order. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
}

export class Chooser {
  /**
   * @param seed   stable hash input of the lead and context
   * @param offset number of earlier follow-ups: shifts every choice, so the next e-mail to the same
   *               lead picks a different variant wherever there is more than one
   */
  constructor(
    private readonly seed: string,
    private readonly offset: number,
  ) {}

  index(slot: string, length: number): number {
    return (fnv1a(`${this.seed}|${slot}`) + this.offset) % length;
  }

  pick<T>(slot: string, options: readonly T[]): T {
    const choice = options[this.index(slot, options.length)];
    if (choice === undefined) throw new Error(`no options for ${slot}`);
    return choice;
  }
}
