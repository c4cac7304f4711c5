/**
 * Adaptive concurrency limit for one provider (AIMD): at most `limit` calls in flight from this
 * process. A 429 halves the limit and pauses new calls until the provider's Retry-After; every
 * `limit` successes in a row raise it by one, back up to the configured maximum. So 50 agents
 * sharing a rate-limited key queue here instead of hammering it.
 */
export class AdaptiveLimiter {
  private limitNow: number;
  private active = 0;
  private pausedUntil = 0;
  private streak = 0;
  private rateLimitedCount = 0;
  private readonly waiters: Array<{ grant: () => void }> = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(readonly max: number) {
    this.limitNow = max;
  }

  get limit(): number {
    return this.limitNow;
  }
  get inFlight(): number {
    return this.active;
  }
  get rateLimited(): number {
    return this.rateLimitedCount;
  }
  /** Milliseconds until calls may start again (0 when not paused). */
  pauseLeftMs(now = Date.now()): number {
    return Math.max(0, this.pausedUntil - now);
  }

  /**
   * Waits for a slot. Resolves true with the slot taken, or false when none frees up before
   * `deadline` (epoch ms) or `signal` aborts; the caller then tries another provider.
   */
  acquire(deadline: number, signal?: AbortSignal): Promise<boolean> {
    if (this.waiters.length === 0 && this.canStart()) {
      this.active++;
      return Promise.resolve(true);
    }
    return new Promise<boolean>((resolve) => {
      let settled = false;
      const waiter = {
        grant: () => {
          if (settled) return;
          settled = true;
          cleanup();
          this.active++;
          resolve(true);
        },
      };
      const giveUp = () => {
        if (settled) return;
        settled = true;
        cleanup();
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        resolve(false);
        this.pump();
      };
      const t = setTimeout(giveUp, Math.max(0, deadline - Date.now()));
      const cleanup = () => {
        clearTimeout(t);
        signal?.removeEventListener("abort", giveUp);
      };
      signal?.addEventListener("abort", giveUp, { once: true });
      this.waiters.push(waiter);
      this.pump();
    });
  }

  release(): void {
    this.active = Math.max(0, this.active - 1);
    this.pump();
  }

  onSuccess(): void {
    if (this.limitNow >= this.max) return;
    if (++this.streak >= this.limitNow) {
      this.limitNow++;
      this.streak = 0;
      this.pump();
    }
  }

  /** A 429: halve the limit and pause until the provider says (1 s when it does not). */
  onRateLimited(retryAfterMs: number | undefined): void {
    this.rateLimitedCount++;
    this.streak = 0;
    this.limitNow = Math.max(1, Math.floor(this.limitNow / 2));
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + Math.min(retryAfterMs ?? 1000, 10 * 60_000));
    this.pump();
  }

  private canStart(): boolean {
    return this.active < this.limitNow && Date.now() >= this.pausedUntil;
  }

  private pump(): void {
    while (this.waiters.length > 0 && this.canStart()) this.waiters.shift()!.grant();
    const left = this.pauseLeftMs();
    if (this.waiters.length > 0 && left > 0 && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, left);
      this.timer.unref();
    }
  }

  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
