import { readdirSync, readFileSync } from "node:fs";
import { cpuSeconds, rssMB } from "./procs.js";

/** CPU seconds of every postgres process on the machine, by pid (shared with other users: approximate). */
function postgresCpu(): Map<number, number> {
  const out = new Map<number, number>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/comm`, "utf8").trim() === "postgres") out.set(Number(d), cpuSeconds(Number(d)));
    } catch {
      // gone
    }
  }
  return out;
}

/** CPU used since `before` by the postgres processes alive now (new ones count whole; ones that exited are lost). */
function postgresCpuSince(before: Map<number, number>): number {
  let sum = 0;
  for (const [pid, cpu] of postgresCpu()) sum += cpu - (before.get(pid) ?? 0);
  return sum;
}

/** Samples the RSS of some processes and their CPU time over a measured interval. */
export class ProcMonitor {
  private readonly peak: Record<string, number> = {};
  private readonly cpu0: Record<string, number> = {};
  private timer: NodeJS.Timeout | undefined;
  private bench0 = process.cpuUsage();
  private pg0 = new Map<number, number>();

  constructor(
    private readonly pids: Record<string, number | undefined>,
    private readonly withPostgres = false,
  ) {}

  start(everyMs = 200): this {
    this.bench0 = process.cpuUsage();
    if (this.withPostgres) this.pg0 = postgresCpu();
    for (const [k, pid] of Object.entries(this.pids)) if (pid) this.cpu0[k] = cpuSeconds(pid);
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
    return this;
  }

  sample(): void {
    for (const [k, pid] of Object.entries(this.pids)) if (pid) this.peak[k] = Math.max(this.peak[k] ?? 0, rssMB(pid));
  }

  /** Peak RSS (MB) and CPU seconds used since start(), per process; `bench` is this process. */
  stop(): { peak_rss_mb: Record<string, number>; cpu_s: Record<string, number> } {
    clearInterval(this.timer);
    this.sample();
    const cpu: Record<string, number> = {};
    for (const [k, pid] of Object.entries(this.pids)) if (pid) cpu[k] = Math.round((cpuSeconds(pid) - (this.cpu0[k] ?? 0)) * 100) / 100;
    const b = process.cpuUsage(this.bench0);
    cpu.bench = Math.round((b.user + b.system) / 1e4) / 100;
    if (this.withPostgres) cpu["postgres (all)"] = Math.round(postgresCpuSince(this.pg0) * 100) / 100;
    const peak = Object.fromEntries(Object.entries(this.peak).map(([k, v]) => [k, Math.round(v)]));
    return { peak_rss_mb: peak, cpu_s: cpu };
  }
}
