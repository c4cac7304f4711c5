import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededPgliteDir } from "../../tests/helpers/pglite-template.js";
import { until } from "../../tests/helpers/keyed-call.js";
import { sampleLead } from "../../tests/helpers/stack.js";
import { freePort } from "@gardenos/runtime";

/**
 * `gardenos up` as a newcomer runs it: nats-server, metrics and one service per agent type as
 * threads of the supervisor, the gateway on the embedded database as a process of its own; a
 * service that dies is restarted, its lines are in its own log, Ctrl-C stops everything cleanly.
 */
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CRASH_PLUGIN = join(ROOT, "tests/fixtures/crash-once/definition.mjs");

/** Child pids of `pid` with their command lines (from /proc). */
function childrenOf(pid: number): { pid: number; cmd: string }[] {
  const out: { pid: number; cmd: string }[] = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) out.push({ pid: Number(d), cmd: readFileSync(`/proc/${d}/cmdline`, "utf8").split("\0").join(" ") });
    } catch {
      // gone
    }
  }
  return out;
}

/** Processes whose command line or environment names `dir`. */
function processesUsing(dir: string): string[] {
  const out: string[] = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d) || Number(d) === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, "utf8");
      if (cmd.includes(dir) || readFileSync(`/proc/${d}/environ`, "utf8").includes(dir)) out.push(`${d} ${cmd.split("\0").join(" ")}`);
    } catch {
      // gone, or not ours to read
    }
  }
  return out;
}

