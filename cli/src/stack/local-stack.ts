import { createWriteStream, readFileSync, existsSync, mkdirSync, type WriteStream } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { agentTypes } from "@gardenos/contracts";
import {
  NATS_INSTALL_HINT,
  NatsServer,
  EMBEDDED_DB_NODE_FLAGS,
  SERVICE_NODE_FLAGS,
  SERVICE_PROCESS_ENV,
  SERVICE_THREAD_LIMITS,
  deployedAgentTypes,
  freePort,
  loadAgentTypePlugins,
  natsServerAvailable,
  writeLocalBrokerAuth,
  type LocalBrokerAuth,
} from "@gardenos/runtime";
import type { StackMember } from "./member.js";
import { ProcessMember } from "./process-member.js";
import { ThreadMember } from "./thread-member.js";
import { RunFile, StackBusyError } from "./run-file.js";
import type { HostedService } from "./host-thread.js";

/** The exit code of a service that cannot start because of its configuration (runService). */
const EXIT_CONFIG = 78;

/** The thread that runs every service with a start module (metrics and the built-in agent services). */
const SHARED_THREAD = "services";

/**
 * The CLI package's folder: this module runs from `cli/dist/stack/` and, bundled, from
 * `cli/dist/up.bundle.mjs`, so it is found by its package.json rather than by a fixed `../`.
 */
function cliRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (dirname(dir) !== dir) {
    if (existsSync(join(dir, "package.json")) && (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string }).name === "@gardenos/cli") return dir;
    dir = dirname(dir);
  }
  throw new Error("the @gardenos/cli package folder was not found above this module");
}

const CLI = cliRoot();
const HOST_THREAD = join(CLI, "dist/stack/host-thread.js");

/** The repository root: the services' start modules (and each agent type's `main`) are relative to it. */
const ROOT = resolve(CLI, "..");

/** One service of the local stack. */
export interface StackService {
  /** The service name (log file `<name>.log`). */
  name: string;
  /** Absolute path of its start module. */
  main: string;
  /** Runs as a thread of the supervisor (metrics and agent services) unless `--processes`. */
  thread: boolean;
  /** Its start module (`start.js` beside its `main.js`), when it has one: it can share a thread. */
  start?: string;
}

/** The start module beside a main module, when there is one. */
function startModule(main: string): string | undefined {
  const start = main.replace(/main\.(m?js)$/, "start.$1");
  return start !== main && existsSync(start) ? start : undefined;
}

function service(name: string, main: string, thread: boolean): StackService {
  const start = startModule(main);
  return { name, main: bundled(main), thread, ...(start ? { start } : {}) };
}

/**
 * The services `gardenos up` runs, in start order: metrics, one service per deployed agent type
 * (its definition's `main`), and the gateway last, once agents are there. The plugin types of
 * `AGENT_TYPE_PLUGINS` are loaded first; `AGENT_TYPES` picks the deployed ones (default all).
 */
export async function stackServices(env: NodeJS.ProcessEnv): Promise<StackService[]> {
  await loadAgentTypePlugins(env.AGENT_TYPE_PLUGINS);
  const agents = deployedAgentTypes(env.AGENT_TYPES).map((type) => {
    const def = agentTypes.require(type);
    return service(def.service, resolve(ROOT, def.main), true);
  });
  return [
    service("metrics", resolve(ROOT, "services/metrics/dist/main.js"), true),
    ...agents,
    // The gateway keeps a process of its own: the embedded database's WebAssembly flags are per process.
    service("gateway", resolve(ROOT, "services/gateway/dist/main.js"), false),
  ];
}

/**
 * The service's bundle (`main.bundle.mjs` beside its `main.js`, made by `npm run build`) when
 * there is one: one file to load instead of hundreds of modules (the gateway starts in a third of
 * the time and imports at half the memory), else the module itself.
 */
