import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, createWriteStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, queueDepths } from "@gardenos/runtime";
import pLimit from "p-limit";
import pg from "pg";
import { DeliverPolicy, jetstream, jetstreamManager } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { BANDS, Streams, type AgentType } from "@gardenos/contracts";

const root = fileURLToPath(new URL("../../", import.meta.url));

/**
 * Polls `check` until it returns true; fails after `timeoutMs` naming `what` and the last thing
 * `check` reported (a thrown error, or the string it returned instead of true).
 */
export async function waitUntil(what: string, check: () => Promise<true | string> | true | string, o: { timeoutMs?: number; intervalMs?: number } = {}): Promise<void> {
  const timeoutMs = o.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  let last = "";
  for (;;) {
    try {
      const r = await check();
      if (r === true) return;
      last = r;
    } catch (e) {
      last = String(e);
    }
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${timeoutMs} ms (last: ${last})`);
    await new Promise((r) => setTimeout(r, o.intervalMs ?? 100));
  }
}

/** Tasks of `type` waiting or in flight on its band consumers (0: every submitted task has run). */
export async function tasksLeft(natsUrl: string, type: AgentType = "lead_analysis"): Promise<number> {
  const nc = await connect({ servers: natsUrl });
  try {
    const depths = (await queueDepths(await jetstreamManager(nc)))[type];
    return BANDS.reduce((n, b) => n + depths[b].pending + depths[b].ack_pending, 0);
  } finally {
    await nc.close();
  }
}

export type ServiceName = "gateway" | "lead-analysis" | "follow-up" | "email-classification" | "metrics";

/** One service as a real child process (`node services/<name>/dist/main.js`), killable and restartable. */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<number | null> = Promise.resolve(null);
  readonly logFile: string;

  constructor(
    readonly name: ServiceName,
    private readonly env: NodeJS.ProcessEnv,
    logDir: string,
    readonly label: string = name,
  ) {
    this.logFile = join(logDir, `${label}.log`);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return Boolean(this.child && this.child.exitCode === null && this.child.signalCode === null);
  }

  start(): this {
    const log = createWriteStream(this.logFile, { flags: "a" });
    const child = spawn(process.execPath, [join(root, "services", this.name, "dist", "main.js")], {
      env: { ...process.env, LOG_FORMAT: "json", LOG_LEVEL: process.env.CHAOS_LOG_LEVEL ?? "info", ...this.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.child = child;
    this.exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
    return this;
  }

  /** Sends `signal` and waits for the exit; returns the exit code (null when killed by a signal). */
  async kill(signal: NodeJS.Signals = "SIGTERM"): Promise<number | null> {
    if (!this.running) return this.child?.exitCode ?? null;
    this.child!.kill(signal);
    return this.exited;
  }

  log(): string {
    try {
      return readFileSync(this.logFile, "utf8");
    } catch {
      return "";
    }
  }
}

/**
 * A Postgres cluster of the test's own (initdb + pg_ctl in a temp dir, as the postgres user,
 * since Debian's binaries refuse root), so a test can stop it without touching anything else.
 */
export class PostgresCluster {
  private dir = "";
  port = 0;
  private bin = "";

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/gardenos`;
  }

  private run(args: string[]): void {
    const asPostgres = process.getuid?.() === 0 ? ["runuser", "-u", "postgres", "--"] : [];
    const [cmd, ...rest] = [...asPostgres, ...args];
    const r = spawnSync(cmd!, rest, { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr || r.stdout}`);
  }

  async init(): Promise<this> {
    this.bin = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" }).stdout.trim();
    this.dir = mkdtempSync(join(tmpdir(), "gardenos-pg-"));
    chmodSync(this.dir, 0o777);
    if (process.getuid?.() === 0) {
      const uid = Number(spawnSync("id", ["-u", "postgres"], { encoding: "utf8" }).stdout.trim());
      const gid = Number(spawnSync("id", ["-g", "postgres"], { encoding: "utf8" }).stdout.trim());
      chownSync(this.dir, uid, gid);
    }
    this.port = await freePort();
    this.run([join(this.bin, "initdb"), "-D", join(this.dir, "data"), "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"]);
    await this.start();
    const c = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${this.port}/postgres` });
    await c.connect();
    await c.query("create database gardenos");
    await c.end();
    return this;
  }

  async start(): Promise<void> {
    this.run([
      join(this.bin, "pg_ctl"),
      "-D",
      join(this.dir, "data"),
      "-l",
      join(this.dir, "log"),
      "-o",
      `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dir} -c fsync=off`,
      "-w",
      "start",
    ]);
  }

  async stop(): Promise<void> {
    this.run([join(this.bin, "pg_ctl"), "-D", join(this.dir, "data"), "-m", "fast", "-w", "stop"]);
  }

  async destroy(): Promise<void> {
    try {
      await this.stop();
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Submits `n` analyze tasks over HTTP; returns the ids that got a 202 (the accepted ones). */
export async function submitTasks(url: string, n: number, opts: { concurrency?: number; tag?: string; type?: "lead_analysis" | "follow_up" } = {}): Promise<{ accepted: string[]; refused: number; firstRefusal?: string }> {
  const limit = pLimit(opts.concurrency ?? 16);
  const accepted: string[] = [];
  let refused = 0;
  let firstRefusal: string | undefined;
  const path = opts.type === "follow_up" ? "/ai/generate-follow-up" : "/ai/analyze-lead";
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      limit(async () => {
        // Like a careful client: a network error is retried once with the same idempotency key,
        // so a request that did reach the gateway is not submitted twice.
        for (let round = 0; round < 2; round++) {
          try {
            const r = await fetch(`${url}${path}`, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({
                lead: { id: `${opts.tag ?? "t"}-${i}`, contact: { name: `Lead ${i}`, email: `lead${i}@example.com` }, behavior: { site_visits: i % 20, time_on_site_seconds: (i * 37) % 3000 } },
                priority: 1 + (i % 10),
                idempotency_key: `${opts.tag ?? "t"}-${i}`,
              }),
              signal: AbortSignal.timeout(15_000),
            });
            const body = (await r.json()) as { task_id?: string };
            if ((r.status === 202 || r.status === 200) && body.task_id) accepted.push(body.task_id);
            else {
              refused++;
              firstRefusal ??= `${r.status} ${JSON.stringify(body)}`;
            }
            return;
          } catch (e) {
            if (round === 0) continue;
            refused++;
            firstRefusal ??= `${String(e)} (${e instanceof Error && e.cause ? String((e.cause as Error).message ?? e.cause) : "no cause"})`;
          }
        }
      }),
    ),
  );
  return { accepted, refused, ...(firstRefusal ? { firstRefusal } : {}) };
}

