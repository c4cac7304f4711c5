import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createServer } from "node:net";

/** A free TCP port on loopback (bound and released at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

/** True when a `nats-server` binary is on PATH (or at `bin`). */
export function natsServerAvailable(bin = "nats-server"): boolean {
  const r = spawnSync(bin, ["--version"], { stdio: "ignore" });
  return r.status === 0;
}

export const NATS_INSTALL_HINT =
  "nats-server was not found on PATH. Install it (Debian/Ubuntu: `sudo apt-get install nats-server`; " +
  "macOS: `brew install nats-server`; or a release from https://github.com/nats-io/nats-server/releases) " +
  "or point GardenOS at a running server with NATS_URL=nats://host:4222 (JetStream enabled).";

export interface NatsServerOptions {
  /** JetStream store directory (kept across restarts of the same handle). */
  storeDir: string;
  port?: number;
  monitorPort?: number;
  bin?: string;
  /** Extra arguments, e.g. cluster routes. */
  args?: string[];
  /** A configuration file (`-c`), e.g. the users and permissions of `writeLocalBrokerAuth`; the flags above override it. */
  configFile?: string;
  /** Extra environment of the server process (variables the configuration refers to). */
  env?: NodeJS.ProcessEnv;
  /**
   * Run it in a process group of its own, so that a terminal's Ctrl-C (sent to the whole
   * foreground group) reaches only its owner, which stops it last, after the services have drained.
   */
  ownProcessGroup?: boolean;
}

/** A nats-server child process with JetStream on loopback. */
export class NatsServer {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  port = 0;
  monitorPort = 0;

  constructor(private readonly o: NatsServerOptions) {}

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<this> {
    this.port ||= this.o.port ?? (await freePort());
    this.monitorPort ||= this.o.monitorPort ?? (await freePort());
    mkdirSync(this.o.storeDir, { recursive: true });
    const args = [
      ...(this.o.configFile ? ["-c", this.o.configFile] : []),
      ...["-a", "127.0.0.1", "-p", String(this.port), "-m", String(this.monitorPort), "-js", "-sd", this.o.storeDir, ...(this.o.args ?? [])],
    ];
    const child = spawn(this.o.bin ?? "nats-server", args, { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, ...this.o.env }, ...(this.o.ownProcessGroup ? { detached: true } : {}) });
    this.child = child;
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
    const failed = new Promise<never>((_, reject) =>
      child.once("error", (e) => reject(new Error(`cannot start nats-server: ${e.message}. ${NATS_INSTALL_HINT}`))),
    );
    const deadline = Date.now() + 15_000;
    const ready = (async () => {
      while (Date.now() < deadline) {
        if (child.exitCode !== null) throw new Error(`nats-server exited (${child.exitCode}): ${stderr.trim()}`);
        try {
          const r = await fetch(`http://127.0.0.1:${this.monitorPort}/healthz?js-enabled-only=true`);
          if (r.ok) return;
        } catch {
          // not up yet
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`nats-server did not become ready: ${stderr.trim()}`);
    })();
    await Promise.race([ready, failed]);
    return this;
  }

  /** SIGTERM (or SIGKILL) and wait for the process to exit. */
  async stop(signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    this.child.kill(signal);
    await this.exited;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }
}