export function bundled(main: string): string {
  const bundle = main.replace(/main\.js$/, "main.bundle.mjs");
  return bundle !== main && existsSync(bundle) ? bundle : main;
}

export interface LocalStackOptions {
  /** Where the stack keeps its state: NATS store, PGlite database, logs. */
  dataDir: string;
  /** Gateway port; 0 picks a free one. */
  port: number;
  /** Port of the nats-server it starts (unset: 4222, or a free one when 4222 is taken). */
  natsPort?: number;
  /** Extra environment for every service. */
  env?: NodeJS.ProcessEnv;
  /** Called with one line of news (service started, restarted, …). */
  onEvent?: (line: string) => void;
  /**
   * Every service as a child process of its own. Default false: metrics and the agent services
   * run as worker threads of the supervisor (one Node process instead of one each: ≈ 40 MB of
   * RSS less per service), the gateway as a process.
   */
  processes?: boolean;
}

interface Child {
  member: StackMember;
  restarts: number;
  log: WriteStream;
}

export class StackError extends Error {
  override name = "StackError";
}

/**
 * The whole stack on this machine: nats-server (when NATS_URL is unset), then every service —
 * metrics and the agent services as worker threads of this process, the gateway as a child
 * process (or all as processes) — with its log in `<dataDir>/logs/`. A service that dies is
 * restarted with back-off; stop() asks each (gateway first) to drain and waits for a clean exit.
 */
export class LocalStack {
  private nats: NatsServer | undefined;
  private readonly children = new Map<string, Child>();
  private services: StackService[] = [];
  private stopping = false;
  /** Why a service cannot start (its configuration), once one has said so. */
  private fatal: string | undefined;
  natsUrl = "";
  url = "";
  /** The per-role broker credentials of the nats-server this stack started (none with NATS_URL). */
  brokerAuth: LocalBrokerAuth | undefined;

  /** `<dataDir>/stack.json`: what this stack started, for the next start after a killed supervisor. */
  private readonly runFile: RunFile;

  constructor(private readonly o: LocalStackOptions) {
    this.runFile = new RunFile(join(o.dataDir, "stack.json"));
  }

  get logDir(): string {
    return join(this.o.dataDir, "logs");
  }

  async start(): Promise<void> {
    const env = { ...process.env, ...this.o.env };
    // Before anything starts: a bad plugin list or AGENT_TYPES leaves nothing behind. The plugin
    // list and the deployed types reach every service through the same environment.
    this.services = await stackServices(env);
    mkdirSync(this.logDir, { recursive: true });
    // A supervisor that was SIGKILLed left its nats-server and gateway running: stop them first.
    try {
      const left = await this.runFile.reclaim();
      if (left.length) this.o.onEvent?.(`stopped what an earlier gardenos up (killed) left running: ${left.map((p) => `${p.name} (pid ${p.pid})`).join(", ")}`);
    } catch (e) {
      throw e instanceof StackBusyError ? new StackError(e.message) : e;
    }
    const port = this.o.port === 0 ? await freePort() : this.o.port;
    if (!(await isPortFree(port))) {
      throw new StackError(`port ${port} is already in use: stop what runs there, or choose another with --port (or PORT)`);
    }
    if (this.o.natsPort !== undefined) {
      if (env.NATS_URL) throw new StackError(`--nats-port ${this.o.natsPort} is for the nats-server gardenos up starts, but NATS_URL is set (${env.NATS_URL}): unset one of them`);
      if (!(await isPortFree(this.o.natsPort))) throw new StackError(`NATS port ${this.o.natsPort} is already in use: stop what runs there, or choose another with --nats-port`);
    }
    try {
      await this.startAll(env, port);
    } catch (e) {
      await this.stop();
      throw e;
    }
  }