export interface Ledger {
  accepted: number;
  completed: number;
  failed: number;
  deadLettered: number;
  stuck: string[];
  missing: string[];
  /** Task ids with more than one result event on RESULTS. */
  duplicateResults: string[];
  /** Tasks that were started more than once (re-runs after a crash; allowed, reported). */
  reRun: number;
  reRunIds: string[];
}

/** Counts, per task id, the events on one RESULTS subject. */
async function countEvents(natsUrl: string, subject: string): Promise<Map<string, number>> {
  const nc = await connect({ servers: natsUrl });
  try {
    const js = jetstream(nc);
    const c = await js.consumers.get(Streams.results, { filter_subjects: subject, deliver_policy: DeliverPolicy.All });
    const pending = (await c.info()).num_pending;
    const counts = new Map<string, number>();
    if (pending === 0) return counts;
    const it = await c.fetch({ max_messages: pending, expires: 10_000 });
    let n = 0;
    for await (const m of it) {
      const id = (m.json() as { task_id: string }).task_id;
      counts.set(id, (counts.get(id) ?? 0) + 1);
      if (++n >= pending) break;
    }
    return counts;
  } finally {
    await nc.close();
  }
}

/**
 * Waits until every accepted task has ended (completed or failed) in ai_interactions, then
 * checks the ledger: accepted = completed + dead-lettered, one result event per completed task,
 * nothing stuck or missing.
 */
