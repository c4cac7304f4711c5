import { BANDS, type Band } from "@gardenos/contracts";

/** Band weights for the fairness rule: of every 10 picks with all bands waiting, 6 high, 3 normal, 1 low. */
export const BAND_WEIGHTS: Readonly<Record<Band, number>> = { high: 6, normal: 3, low: 1 };

/**
 * Holds at most one offer per band (the next message of that band's consumer) and hands them out
 * by smooth weighted round robin over the bands that have one: high goes first while the low band
 * always progresses. Pure: knows nothing of NATS.
 */
export class BandScheduler<T extends { readonly band: Band }> {
  private readonly offers = new Map<Band, T>();
  private readonly current: Record<Band, number> = { high: 0, normal: 0, low: 0 };

  constructor(private readonly weights: Readonly<Record<Band, number>> = BAND_WEIGHTS) {}

  /** Bands with an offer waiting. */
  get size(): number {
    return this.offers.size;
  }

  /** Puts up the next offer of its band (replacing one that waits there). */
  offer(item: T): void {
    this.offers.set(item.band, item);
  }

  /** Takes the offer of the band whose turn it is; undefined when none waits. */
  take(): T | undefined {
    let best: Band | undefined;
    let total = 0;
    for (const band of BANDS) {
      if (!this.offers.has(band)) continue;
      const w = this.weights[band];
      this.current[band] += w;
      total += w;
      if (best === undefined || this.current[band] > this.current[best]) best = band;
    }
    if (best === undefined) return undefined;
    this.current[best] -= total;
    const item = this.offers.get(best);
    this.offers.delete(best);
    return item;
  }

  /** True when the band has an offer waiting. */
  has(band: Band): boolean {
    return this.offers.has(band);
  }

  /** Removes and returns every waiting offer (at shutdown). */
  clear(): T[] {
    const all = [...this.offers.values()];
    this.offers.clear();
    return all;
  }
}
