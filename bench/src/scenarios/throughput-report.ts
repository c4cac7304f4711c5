import { median, round, table } from "../lib/stats.js";

/** One contender's run of the throughput scenario. */
export interface RunResult {
  contender: string;
  rep: number;
  n: number;
  tasks_per_s: number;
  p50_ms: number;
  p99_ms: number;
  seconds: number;
  /** When the last result event (or completion) arrived, from the first publish. */
  results_s: number;
  publish_s: number;
  peak_rss_mb: Record<string, number>;
  cpu_s: Record<string, number>;
  load: string;
  note?: string;
}

interface Median {
  contender: string;
  tasks_per_s: number;
  p50_ms: number;
  p99_ms: number;
  cpu_s: Record<string, number>;
}

/** CPU ms per task of each measured server process (not the bench's producer). */
function cpuPerTaskByProcess(m: Median, n: number): Record<string, number> {
  return Object.fromEntries(Object.entries(m.cpu_s).filter(([k]) => k !== "bench").map(([k, v]) => [k, round((1000 * v) / n, 3)]));
}

function cpuPerTask(m: Median, n: number): number {
  return round(Object.values(cpuPerTaskByProcess(m, n)).reduce((a, v) => a + v, 0), 2);
}

/**
 * The throughput scenario's tables and targets from its runs: medians per contender, ratios
 * against the bare BullMQ rows (the targets) and against the other reference rows (BullMQ with
 * its results in Postgres, the floor, the durable floor), CPU per task per process, and the
 * latency at a fixed offered load.
 */
export function throughputReport(runs: readonly RunResult[], paced: readonly RunResult[], n: number, reps: number, rate: number, pacedN: number) {
  const contenders = [...new Set(runs.map((r) => r.contender))];
  const med: Median[] = contenders.map((c) => {
    const rs = runs.filter((r) => r.contender === c);
    const cpu: Record<string, number> = {};
    for (const k of Object.keys(rs[0]!.cpu_s)) cpu[k] = round(median(rs.map((r) => r.cpu_s[k] ?? 0)), 2);
    return { contender: c, tasks_per_s: median(rs.map((r) => r.tasks_per_s)), p50_ms: median(rs.map((r) => r.p50_ms)), p99_ms: median(rs.map((r) => r.p99_ms)), cpu_s: cpu };
  });
  const get = (c: string) => med.find((m) => m.contender === c)!;
  const gos = get("GardenOS");
  const bm = get("BullMQ (machine Redis)");
  const ba = get("BullMQ (aof Redis)");
  const bpg = get("BullMQ + Postgres (aof Redis)");
  const fl = get("JetStream floor");
  const dfl = get("JetStream durable floor");
  const g2 = get("GardenOS (2 replicas)");
  const x = (a: number, b: number) => round(a / b, 2);
  const ratios = {
    gardenos_vs_bullmq_machine_throughput: x(gos.tasks_per_s, bm.tasks_per_s),
    gardenos_vs_bullmq_aof_throughput: x(gos.tasks_per_s, ba.tasks_per_s),
    gardenos_vs_bullmq_postgres_throughput: x(gos.tasks_per_s, bpg.tasks_per_s),
    gardenos_vs_floor_throughput: x(gos.tasks_per_s, fl.tasks_per_s),
    gardenos_vs_durable_floor_throughput: x(gos.tasks_per_s, dfl.tasks_per_s),
    gardenos_2_replicas_vs_bullmq_machine_throughput: x(g2.tasks_per_s, bm.tasks_per_s),
    gardenos_cpu_per_task_vs_bullmq_machine: x(cpuPerTask(gos, n), cpuPerTask(bm, n)),
    gardenos_cpu_per_task_vs_bullmq_aof: x(cpuPerTask(gos, n), cpuPerTask(ba, n)),
    gardenos_cpu_per_task_vs_bullmq_postgres: x(cpuPerTask(gos, n), cpuPerTask(bpg, n)),
  };
  const pacedOf = (c: string) => paced.find((r) => r.contender === c);
  const pg = pacedOf("GardenOS");
  const pbm = pacedOf("BullMQ (machine Redis)");
  const pba = pacedOf("BullMQ (aof Redis)");
  const targets: Record<string, boolean> = {
    "throughput ≥ 1.0× BullMQ (machine Redis, no persistence)": gos.tasks_per_s >= bm.tasks_per_s,
    "throughput ≥ 1.2× BullMQ (AOF Redis)": gos.tasks_per_s >= 1.2 * ba.tasks_per_s,
    "server CPU per task ≤ BullMQ's (both bare rows)": cpuPerTask(gos, n) <= Math.min(cpuPerTask(bm, n), cpuPerTask(ba, n)),
    ...(pg && pbm && pba ? { [`p99 at ${rate} tasks/s ≤ BullMQ's (both bare rows)`]: pg.p99_ms <= Math.min(pbm.p99_ms, pba.p99_ms) } : {}),
  };
  const rows = med.map((m) => [m.contender, m.tasks_per_s, m.p50_ms, m.p99_ms, x(m.tasks_per_s, gos.tasks_per_s), cpuPerTask(m, n)]);
  const cpuRows = med.map((m) => [m.contender, Object.entries(cpuPerTaskByProcess(m, n)).map(([k, v]) => `${k} ${v}`).join(", ")]);
  let text =
    table([`contender (median of ${reps})`, "tasks/s", "p50 ms", "p99 ms", "× GardenOS tasks/s", "CPU ms per task (servers)"], rows) +
    `\n\nGardenOS / BullMQ throughput: ${ratios.gardenos_vs_bullmq_machine_throughput}× (machine Redis), ${ratios.gardenos_vs_bullmq_aof_throughput}× (AOF Redis), ` +
    `${ratios.gardenos_vs_bullmq_postgres_throughput}× (BullMQ keeping its results in Postgres); GardenOS / floor: ${ratios.gardenos_vs_floor_throughput}×, / durable floor: ${ratios.gardenos_vs_durable_floor_throughput}×; ` +
    `GardenOS with 2 agent replicas / BullMQ: ${ratios.gardenos_2_replicas_vs_bullmq_machine_throughput}×. ` +
    `CPU per task, GardenOS / BullMQ: ${ratios.gardenos_cpu_per_task_vs_bullmq_machine}× (machine), ${ratios.gardenos_cpu_per_task_vs_bullmq_aof}× (AOF), ${ratios.gardenos_cpu_per_task_vs_bullmq_postgres}× (+ Postgres).\n` +
    `CPU ms per task sums the server processes measured (GardenOS: gateway, agents, nats-server, all postgres processes; BullMQ: worker, redis-server, and all postgres processes ` +
    `for the + Postgres row — the machine's Redis is shared with other users, so approximate; floors: consumer, nats-server), not the bench's producer.\n\n` +
    `CPU ms per task by process (medians):\n\n` +
    table(["contender", "CPU ms per task"], cpuRows);
  if (paced.length) {
    const ref = pbm ?? paced[0]!;
    text +=
      `\n\nEnd-to-end latency at a fixed ${rate} tasks/s (${pacedN.toLocaleString("en")} tasks, paced producer; latency counted from when each task was due; the first fifth is warm-up and not counted):\n\n` +
      table(["contender", "p50 ms", "p99 ms", "BullMQ (machine) p99 / this p99"], paced.map((r) => [r.contender, r.p50_ms, r.p99_ms, x(ref.p99_ms, r.p99_ms)]));
  }
  return { medians: med, ratios, targets, text };
}
