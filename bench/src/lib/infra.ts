import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { connect as netConnect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { NatsServer, freePort } from "@gardenos/runtime";

/** Temporary directories the bench made; removed by cleanupAll(). */
const cleanups: Array<() => Promise<void> | void> = [];

export function onCleanup(fn: () => Promise<void> | void): void {
  cleanups.push(fn);
}

/** Runs every registered cleanup (newest first), ignoring failures. Safe to call twice. */
export async function cleanupAll(): Promise<void> {
  while (cleanups.length) {
    const fn = cleanups.pop()!;
    try {
      await fn();
    } catch {
      // keep cleaning
    }
  }
}

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `gardenos-bench-${prefix}-`));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface BenchNats {
  server: NatsServer;
  url: string;
  storeDir: string;
  stop(): Promise<void>;
}

/** A nats-server of the bench's own: free port, temporary JetStream store. */
export async function startNats(): Promise<BenchNats> {
  const storeDir = tempDir("nats");
  const server = await new NatsServer({ storeDir }).start();
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await server.stop();
    rmSync(storeDir, { recursive: true, force: true });
  };
  onCleanup(stop);
  return { server, url: server.url, storeDir, stop };
}

export const PG_ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export interface BenchDb {
  url: string;
  name: string;
  count(sql: string): Promise<number>;
  drop(): Promise<void>;
}

/** A fresh Postgres database for one run; drop() removes it. */
export async function createDatabase(): Promise<BenchDb> {
  const name = `gardenos_bench_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await client.end().catch(() => undefined);
    const c = new pg.Client({ connectionString: PG_ADMIN_URL });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };
  onCleanup(drop);
  return {
    url: url.toString(),
    name,
    async count(q: string) {
      try {
        const r = await client.query<{ n: string }>(q);
        return Number(r.rows[0]?.n ?? 0);
      } catch {
        return 0; // table not there yet (migrations still running)
      }
    },
    drop,
  };
}

export interface BenchRedis {
  url: string;
  port: number;
  label: string;
  stop(): Promise<void>;
}

/**
 * The machine's Redis as it is (shared: the bench only touches its own queue's keys). Where none
 * answers (a bare CI box), a Redis of the bench's own with the stock settings stands in.
 */
export async function machineRedis(): Promise<BenchRedis> {
  const url = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
  const port = Number(new URL(url).port || 6379);
  if (await redisPing(port)) return { url, port, label: "machine", stop: async () => undefined };
  return startRedis("machine", []);
}

/** A Redis of the bench's own with AOF on (`appendonly yes`, `appendfsync everysec`). */
export function startAofRedis(): Promise<BenchRedis> {
  return startRedis("aof", ["--appendonly", "yes", "--appendfsync", "everysec"]);
}

async function startRedis(label: string, extra: string[]): Promise<BenchRedis> {
  const dir = tempDir("redis");
  const port = await freePort();
  const child: ChildProcess = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", "", ...extra, "--daemonize", "no", "--loglevel", "warning"],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const deadline = Date.now() + 10_000;
  while (!(await redisPing(port))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`redis-server (${label}) did not start`);
    await new Promise((r) => setTimeout(r, 50));
  }
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    child.kill("SIGTERM");
    await exited;
  };
  onCleanup(stop);
  return { url: `redis://127.0.0.1:${port}`, port, label, stop };
}

function redisPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = netConnect(port, "127.0.0.1");
    s.once("error", () => resolve(false));
    s.once("connect", () => s.write("PING\r\n"));
    s.once("data", (d) => {
      s.destroy();
      resolve(d.toString().startsWith("+PONG"));
    });
  });
}

/** Versions of the external pieces, for the report. */
export function versions(): Record<string, string> {
  const out = (cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, { encoding: "utf8" });
    return (r.stdout || r.stderr || "").trim().split("\n")[0] ?? "";
  };
  return {
    node: process.version,
    nats_server: out("nats-server", ["--version"]),
    redis: out("redis-server", ["--version"]).replace(/ sha=.*/, ""),
    postgres: out("psql", ["--version"]),
  };
}