  private async startAll(env: NodeJS.ProcessEnv, port: number): Promise<void> {
    if (env.NATS_URL) {
      this.natsUrl = env.NATS_URL;
    } else {
      if (!natsServerAvailable()) throw new StackError(NATS_INSTALL_HINT);
      const natsPort = this.o.natsPort ?? ((await isPortFree(4222)) ? 4222 : await freePort());
      // One user per role with its own permissions (deploy/nats/auth.conf's model), random passwords.
      // NATS_TENANTS: one confined user per tenant (crm-<tenant>) instead of the bare-subject crm user.
      const tenants = (env.NATS_TENANTS ?? "").split(",").map((t) => t.trim()).filter(Boolean);
      this.brokerAuth = await writeLocalBrokerAuth(resolve(this.o.dataDir), agentTypes.list(), { ...(env.LLM_BUDGET_BUCKET ? { budgetBucket: env.LLM_BUDGET_BUCKET } : {}), ...(tenants.length ? { tenants } : {}) });
      // Its own process group: Ctrl-C reaches only this supervisor, which stops it after the services drained.
      this.nats = await new NatsServer({ storeDir: resolve(this.o.dataDir, "nats"), port: natsPort, configFile: this.brokerAuth.configFile, ownProcessGroup: true }).start();
      this.runFile.add("nats-server", this.nats.pid);
      this.natsUrl = this.nats.url;
      this.o.onEvent?.(`nats-server started on ${this.natsUrl} (store ${resolve(this.o.dataDir, "nats")}), with a user per service`);
      const crms = Object.values(this.brokerAuth.users).filter((u) => u.user === "crm" || u.user.startsWith("crm-"));
      this.o.onEvent?.(
        `CRM publisher credentials (${crms.map((u) => `user ${u.user}`).join(", ")}; may publish tasks and read results${tenants.length ? " under tenant.<tenant>." : ""}): ${this.brokerAuth.credentialsFile}`,
      );
    }
    this.url = `http://127.0.0.1:${port}`;
    const serviceEnv: NodeJS.ProcessEnv = {
      ...env,
      NATS_URL: this.natsUrl,
      PORT: String(port),
      PGLITE_DIR: env.PGLITE_DIR ?? resolve(this.o.dataDir, "pglite"),
      LOG_FORMAT: "json",
    };
    this.o.onEvent?.(`starting ${this.members().map((m) => (m.services.length > 1 ? `${m.name} (${m.services.map((s) => s.name).join(", ")})` : m.name)).join(", ")}`);
    for (const m of this.members()) this.spawn(m, serviceEnv);
    await this.waitHealthy(60_000);
  }

  /**
   * The members in start order: services with a start module share one thread ("services"; the
   * first is where it starts), other thread services one thread each, the rest a process each.
   */
  private members(): { name: string; services: StackService[] }[] {
    const threads = !this.o.processes;
    const shared = threads ? this.services.filter((s) => s.thread && s.start) : [];
    const out: { name: string; services: StackService[] }[] = [];
    for (const s of this.services) {
      if (shared.includes(s)) {
        if (s === shared[0]) out.push({ name: SHARED_THREAD, services: shared });
      } else {
        out.push({ name: s.name, services: [s] });
      }
    }
    return out;
  }

  /** The environment of one service: its broker user and, in threads, its own log file. */
  private serviceEnv(name: string, env: NodeJS.ProcessEnv, threaded: boolean): NodeJS.ProcessEnv {
    const user = this.brokerAuth?.users[name];
    return {
      ...env,
      ...(user ? { NATS_USER: user.user, NATS_PASSWORD: user.password, NATS_INBOX_PREFIX: user.inboxPrefix } : {}),
      ...(threaded ? { LOG_FILE: join(this.logDir, `${name}.log`) } : {}),
    };
  }

