import { describe, expect, it } from "vitest";
import { Budget, MemorySpendStore, type SpendStore } from "../src/budget.js";

/** One shared store (what NATS KV is for the replicas), counting reads; reads fail while `down`. */
class SharedStore implements SpendStore {
  readonly inner = new MemorySpendStore();
  reads = 0;
  down = false;
  async read(key: string): Promise<number> {
    this.reads++;
    if (this.down) throw new Error("store unreachable");
    return this.inner.read(key);
  }
  async add(key: string, usd: number): Promise<number> {
    if (this.down) throw new Error("store unreachable");
    return this.inner.add(key, usd);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const opts = { dailyUsd: 1, providerCaps: new Map<string, number>(), readMaxAgeMs: 150, refreshAfterMs: 30 };

describe("budget reads: a call does not wait for the store while the last read is fresh", () => {
  it("reads once for a burst of calls, refreshes in the background, reads again once the value is too old", async () => {
    const store = new SharedStore();
    const b = new Budget(store, opts);
    for (let i = 0; i < 20; i++) {
      const r = await b.reserve("p", 0.01);
      if (r.ok) await b.commit(r.reservation, 0);
    }
    expect(store.reads).toBe(1);
    await sleep(50);
    expect((await b.reserve("p", 0.01)).ok).toBe(true); // fresh enough: answered at once, refreshed behind
    await sleep(10);
    expect(store.reads).toBe(2);
    await sleep(200);
    expect((await b.reserve("p", 0.01)).ok).toBe(true); // too old: read before deciding
    expect(store.reads).toBe(3);
  });

  it("never spends blind: once the last good read is too old and the store cannot be read, calls are refused", async () => {
    const store = new SharedStore();
    const b = new Budget(store, opts);
    expect((await b.reserve("p", 0.01)).ok).toBe(true);
    store.down = true;
    await sleep(50);
    expect((await b.reserve("p", 0.01)).ok).toBe(true); // within 150 ms of a good read
    await sleep(150);
    expect(await b.reserve("p", 0.01)).toMatchObject({ ok: false, reason: "budget_unknown" });
    expect(b.status().store_errors).toBeGreaterThanOrEqual(2);
  });

  it("within one replica the limit holds exactly, whatever the age of the read", async () => {
    const b = new Budget(new SharedStore(), opts);
    const spent: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await b.reserve("p", 0.3);
      if (!r.ok) break;
      await b.commit(r.reservation, 0.3);
      spent.push(0.3);
    }
    expect(spent).toHaveLength(3);
    expect(b.status().spent_usd).toBeCloseTo(0.9, 9);
  });

  it("another replica's spend is seen within the read age", async () => {
    const store = new SharedStore();
    const a = new Budget(store, opts);
    const other = new Budget(store, opts);
    expect((await a.reserve("p", 0.5)).ok).toBe(true);
    const r = await other.reserve("p", 0.9);
    if (r.ok) await other.commit(r.reservation, 0.9);
    // `a` read 0 a moment ago; after at most 150 ms (plus a background refresh) it sees the 0.9.
    await sleep(200);
    expect(await a.reserve("p", 0.2)).toMatchObject({ ok: false, reason: "budget", spentUsd: 0.9 });
  });

  it("calls that need a read while one is in flight wait for it (one read for a first wave), and the limit still holds", async () => {
    const store = new SharedStore();
    const b = new Budget(store, opts);
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => b.reserve("p", 0.3)));
    expect(store.reads).toBe(1);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(3);
    expect(outcomes.filter((o) => !o.ok)).toHaveLength(7);
    // After an idle spell the value is too old: the next burst reads once more, not once per call.
    await sleep(200);
    await Promise.all(Array.from({ length: 10 }, () => b.reserve("p", 0.01)));
    expect(store.reads).toBe(2);
    // A shared read that fails refuses every call waiting for it.
    await sleep(200);
    store.down = true;
    const refused = await Promise.all(Array.from({ length: 5 }, () => b.reserve("p", 0.01)));
    expect(refused.every((o) => !o.ok && o.reason === "budget_unknown")).toBe(true);
    expect(store.reads).toBe(3);
  });

  it("readMaxAgeMs 0 reads before every call", async () => {
    const store = new SharedStore();
    const b = new Budget(store, { ...opts, readMaxAgeMs: 0 });
    for (let i = 0; i < 5; i++) await b.reserve("p", 0.01);
    expect(store.reads).toBe(5);
  });
});
