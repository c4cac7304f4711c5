import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** A service as a real child process (`node services/<name>/dist/main.js`), with its log in a file. */
export class Proc {
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  constructor(
    readonly name: string,
    env: NodeJS.ProcessEnv,
    readonly logFile: string,
  ) {
    const log = createWriteStream(logFile, { flags: "a" });
    this.child = spawn(process.execPath, [join(root, "services", name, "dist", "main.js")], {
      env: { ...process.env, LOG_FORMAT: "json", LOG_LEVEL: "info", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child.stdout?.pipe(log);
    this.child.stderr?.pipe(log);
    this.exited = new Promise((resolve) => this.child.once("exit", () => resolve()));
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async stop(signal: NodeJS.Signals = "SIGTERM", timeoutMs = 20_000): Promise<void> {
    if (!this.running) return;
    const t = setTimeout(() => this.child.kill("SIGKILL"), timeoutMs);
    this.child.kill(signal);
    await this.exited;
    clearTimeout(t);
  }

  log(): string {
    try {
      return readFileSync(this.logFile, "utf8");
    } catch {
      return "";
    }
  }
}

/** Polls `fn` until `ok(value)` holds; throws with the last value after `timeoutMs`. */
export async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastErr: unknown;
  while (Date.now() < deadline) {
    try {
      last = await fn();
      if (ok(last)) return last;
    } catch (e) {
      lastErr = e;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${what} not reached in ${timeoutMs} ms; last: ${JSON.stringify(last)?.slice(0, 2000)} ${lastErr ? String(lastErr) : ""}`);
}

/** GET/POST JSON with an optional bearer key. */
export async function api(base: string, method: string, path: string, body?: unknown, key?: string): Promise<{ status: number; json: any; text: string }> {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...(key ? { authorization: `Bearer ${key}` } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await r.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: r.status, json, text };
}
