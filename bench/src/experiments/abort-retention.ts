/**
 * Reproduces the agent pool's per-task memory retention outside the pool:
 * `node --expose-gc bench/dist/experiments/abort-retention.js pool|cleared`.
 * 60,000 short tasks, each holding a 5 KB payload, run one after another. "pool" uses the deadline
 * pattern of AgentPool.run() (AbortSignal.any([AbortSignal.timeout(30 s), hardStop]) and an
 * `abort` listener that is never removed); "cleared" uses a per-task timer cleared in `finally`
 * and removes its listeners. Prints the heap still in use after a full GC.
 */
const hardStop = new AbortController();
const mode = process.argv[2] === "cleared" ? "cleared" : "pool";

async function task(i: number): Promise<void> {
  const payload = "x".repeat(5000) + i;
  if (mode === "pool") {
    const signal = AbortSignal.any([AbortSignal.timeout(30_000), hardStop.signal]);
    await Promise.race([
      Promise.resolve(payload.length),
      new Promise<never>((_, reject) => {
        const onAbort = () => reject(new Error(payload.slice(0, 10)));
        signal.addEventListener("abort", onAbort, { once: true });
      }),
    ]);
    return;
  }
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), 30_000);
  let onAbort: (() => void) | undefined;
  try {
    await Promise.race([
      Promise.resolve(payload.length),
      new Promise<never>((_, reject) => {
        onAbort = () => reject(new Error(payload.slice(0, 10)));
        ac.signal.addEventListener("abort", onAbort, { once: true });
        hardStop.signal.addEventListener("abort", onAbort, { once: true });
      }),
    ]);
  } finally {
    clearTimeout(timer);
    if (onAbort) {
      ac.signal.removeEventListener("abort", onAbort);
      hardStop.signal.removeEventListener("abort", onAbort);
    }
  }
}

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");
for (let i = 0; i < 60_000; i++) await task(i);
gc();
await new Promise((r) => setTimeout(r, 100));
gc();
const mb = (n: number) => Math.round(n / 2 ** 20);
console.log(`${mode}: heap in use after GC ${mb(process.memoryUsage().heapUsed)} MB, RSS ${mb(process.memoryUsage().rss)} MB`);
process.exit(0);