describe("gardenos up", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "gardenos-up-test-"));
  let up: ChildProcess;
  let output = "";
  let url = "";
  let natsPort = 0;

  beforeAll(async () => {
    seededPgliteDir(join(dataDir, "pglite"));
    natsPort = await freePort();
    up = spawn(process.execPath, [join(ROOT, "cli/dist/main.js"), "up", "--port", "0", "--nats-port", String(natsPort), "--data-dir", dataDir], {
      cwd: ROOT,
      env: { ...process.env, NATS_URL: "", DATABASE_URL: "", AGENT_TYPE_PLUGINS: CRASH_PLUGIN, CRASH_ONCE_MARKER: join(dataDir, "crashed-once"), LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
      // A process group of its own, as a terminal gives the command it runs: Ctrl-C goes to the group.
      detached: true,
    });
    up.stdout!.on("data", (d: Buffer) => (output += d.toString()));
    up.stderr!.on("data", (d: Buffer) => (output += d.toString()));
    url = await until(
      "the stack to say it is running",
      async () => {
        if (up.exitCode !== null) throw new Error(`gardenos up exited ${up.exitCode}:\n${output}`);
        return /GardenOS is running: (http:\/\/\S+)/.exec(output)?.[1];
      },
      90_000,
    );
  }, 120_000);

  afterAll(async () => {
    // A failed test leaves the stack up: nothing of it may outlive the file.
    if (up && up.exitCode === null) {
      for (const k of childrenOf(up.pid!)) process.kill(k.pid, "SIGKILL");
      up.kill("SIGKILL");
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("starts its nats-server on the port --nats-port names, and says so", () => {
    expect(output).toContain(`nats-server started on nats://127.0.0.1:${natsPort} `);
  });

  it("runs metrics and the agent services as one thread: its only child processes are nats-server and the gateway", () => {
    const kids = childrenOf(up.pid!);
    expect(kids.map((k) => (k.cmd.includes("nats-server") ? "nats-server" : k.cmd.includes("services/gateway/") ? "gateway" : k.cmd)).sort()).toEqual(["gateway", "nats-server"]);
  });

  it("scores a lead and writes a follow-up through the threads", async () => {
    const lead = { ...sampleLead, id: "up-lead-1" };
    const post = async (path: string, body: unknown) => {
      const r = await fetch(`${url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      const body2 = (await r.json()) as { task_id: string };
      expect(r.status, JSON.stringify(body2)).toBe(202);
      return body2.task_id;
    };
    const ids = [await post("/ai/analyze-lead", { lead }), await post("/ai/generate-follow-up", { lead, context: "Asked for pricing" })];
    for (const id of ids) {
      const task = await until(`task ${id} to complete`, async () => {
        const t = (await (await fetch(`${url}/ai/tasks/${id}`)).json()) as { status: string; result?: unknown };
        return t.status === "completed" ? t : undefined;
      }, 30_000);
      expect(task.result).toBeTruthy();
    }
  });

  it("restarts a service thread that died of an uncaught error, and the supervisor lives on", async () => {
    await until("the restart to be announced", async () => (/crash-once exited \(code 1\); restarting/.test(output) ? true : undefined));
    // The error is in the service's own log, and the restarted service takes tasks.
    expect(readFileSync(join(dataDir, "logs", "crash-once.log"), "utf8")).toContain("the deliberate uncaught error");
    const r = await fetch(`${url}/ai/crash-once`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ word: "again" }) });
    expect(r.status).toBe(202);
    const id = ((await r.json()) as { task_id: string }).task_id;
    const task = await until("the echo task to complete", async () => {
      const t = (await (await fetch(`${url}/ai/tasks/${id}`)).json()) as { status: string; result?: { echo: string } };
      return t.status === "completed" ? t : undefined;
    });
    expect(task.result).toEqual({ echo: "again" });
    expect(up.exitCode).toBeNull();
  });

  it("writes each service's JSON lines to its own log, not to the terminal, and stops cleanly and at once on Ctrl-C", async () => {
    const exited = new Promise<number | null>((resolve) => up.once("exit", (code) => resolve(code)));
    // Ctrl-C in a terminal: SIGINT to the whole foreground process group, not only to the supervisor.
    const sent = performance.now();
    process.kill(-up.pid!, "SIGINT");
    expect(await exited).toBe(0);
    // nats-server and the gateway run in groups of their own: only the supervisor got the signal and
    // stopped them in order (services drained against a live server; it took 30 s when they got it too).
    expect(performance.now() - sent).toBeLessThan(10_000);
    // The shared thread's own log holds only what its services could not log themselves (crashes).
    expect(readFileSync(join(dataDir, "logs", "services.log"), "utf8")).toBe("");
    for (const name of ["metrics", "lead-analysis", "follow-up", "email-classification", "gateway"]) {
      const lines = readFileSync(join(dataDir, "logs", `${name}.log`), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { service?: string; msg?: string });
      expect(lines.every((l) => l.service === name), `${name}.log holds only ${name}'s lines`).toBe(true);
      expect(lines.at(-1)?.msg, `${name} drained and stopped: ${JSON.stringify(lines.slice(-3))}`).toBe("stopped");
    }
    expect(output).not.toMatch(/^\{"level"/m);
  });
});

describe("gardenos up with a bad setting", () => {
  it("stops at once naming the variable and the problem, and leaves nothing running", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "gardenos-up-bad-"));
    try {
      const up = spawn(process.execPath, [join(ROOT, "cli/dist/main.js"), "up", "--port", "0", "--data-dir", dataDir], {
        cwd: ROOT,
        env: { ...process.env, NATS_URL: "", DATABASE_URL: "", FOLLOW_UP_AGENTS: "plenty" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      up.stdout!.on("data", (d: Buffer) => (output += d.toString()));
      up.stderr!.on("data", (d: Buffer) => (output += d.toString()));
      const t0 = Date.now();
      const code = await new Promise<number | null>((resolve) => up.once("exit", resolve));
      expect(code, output).toBe(3);
      expect(output).toMatch(/gardenos: follow-up: cannot start: Invalid configuration: FOLLOW_UP_AGENTS: must be a number/);
      expect(output).not.toMatch(/restarting/);
      // Not the 60 s health wait: the configuration error ends the start.
      expect(Date.now() - t0).toBeLessThan(45_000);
      // Neither nats-server (its store is under the data directory) nor a service is left behind
      // (a process SIGKILLed at the stop may take a moment to be gone).
      let left = processesUsing(dataDir);
      for (let i = 0; i < 30 && left.length; i++) {
        await new Promise((r) => setTimeout(r, 100));
        left = processesUsing(dataDir);
      }
      expect(left, output).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("gardenos up --nats-port on a port in use", () => {
  it("refuses at once, naming the port and the option, and starts nothing", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "gardenos-up-natsport-"));
    const { createServer } = await import("node:net");
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, "127.0.0.1", r));
    const port = (taken.address() as { port: number }).port;
    try {
      const up = spawn(process.execPath, [join(ROOT, "cli/dist/main.js"), "up", "--port", "0", "--nats-port", String(port), "--data-dir", dataDir], {
        cwd: ROOT,
        env: { ...process.env, NATS_URL: "", DATABASE_URL: "" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      up.stdout!.on("data", (d: Buffer) => (output += d.toString()));
      up.stderr!.on("data", (d: Buffer) => (output += d.toString()));
      const code = await new Promise<number | null>((resolve) => up.once("exit", resolve));
      expect(code, output).toBe(3);
      expect(output).toContain(`gardenos: NATS port ${port} is already in use: stop what runs there, or choose another with --nats-port`);
      expect(output).not.toMatch(/nats-server started/);
      expect(processesUsing(dataDir)).toEqual([]);
    } finally {
      taken.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe("gardenos up after its supervisor was SIGKILLed", () => {
  it("refuses a second supervisor on the same data directory, and the next start stops what the killed one left behind", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "gardenos-up-killed-"));
    seededPgliteDir(join(dataDir, "pglite"));
    const started: ChildProcess[] = [];
    const start = () => {
      const p = spawn(process.execPath, [join(ROOT, "cli/dist/main.js"), "up", "--port", "0", "--data-dir", dataDir], {
        cwd: ROOT,
        env: { ...process.env, NATS_URL: "", DATABASE_URL: "" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      started.push(p);
      const out = { text: "" };
      p.stdout!.on("data", (d: Buffer) => (out.text += d.toString()));
      p.stderr!.on("data", (d: Buffer) => (out.text += d.toString()));
      return { p, out };
    };
    const running = (s: { p: ChildProcess; out: { text: string } }) =>
      until("the stack to say it is running", async () => {
        if (s.p.exitCode !== null) throw new Error(`gardenos up exited ${s.p.exitCode}:\n${s.out.text}`);
        return /GardenOS is running: (http:\/\/\S+)/.exec(s.out.text)?.[1];
      }, 90_000);
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    try {
      const first = start();
      await running(first);
      const kids = childrenOf(first.p.pid!);
      const nats = kids.find((k) => k.cmd.includes("nats-server"))!;
      const gateway = kids.find((k) => k.cmd.includes("services/gateway/"))!;
      expect(nats && gateway, JSON.stringify(kids)).toBeTruthy();

      // A second supervisor on the same data directory is refused before it starts anything.
      const second = start();
      expect(await new Promise((r) => second.p.once("exit", r)), second.out.text).toBe(3);
      expect(second.out.text).toContain(`another gardenos up (pid ${first.p.pid}) is running on this data directory`);

      // SIGKILL: the supervisor can stop nothing. Its gateway notices (its stdin pipe ends) and exits.
      first.p.kill("SIGKILL");
      await until("the orphaned gateway to exit", async () => (alive(gateway.pid) ? undefined : true), 20_000);
      expect(alive(nats.pid)).toBe(true);

      // The next start stops the orphaned nats-server (same store) before starting its own, and serves.
      const third = start();
      const url = await running(third);
      expect(third.out.text).toContain(`stopped what an earlier gardenos up (killed) left running: nats-server (pid ${nats.pid})`);
      expect(alive(nats.pid)).toBe(false);
      const r = await fetch(`${url}/ai/analyze-lead`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ lead: { ...sampleLead, id: "after-kill" } }) });
      expect(r.status).toBe(202);
      const id = ((await r.json()) as { task_id: string }).task_id;
      await until("the lead to be scored", async () => (((await (await fetch(`${url}/ai/tasks/${id}`)).json()) as { status: string }).status === "completed" ? true : undefined), 30_000);

      third.p.kill("SIGINT");
      expect(await new Promise((r) => third.p.once("exit", r))).toBe(0);
      let left = processesUsing(dataDir);
      for (let i = 0; i < 30 && left.length; i++) {
        await new Promise((r) => setTimeout(r, 100));
        left = processesUsing(dataDir);
      }
      expect(left).toEqual([]);
    } finally {
      for (const p of started) {
        if (p.exitCode !== null || p.signalCode !== null) continue;
        for (const k of childrenOf(p.pid!)) process.kill(k.pid, "SIGKILL");
        p.kill("SIGKILL");
      }
      for (const l of processesUsing(dataDir)) process.kill(Number(l.split(" ")[0]), "SIGKILL");
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
