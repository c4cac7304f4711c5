import { Kvm, type KV } from "@nats-io/kv";
import type { NatsConnection } from "@nats-io/transport-node";

/** Where the day's spend lives: shared by every replica (NATS KV), or in memory (one process). */
export interface SpendStore {
  /** Current value of `key` in USD (0 when absent). */
  read(key: string): Promise<number>;
  /** Adds `usd` to `key` atomically and returns the new total. */
  add(key: string, usd: number): Promise<number>;
}

export class MemorySpendStore implements SpendStore {
  private readonly values = new Map<string, number>();
  async read(key: string): Promise<number> {
    return this.values.get(key) ?? 0;
  }
  async add(key: string, usd: number): Promise<number> {
    const v = (this.values.get(key) ?? 0) + usd;
    this.values.set(key, v);
    return v;
  }
}

/**
 * Spend in a NATS KV bucket: compare-and-set on the key's revision (`kv.update(key, v, rev)`),
 * looping when another replica wrote first. Keys expire after three days (bucket TTL).
 */
export class KvSpendStore implements SpendStore {
  private constructor(private readonly kv: KV) {}

  static async open(nc: NatsConnection, bucket: string, replicas = 1): Promise<KvSpendStore> {
    const kvm = new Kvm(nc);
    let kv: KV;
    try {
      kv = await kvm.create(bucket, { history: 1, ttl: 3 * 86_400_000, replicas });
    } catch {
      kv = await kvm.open(bucket);
    }
    return new KvSpendStore(kv);
  }

  async read(key: string): Promise<number> {
    const e = await this.kv.get(key);
    if (!e || e.operation !== "PUT") return 0;
    const v = Number(e.string());
    return Number.isFinite(v) ? v : 0;
  }

  async add(key: string, usd: number): Promise<number> {
    let lastError: unknown;
    for (let i = 0; i < 25; i++) {
      const e = await this.kv.get(key);
      try {
        if (!e || e.operation !== "PUT") {
          await this.kv.create(key, String(usd));
          return usd;
        }
        const prev = Number(e.string());
        const next = (Number.isFinite(prev) ? prev : 0) + usd;
        await this.kv.update(key, String(next), e.revision);
        return next;
      } catch (err) {
        // Someone else wrote first (JetStream 10071 "wrong last sequence"): read again.
        lastError = err;
        await new Promise((r) => setTimeout(r, Math.random() * 5 * (i + 1)));
      }
    }
    throw lastError;
  }
}

export interface BudgetOptions {
  /** USD per UTC day across all replicas; 0 = no limit. */
  dailyUsd: number;
  /** Per-provider caps in USD per day. */
  providerCaps: ReadonlyMap<string, number>;
  /** A tenant's USD per UTC day (0 or undefined = no tenant limit; the global one still applies). */
  tenantDailyUsd?: (tenant: string) => number | undefined;
  /**
   * How old (ms since the read was sent) a value read from the store may be and still decide a
   * call without a new read: a call does not wait for a round trip to the store while the last
   * read is this fresh. Default 200 (DEFAULT_READ_MAX_AGE_MS); 0 = read before every call.
   */
  readMaxAgeMs?: number;
  /** A value older than this (ms) is read again in the background when a call uses it. Default 50. */
  refreshAfterMs?: number;
  now?: () => Date;
}

/** BudgetOptions.readMaxAgeMs when unset. */
export const DEFAULT_READ_MAX_AGE_MS = 200;

export type ReserveOutcome =
  | { ok: true; reservation: Reservation }
  | { ok: false; reason: "budget" | "provider_budget" | "tenant_budget"; spentUsd: number; limitUsd: number }
  | { ok: false; reason: "budget_unknown"; error: unknown };

export interface Reservation {
  readonly day: string;
  readonly provider: string;
  readonly usd: number;
  /** The tenant whose spend this is (counted under its own key as well). */
  readonly tenant?: string | undefined;
}

export interface BudgetStatus {
  day: string;
  spent_usd: number;
  limit_usd: number | null;
  remaining_usd: number | null;
  /** Estimated cost of calls in flight in this process. */
  reserved_usd: number;
  providers: Record<string, { spent_usd: number; limit_usd: number | null; remaining_usd: number | null }>;
  store_errors: number;
}

const round = (usd: number) => Math.round(usd * 1e6) / 1e6;

/**
 * The daily budget. Before a call, `reserve()` takes the shared spend and refuses when the spend,
 * plus this process's in-flight reservations, plus the call's worst-case cost would pass the
 * limit; after it, `commit()` adds the real cost to the shared total. The shared spend is read
 * from the store, or taken from a read sent at most `readMaxAgeMs` (200 ms) ago, which is then
 * refreshed in the background: under load a call does not wait for a round trip to the store
 * (that wait was most of an LLM task's time before its request left). A value that cannot be
 * refreshed ages out, and the next call reads again: it never spends blind.
 *
 * Worst-case overshoot: replicas do not see each other's in-flight calls, nor what they spent in
 * the last `readMaxAgeMs`, so the limit can be passed by at most (replicas − 1) × (calls in
 * flight per replica + calls it finished in the last 200 ms) × (worst-case cost of one call);
 * within one replica reservations make it 0. Worst-case cost of a call is its prompt estimate
 * plus max_tokens at the output price, e.g. with 4 replicas 3 × 8 calls × $0.0015 ≈ $0.04 for
 * DeepSeek-V3 with LLM_MAX_TOKENS=1200 (twice that if every call ended within 200 ms of another).
 */
