import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, type WriteStream } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { agentTypes } from "@gardenos/contracts";
import {
  NATS_INSTALL_HINT,
  NatsServer,
  EMBEDDED_DB_NODE_FLAGS,
  SERVICE_NODE_FLAGS,
  deployedAgentTypes,
  freePort,
  loadAgentTypePlugins,
  natsServerAvailable,
  writeLocalBrokerAuth,
  type LocalBrokerAuth,
} from "@gardenos/runtime";

/** The repository root: the services' start modules (and each agent type's `main`) are relative to it. */
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** One process of the local stack. */
export interface StackService {
  /** The service name (log file `<name>.log`). */
  name: string;
  /** Absolute path of its start module. */
  main: string;
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
    return { name: def.service, main: bundled(resolve(ROOT, def.main)) };
  });
  return [{ name: "metrics", main: bundled(resolve(ROOT, "services/metrics/dist/main.js")) }, ...agents, { name: "gateway", main: bundled(resolve(ROOT, "services/gateway/dist/main.js")) }];
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
  /** Extra environment for every service. */
  env?: NodeJS.ProcessEnv;
  /** Called with one line of news (service started, restarted, …). */
  onEvent?: (line: string) => void;
}

interface Child {
  name: string;
  proc: ChildProcess;
  restarts: number;
  log: WriteStream;
}

export class StackError extends Error {
  override name = "StackError";
}

/**
 * The whole stack on this machine: nats-server (when NATS_URL is unset), then every service as a
 * child process with its log in `<dataDir>/logs/`. A service that dies is restarted with
 * back-off; stop() sends SIGTERM to each (gateway first) and waits for a clean exit.
 */
export class LocalStack {
  private nats: NatsServer | undefined;
  private readonly children = new Map<string, Child>();
  private services: StackService[] = [];
  private stopping = false;
  natsUrl = "";
  url = "";
  /** The per-role broker credentials of the nats-server this stack started (none with NATS_URL). */
  brokerAuth: LocalBrokerAuth | undefined;

  constructor(private readonly o: LocalStackOptions) {}

  get logDir(): string {
    return join(this.o.dataDir, "logs");
  }

  async start(): Promise<void> {
    const env = { ...process.env, ...this.o.env };
    // Before anything starts: a bad plugin list or AGENT_TYPES leaves nothing behind. The plugin
    // list and the deployed types reach every service through the same environment.
    this.services = await stackServices(env);
    mkdirSync(this.logDir, { recursive: true });
    if (env.NATS_URL) {
      this.natsUrl = env.NATS_URL;
    } else {
      if (!natsServerAvailable()) throw new StackError(NATS_INSTALL_HINT);
      const port = (await isPortFree(4222)) ? 4222 : await freePort();
      // One user per role with its own permissions (deploy/nats/auth.conf's model), random passwords.
      // NATS_TENANTS: one confined user per tenant (crm-<tenant>) instead of the bare-subject crm user.
      const tenants = (env.NATS_TENANTS ?? "").split(",").map((t) => t.trim()).filter(Boolean);
      this.brokerAuth = await writeLocalBrokerAuth(resolve(this.o.dataDir), agentTypes.list(), { ...(env.LLM_BUDGET_BUCKET ? { budgetBucket: env.LLM_BUDGET_BUCKET } : {}), ...(tenants.length ? { tenants } : {}) });
      this.nats = await new NatsServer({ storeDir: resolve(this.o.dataDir, "nats"), port, configFile: this.brokerAuth.configFile }).start();
      this.natsUrl = this.nats.url;
      this.o.onEvent?.(`nats-server started on ${this.natsUrl} (store ${resolve(this.o.dataDir, "nats")}), with a user per service`);
      const crms = Object.values(this.brokerAuth.users).filter((u) => u.user === "crm" || u.user.startsWith("crm-"));
      this.o.onEvent?.(
        `CRM publisher credentials (${crms.map((u) => `user ${u.user}`).join(", ")}; may publish tasks and read results${tenants.length ? " under tenant.<tenant>." : ""}): ${this.brokerAuth.credentialsFile}`,
      );
    }
    const port = this.o.port === 0 ? await freePort() : this.o.port;
    if (!(await isPortFree(port))) {
      throw new StackError(`port ${port} is already in use: stop what runs there, or choose another with --port (or PORT)`);
    }
    this.url = `http://127.0.0.1:${port}`;
    const serviceEnv: NodeJS.ProcessEnv = {
      ...env,
      NATS_URL: this.natsUrl,
      PORT: String(port),
      PGLITE_DIR: env.PGLITE_DIR ?? resolve(this.o.dataDir, "pglite"),
      LOG_FORMAT: "json",
    };
    try {
      this.o.onEvent?.(`starting ${this.services.map((s) => s.name).join(", ")}`);
      for (const s of this.services) this.spawn(s, serviceEnv);
      await this.waitHealthy(60_000);
    } catch (e) {
      await this.stop();
      throw e;
    }
  }

  private spawn(service: StackService, env: NodeJS.ProcessEnv, restarts = 0): void {
    const { name, main } = service;
    const log = createWriteStream(join(this.logDir, `${name}.log`), { flags: "a" });
    const user = this.brokerAuth?.users[name];
    const ownEnv = user ? { ...env, NATS_USER: user.user, NATS_PASSWORD: user.password, NATS_INBOX_PREFIX: user.inboxPrefix } : env;
    // The services' heap settings (SERVICE_NODE_FLAGS), as in the image; a gateway with the
    // embedded database also keeps only PGlite's baseline WebAssembly code (EMBEDDED_DB_NODE_FLAGS).
    const flags = [...SERVICE_NODE_FLAGS, ...(name === "gateway" && !env.DATABASE_URL ? EMBEDDED_DB_NODE_FLAGS : [])];
    const proc = spawn(process.execPath, [...flags, main], { env: ownEnv, stdio: ["ignore", "pipe", "pipe"] });
    proc.stdout?.pipe(log, { end: false });
    proc.stderr?.pipe(log, { end: false });
    const child: Child = { name, proc, restarts, log };
    this.children.set(name, child);
    proc.once("exit", (code, signal) => {
      if (this.stopping) return;
      const delay = Math.min(30_000, 500 * 2 ** child.restarts);
      this.o.onEvent?.(`${name} exited (${signal ?? code}); restarting in ${delay} ms — see ${join(this.logDir, `${name}.log`)}`);
      setTimeout(() => {
        if (!this.stopping) this.spawn(service, env, child.restarts + 1);
      }, delay).unref();
    });
  }

  /** Waits until the gateway reports every agent type alive. */
  private async waitHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = "no answer";
    while (Date.now() < deadline) {
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

  pids(): Record<string, number | undefined> {
    const out: Record<string, number | undefined> = {};
    for (const [name, c] of this.children) out[name] = c.proc.pid;
    if (this.nats) out["nats-server"] = this.nats.pid;
    return out;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const { name } of [...this.services].reverse()) {
      const c = this.children.get(name);
      if (!c || c.proc.exitCode !== null || c.proc.signalCode !== null) continue;
      await new Promise<void>((resolveExit) => {
        const t = setTimeout(() => c.proc.kill("SIGKILL"), 30_000);
        c.proc.once("exit", () => {
          clearTimeout(t);
          resolveExit();
        });
        c.proc.kill("SIGTERM");
      });
      c.log.end();
    }
    await this.nats?.stop();
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