  private spawn(m: { name: string; services: StackService[] }, env: NodeJS.ProcessEnv, restarts = 0): void {
    const log = createWriteStream(join(this.logDir, `${m.name}.log`), { flags: "a" });
    const [first] = m.services;
    let member: StackMember;
    if (m.name === SHARED_THREAD) {
      const data: HostedService[] = m.services.map((s) => ({ name: s.name, start: s.start!, env: this.serviceEnv(s.name, env, true) }));
      // The services' old-space cap each, up to two (a cap is a ceiling, not a reservation).
      const oldSpaceMb = SERVICE_THREAD_LIMITS.maxOldGenerationSizeMb * Math.min(2, m.services.length);
      member = new ThreadMember({ name: m.name, main: HOST_THREAD, env, log, data, oldSpaceMb });
    } else if (first!.thread && !this.o.processes) {
      member = new ThreadMember({ name: m.name, main: first!.main, env: this.serviceEnv(m.name, env, false), log });
    } else {
      // The services' heap settings and process environment (MALLOC_ARENA_MAX; the user's value
      // wins), as in the image; a gateway with the embedded database also keeps only PGlite's
      // baseline WebAssembly code (EMBEDDED_DB_NODE_FLAGS).
      const flags = [...SERVICE_NODE_FLAGS, ...(m.name === "gateway" && !env.DATABASE_URL ? EMBEDDED_DB_NODE_FLAGS : [])];
      member = new ProcessMember({ name: m.name, main: first!.main, env: { ...SERVICE_PROCESS_ENV, ...this.serviceEnv(m.name, env, false) }, log }, flags);
    }
    if (member.kind === "process") this.runFile.add(m.name, member.pid);
    const child: Child = { member, restarts, log };
    this.children.set(m.name, child);
    member.onExit((how) => {
      if (this.stopping) return;
      const logFile = join(this.logDir, `${m.name}.log`);
      if (how === `code ${EXIT_CONFIG}`) {
        // A configuration error does not go away by restarting: the stack fails with its message.
        const said = readFileSync(logFile, "utf8").split("\n").filter((l) => l.includes("cannot start")).slice(-m.services.length);
        this.fatal = said.length ? said.join("; ") : `${m.name} cannot start: invalid configuration (see ${logFile})`;
        this.o.onEvent?.(this.fatal);
        return;
      }
      const delay = Math.min(30_000, 500 * 2 ** child.restarts);
      this.o.onEvent?.(`${m.name} exited (${how}); restarting in ${delay} ms — see ${logFile}`);
      setTimeout(() => {
        if (!this.stopping) this.spawn(m, env, child.restarts + 1);
      }, delay).unref();
    });
  }

  /** Waits until the gateway reports every agent type alive. */
  private async waitHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = "no answer";
    while (Date.now() < deadline) {
      if (this.fatal) throw new StackError(this.fatal);
      try {
        const r = await fetch(`${this.url}/ai/health`);
        const body = (await r.json()) as { status?: string };
        if (body.status === "healthy") return;
        last = JSON.stringify(body);
      } catch (e) {
        last = e instanceof Error ? e.message : String(e);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new StackError(`the stack did not become healthy within ${timeoutMs / 1000} s (last: ${last}); logs are in ${this.logDir}`);
  }

  /** Each service's process id (a thread's is the supervisor's) and nats-server's. */
  pids(): Record<string, number | undefined> {
    const out: Record<string, number | undefined> = {};
    for (const m of this.members()) for (const s of m.services) out[s.name] = this.children.get(m.name)?.member.pid;
    if (this.nats) out["nats-server"] = this.nats.pid;
    return out;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const { name } of this.members().reverse()) {
      const c = this.children.get(name);
      if (!c) continue;
      await c.member.stop(30_000);
      c.log.end();
    }
    await this.nats?.stop();
    this.runFile.remove();
  }
}

async function isPortFree(port: number): Promise<boolean> {
  const { createServer } = await import("node:net");
  return new Promise((resolvePort) => {
    const srv = createServer();
    srv.once("error", () => resolvePort(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolvePort(true)));
  });
}