export class Budget {
  private readonly reserved = new Map<string, number>();
  private readonly known = new Map<string, number>();
  private unflushed = new Map<string, number>();
  /** Per key, when the read behind `known` was sent (epoch ms). */
  private readonly readAt = new Map<string, number>();
  /** Keys being read again in the background. */
  private readonly refreshing = new Set<string>();
  /** Per key, the read in flight and when it was sent: calls that need a read meanwhile share it. */
  private readonly reading = new Map<string, { sentAt: number; value: Promise<number> }>();
  /** Per key, how many of this process's commits reached the store (a read sent before one may be older than `known`). */
  private readonly writes = new Map<string, number>();
  private storeErrors = 0;
  private readonly now: () => Date;
  private readonly maxAgeMs: number;
  private readonly refreshAfterMs: number;

  constructor(
    private readonly store: SpendStore,
    private readonly o: BudgetOptions,
  ) {
    this.now = o.now ?? (() => new Date());
    this.maxAgeMs = o.readMaxAgeMs ?? DEFAULT_READ_MAX_AGE_MS;
    this.refreshAfterMs = Math.min(o.refreshAfterMs ?? 50, this.maxAgeMs);
  }

  /**
   * The shared spend under `key`: without a round trip while the last read was sent at most
   * `maxAgeMs` ago (read again in the background once it is `refreshAfterMs` old), else read now —
   * or wait for the read of this key already in flight when it was sent less than `maxAgeMs` ago
   * (after an idle spell, the 50 calls of the first wave made 50 reads, each a round trip queued
   * behind the others). Rejects when the store cannot be read and no fresh value is known.
   */
  private shared(key: string): number | Promise<number> {
    const at = this.readAt.get(key);
    const now = Date.now();
    if (at !== undefined && now - at < this.maxAgeMs) {
      if (now - at > this.refreshAfterMs && !this.refreshing.has(key)) {
        this.refreshing.add(key);
        this.readNow(key)
          .catch(() => undefined) // counted in readNow; the value ages out and a call reads again
          .finally(() => this.refreshing.delete(key));
      }
      return this.known.get(key) ?? 0;
    }
    const inFlight = this.reading.get(key);
    if (inFlight && now - inFlight.sentAt < this.maxAgeMs) return inFlight.value;
    return this.readNow(key);
  }

  private readNow(key: string): Promise<number> {
    const sentAt = Date.now();
    const value = this.read(key, sentAt);
    const entry = { sentAt, value };
    this.reading.set(key, entry);
    const done = () => {
      if (this.reading.get(key) === entry) this.reading.delete(key);
    };
    value.then(done, done);
    return value;
  }

  private async read(key: string, sentAt: number): Promise<number> {
    const writes = this.writes.get(key) ?? 0;
    let v: number;
    try {
      v = await this.store.read(key);
    } catch (e) {
      this.storeErrors++;
      throw e;
    }
    const known = this.known.get(key);
    // A read sent before the last one we heard back from is older: the newer one stands.
    if (sentAt < (this.readAt.get(key) ?? -Infinity)) return Math.max(v, known ?? 0);
    // A commit of ours that reached the store after this read was sent is not in `v`: keep the
    // higher value (a day's spend only grows) rather than forget it.
    const value = (this.writes.get(key) ?? 0) !== writes && known !== undefined ? Math.max(known, v) : v;
    this.known.set(key, value);
    this.readAt.set(key, sentAt);
    return value;
  }

  day(): string {
    return this.now().toISOString().slice(0, 10);
  }

  private static totalKey(day: string) {
    return `spend.${day}.total`;
  }
  private static providerKey(day: string, provider: string) {
    return `spend.${day}.provider.${provider}`;
  }
  private static tenantKey(day: string, tenant: string) {
    return `spend.${day}.tenant.${tenant}`;
  }

  private bump(map: Map<string, number>, key: string, usd: number) {
    const v = (map.get(key) ?? 0) + usd;
    if (Math.abs(v) < 1e-12) map.delete(key);
    else map.set(key, v);
  }

  get limited(): boolean {
    return this.o.dailyUsd > 0 || this.o.providerCaps.size > 0;
  }

