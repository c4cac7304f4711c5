import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SERVICE_NODE_OPTIONS, SERVICE_PROCESS_ENV, freePort } from "@gardenos/runtime";
import { onCleanup } from "./infra.js";

/** The repository root (bench/dist/lib → ../../..). */
export const ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../..");
export const RESULTS_DIR = join(ROOT, "bench", "results");
/** Service logs and CPU profiles of the latest run (not committed). */
export const WORK_DIR = join(RESULTS_DIR, ".run");

export type ServiceName = "gateway" | "lead-analysis" | "follow-up" | "email-classification" | "metrics";

export interface ServiceProc {
  name: ServiceName;
  proc: ChildProcess;
  pid: number;
  /** Gateway: its HTTP URL; agents and metrics: their health server. */
  url: string;
  rssMB(): number;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Proportional set size of a process in MB (Pss from /proc/<pid>/smaps_rollup): its resident
 * memory with each page shared with other processes (the node binary's code, above all) counted
 * by its share. 0 when it is gone.
 */
export function pssMB(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Resident set size of a process in MB (VmRSS from /proc), 0 when it is gone. */
export function rssMB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, "utf8");
    const rest = f.slice(f.lastIndexOf(")") + 2).split(" ");
    return (Number(rest[11]) + Number(rest[12])) / 100;
  } catch {
    return 0;
  }
}

export interface SpawnOptions {
  env: NodeJS.ProcessEnv;
  /** Write a V8 CPU profile into this directory when the service exits. */
  cpuProfDir?: string;
  /** Log file name suffix (several runs of one service). */
  tag?: string;
  /** Node flags on the command line (those NODE_OPTIONS refuses, e.g. --liftoff-only). */
  nodeArgs?: readonly string[];
  /**
   * Which entry to run: `main` (`dist/main.js`, the compiled modules; default) or `bundle`
   * (`dist/main.bundle.mjs`, what the image, the compose and Kubernetes manifests and `gardenos up`
   * run; made by `npm run build`).
   */
  entry?: ServiceEntry;
}

export type ServiceEntry = "main" | "bundle";

/** The file a service runs from: `services/<name>/dist/main.js` or its bundle `main.bundle.mjs`. */
export function serviceEntryPath(name: ServiceName, entry: ServiceEntry = "main"): string {
  const p = join(ROOT, "services", name, "dist", entry === "bundle" ? "main.bundle.mjs" : "main.js");
  if (!existsSync(p)) throw new Error(`${p} is missing: run npm run build`);
  return p;
}

/**
 * Starts `node services/<name>/dist/main.js` (or, with `entry: "bundle"`, its `main.bundle.mjs`) as a child process and waits until it is ready
 * (gateway: GET /readyz; agents and metrics: their HEALTH_PORT /readyz).
 */
export async function startService(name: ServiceName, o: SpawnOptions): Promise<ServiceProc> {
  mkdirSync(join(WORK_DIR, "logs"), { recursive: true });
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // The process environment they ship with (the image's MALLOC_ARENA_MAX=2); BENCH_MALLOC_ARENA_MAX
    // replaces it ("" for glibc's default).
    ...SERVICE_PROCESS_ENV,
    ...(process.env.BENCH_MALLOC_ARENA_MAX !== undefined ? { MALLOC_ARENA_MAX: process.env.BENCH_MALLOC_ARENA_MAX } : {}),
    LOG_LEVEL: "warn",
    LOG_FORMAT: "json",
    // The services run with the heap settings they ship with (the image's NODE_OPTIONS);
    // BENCH_SERVICE_NODE_OPTIONS replaces them ("" for none), not for the bench itself.
    NODE_OPTIONS: process.env.BENCH_SERVICE_NODE_OPTIONS ?? SERVICE_NODE_OPTIONS,
    // BENCH_AGENT_NODE_OPTIONS: the agent services' (and metrics') instead, the gateway keeps the above.
    ...(name !== "gateway" && process.env.BENCH_AGENT_NODE_OPTIONS !== undefined ? { NODE_OPTIONS: process.env.BENCH_AGENT_NODE_OPTIONS } : {}),
    ...o.env,
    ...(name === "gateway" ? { PORT: String(port), HOST: "127.0.0.1" } : { HEALTH_PORT: String(port) }),
  };
  if (env.MALLOC_ARENA_MAX === "") delete env.MALLOC_ARENA_MAX;
  // BENCH_SERVICE_NODE_ARGS: diagnostic flags on every service's command line (e.g. --trace-gc, which NODE_OPTIONS refuses).
  const extra = process.env.BENCH_SERVICE_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const args = [...(o.nodeArgs ?? []), ...extra, ...(o.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${o.cpuProfDir}`, `--cpu-prof-name=${name}${o.tag ? `-${o.tag}` : ""}.cpuprofile`] : []), serviceEntryPath(name, o.entry)];
  const log = createWriteStream(join(WORK_DIR, "logs", `${name}${o.tag ? `-${o.tag}` : ""}.log`), { flags: "a" });
  const proc = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"], cwd: ROOT });
  proc.stdout?.pipe(log, { end: false });
  proc.stderr?.pipe(log, { end: false });
  const exited = new Promise<void>((r) => proc.once("exit", () => r()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (proc.exitCode === null && proc.signalCode === null) {
      const t = setTimeout(() => proc.kill("SIGKILL"), 30_000);
      proc.kill(signal);
      await exited;
      clearTimeout(t);
    }
    log.end();
  };
  onCleanup(() => stop("SIGKILL"));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${name} exited with ${proc.exitCode}; see ${join(WORK_DIR, "logs")}`);
    if (Date.now() > deadline) throw new Error(`${name} did not become ready`);
    try {
      const r = await fetch(`${url}/readyz`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { name, proc, pid: proc.pid!, url, rssMB: () => rssMB(proc.pid!), stop };
}

/** Path of a compiled bench entry (bench/dist/<file>). */
export function benchEntry(file: string): string {
  const p = join(ROOT, "bench", "dist", file);
  if (!existsSync(p)) throw new Error(`${p} is missing: run npm run build`);
  return p;
}