export async function checkLedger(o: { accepted: string[]; databaseUrl: string; natsUrl: string; timeoutMs?: number; resultSubject?: string }): Promise<Ledger> {
  const db = new pg.Client({ connectionString: o.databaseUrl });
  await db.connect();
  const deadline = Date.now() + (o.timeoutMs ?? 90_000);
  let rows: { task_id: string; status: string }[] = [];
  try {
    for (;;) {
      rows = (await db.query<{ task_id: string; status: string }>("select task_id, status from ai_interactions where task_id = any($1)", [o.accepted])).rows;
      const ended = rows.filter((r) => r.status === "completed" || r.status === "failed").length;
      if (ended === o.accepted.length || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await db.end();
  }
  const byId = new Map(rows.map((r) => [r.task_id, r.status]));
  const results = await countEvents(o.natsUrl, o.resultSubject ?? "lead.analyzed");
  const failedEvents = await countEvents(o.natsUrl, "task.failed");
  const started = await countEvents(o.natsUrl, "task.started");
  const accepted = new Set(o.accepted);
  return {
    accepted: o.accepted.length,
    completed: o.accepted.filter((id) => byId.get(id) === "completed").length,
    failed: o.accepted.filter((id) => byId.get(id) === "failed").length,
    deadLettered: o.accepted.filter((id) => (failedEvents.get(id) ?? 0) > 0).length,
    stuck: o.accepted.filter((id) => byId.has(id) && byId.get(id) !== "completed" && byId.get(id) !== "failed"),
    missing: o.accepted.filter((id) => !byId.has(id)),
    duplicateResults: [...results].filter(([id, n]) => accepted.has(id) && n > 1).map(([id]) => id),
    reRun: [...started].filter(([id, n]) => accepted.has(id) && n > 1).length,
    reRunIds: [...started].filter(([id, n]) => accepted.has(id) && n > 1).map(([id]) => id),
  };
}

export interface ChaosStack {
  env: NodeJS.ProcessEnv;
  url: string;
  nats: import("@gardenos/runtime").NatsServer;
  pg: PostgresCluster;
  gateway: ServiceProcess;
  leads: ServiceProcess[];
  followUp: ServiceProcess;
  emailClassification: ServiceProcess;
  metrics: ServiceProcess;
  all(): ServiceProcess[];
  waitHealthy(timeoutMs?: number): Promise<void>;
  /** Waits until the gateway's /readyz says 200 (as a load balancer would before sending work). */
  waitReady(timeoutMs?: number): Promise<void>;
  destroy(): Promise<void>;
}

/**
 * The whole system as real processes: its own nats-server (file store in a temp dir, restartable
 * with the same store), its own Postgres cluster, the gateway, `leadReplicas` lead-analysis
 * processes, follow-up, email classification and metrics. `env` is added to every service's environment.
 */
export async function startChaosStack(o: { leadReplicas?: number; env?: NodeJS.ProcessEnv } = {}): Promise<ChaosStack> {
  const { NatsServer } = await import("@gardenos/runtime");
  const dir = mkdtempSync(join(tmpdir(), "gardenos-chaos-"));
  // The broker and the database do not depend on each other: started side by side (whichever
  // started is stopped again if the other fails).
  const [natsStart, pgStart] = await Promise.allSettled([new NatsServer({ storeDir: join(dir, "nats") }).start(), new PostgresCluster().init()]);
  if (natsStart.status === "rejected" || pgStart.status === "rejected") {
    if (natsStart.status === "fulfilled") await natsStart.value.stop().catch(() => undefined);
    if (pgStart.status === "fulfilled") await pgStart.value.destroy().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw natsStart.status === "rejected" ? natsStart.reason : (pgStart as PromiseRejectedResult).reason;
  }
  const nats = natsStart.value;
  const pgc = pgStart.value;
  const env: NodeJS.ProcessEnv = {
    NATS_URL: nats.url,
    DATABASE_URL: pgc.url,
    // The gateway picks a free port itself (no race with other test files); its URL is read
    // from its "gateway listening" log line, the latest one after a restart.
    PORT: "0",
    HEARTBEAT_INTERVAL: "0.5",
    LEAD_ANALYSIS_TIMEOUT: "3",
    FOLLOW_UP_TIMEOUT: "3",
    TASK_RETRY_BASE_MS: "200",
    SHUTDOWN_GRACE: "5",
    ...o.env,
  };
  const gateway = new ServiceProcess("gateway", env, dir).start();
  const leads = Array.from({ length: o.leadReplicas ?? 2 }, (_, i) => new ServiceProcess("lead-analysis", { ...env, REPLICA_ID: `r${i}` }, dir, `lead-analysis-r${i}`).start());
  const followUp = new ServiceProcess("follow-up", env, dir).start();
  const emailClassification = new ServiceProcess("email-classification", env, dir).start();
  const metrics = new ServiceProcess("metrics", env, dir).start();
  const gatewayUrl = (): string => {
    const lines = gateway.log().split("\n").filter((l) => l.includes('"gateway listening"'));
    const m = /"url":"(http:\/\/[^"]+)"/.exec(lines.at(-1) ?? "");
    return m?.[1] ?? "http://127.0.0.1:1";
  };
  const stack: ChaosStack = {
    env,
    get url() {
      return gatewayUrl();
    },
    nats,
    pg: pgc,
    gateway,
    leads,
    followUp,
    emailClassification,
    metrics,
    all: () => [gateway, ...leads, followUp, emailClassification, metrics],
    async waitHealthy(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      let last = "";
      while (Date.now() < deadline) {
        try {
          const r = await fetch(`${gatewayUrl()}/ai/health`);
          const body = (await r.json()) as { status?: string };
          if (body.status === "healthy") return;
          last = JSON.stringify(body);
        } catch (e) {
          last = String(e);
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      const logs = stack.all().map((s) => `--- ${s.label} (${s.running ? "running" : "exited"}), end of its log:\n${s.log().slice(-1500) || "(empty)"}`);
      throw new Error(`stack not healthy within ${timeoutMs} ms: ${last}\n${logs.join("\n")}`);
    },
    async waitReady(timeoutMs = 30_000) {
      await waitUntil("gateway /readyz answers 200", async () => {
        const r = await fetch(`${gatewayUrl()}/readyz`, { signal: AbortSignal.timeout(2000) });
        return r.status === 200 || `${r.status} ${await r.text()}`;
      }, { timeoutMs, intervalMs: 200 });
    },
    async destroy() {
      await Promise.all(stack.all().map((s) => s.kill("SIGKILL")));
      await nats.stop();
      await pgc.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await stack.waitHealthy();
  } catch (e) {
    // The test's afterAll never sees this stack: stop its processes here rather than leak them.
    await stack.destroy().catch(() => undefined);
    throw e;
  }
  return stack;
}