  async reserve(provider: string, estimateUsd: number, tenant?: string): Promise<ReserveOutcome> {
    const day = this.day();
    const tKey = Budget.totalKey(day);
    const pKey = Budget.providerKey(day, provider);
    const cap = this.o.providerCaps.get(provider);
    // A tenant's own limit first: it is checked (and counted) on its own key.
    const tenantLimit = tenant ? this.o.tenantDailyUsd?.(tenant) : undefined;
    if (tenant && tenantLimit && tenantLimit > 0) {
      const nKey = Budget.tenantKey(day, tenant);
      let spentByTenant: number;
      try {
        spentByTenant = await this.shared(nKey);
      } catch (error) {
        return { ok: false, reason: "budget_unknown", error };
      }
      if (spentByTenant + (this.reserved.get(nKey) ?? 0) + estimateUsd > tenantLimit) {
        return { ok: false, reason: "tenant_budget", spentUsd: spentByTenant, limitUsd: tenantLimit };
      }
    }
    const outcome = await this.reserveShared(day, tKey, pKey, cap, provider, estimateUsd);
    if (outcome.ok && tenant) {
      this.bump(this.reserved, Budget.tenantKey(day, tenant), estimateUsd);
      return { ok: true, reservation: { ...outcome.reservation, tenant } };
    }
    return outcome;
  }

  private async reserveShared(day: string, tKey: string, pKey: string, cap: number | undefined, provider: string, estimateUsd: number): Promise<ReserveOutcome> {
    if (!this.limited) {
      // No limit to protect: no read of the shared total per call (commits still record spend).
      this.bump(this.reserved, tKey, estimateUsd);
      this.bump(this.reserved, pKey, estimateUsd);
      return { ok: true, reservation: { day, provider, usd: estimateUsd } };
    }
    let total: number;
    let perProvider = 0;
    try {
      total = await this.shared(tKey);
      if (cap !== undefined) perProvider = await this.shared(pKey);
    } catch (error) {
      // Without a limit there is nothing to protect; with one, never spend blind.
      if (this.o.dailyUsd > 0 || cap !== undefined) return { ok: false, reason: "budget_unknown", error };
      total = this.known.get(tKey) ?? 0;
    }
    if (this.o.dailyUsd > 0 && total + (this.reserved.get(tKey) ?? 0) + estimateUsd > this.o.dailyUsd) {
      return { ok: false, reason: "budget", spentUsd: total, limitUsd: this.o.dailyUsd };
    }
    if (cap !== undefined && perProvider + (this.reserved.get(pKey) ?? 0) + estimateUsd > cap) {
      return { ok: false, reason: "provider_budget", spentUsd: perProvider, limitUsd: cap };
    }
    this.bump(this.reserved, tKey, estimateUsd);
    this.bump(this.reserved, pKey, estimateUsd);
    return { ok: true, reservation: { day, provider, usd: estimateUsd } };
  }

  /** Releases a reservation and adds what the call really cost (0 when it failed before an answer). */
  async commit(r: Reservation, actualUsd: number): Promise<void> {
    const tKey = Budget.totalKey(r.day);
    const pKey = Budget.providerKey(r.day, r.provider);
    if (actualUsd > 0) {
      this.bump(this.unflushed, tKey, actualUsd);
      this.bump(this.unflushed, pKey, actualUsd);
      if (r.tenant) this.bump(this.unflushed, Budget.tenantKey(r.day, r.tenant), actualUsd);
      await this.flush();
    }
    this.bump(this.reserved, tKey, -r.usd);
    this.bump(this.reserved, pKey, -r.usd);
    if (r.tenant) this.bump(this.reserved, Budget.tenantKey(r.day, r.tenant), -r.usd);
  }

  /** What a tenant has spent today (this process's view of the shared total). */
  tenantSpent(tenant: string): number {
    const k = Budget.tenantKey(this.day(), tenant);
    return round((this.known.get(k) ?? 0) + (this.unflushed.get(k) ?? 0));
  }

  private async flush(): Promise<void> {
    const pending = this.unflushed;
    this.unflushed = new Map();
    for (const [key, usd] of pending) {
      try {
        const total = await this.store.add(key, usd);
        this.writes.set(key, (this.writes.get(key) ?? 0) + 1);
        this.known.set(key, total);
      } catch {
        // Kept and added with the next commit; the local view still counts it.
        this.storeErrors++;
        this.bump(this.unflushed, key, usd);
        this.bump(this.known, key, usd);
      }
    }
  }

  status(): BudgetStatus {
    const day = this.day();
    const spent = (this.known.get(Budget.totalKey(day)) ?? 0) + (this.unflushed.get(Budget.totalKey(day)) ?? 0);
    const limit = this.o.dailyUsd > 0 ? this.o.dailyUsd : null;
    const providers: BudgetStatus["providers"] = {};
    const prefix = `spend.${day}.provider.`;
    const names = new Set<string>([...this.o.providerCaps.keys()]);
    for (const k of this.known.keys()) if (k.startsWith(prefix)) names.add(k.slice(prefix.length));
    for (const name of names) {
      const s = this.known.get(Budget.providerKey(day, name)) ?? 0;
      const cap = this.o.providerCaps.get(name);
      providers[name] = { spent_usd: round(s), limit_usd: cap ?? null, remaining_usd: cap !== undefined ? round(Math.max(0, cap - s)) : null };
    }
    return {
      day,
      spent_usd: round(spent),
      limit_usd: limit,
      remaining_usd: limit !== null ? round(Math.max(0, limit - spent)) : null,
      reserved_usd: round(this.reserved.get(Budget.totalKey(day)) ?? 0),
      providers,
      store_errors: this.storeErrors,
    };
  }
}
