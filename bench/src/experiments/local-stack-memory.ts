/**
 * Experiment: RSS of every process of an idle local stack (`gardenos up`), as a newcomer starts
 * it. Starts `node cli/dist/main.js up` (or, with `--npx`, `npx gardenos up`, which keeps an npm
 * process alive above it) in a temporary data directory, waits until the stack is healthy, lets it
 * settle, then reports the peak RSS of each process over a few seconds and stops the stack.
 *
 *   node bench/dist/experiments/local-stack-memory.js [--npx] [--processes] [--settle=10] [--data-dir=<dir>]
 *
 * `--processes` passes `gardenos up --processes` (every service a process of its own, as before
 * the agent services became threads of the supervisor).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, pssMB, rssMB } from "../lib/procs.js";

const viaNpx = process.argv.includes("--npx");
const settleS = Number(process.argv.find((a) => a.startsWith("--settle="))?.slice(9) ?? 10);
// --data-dir=<dir>: an existing stack's data (a restart: no database to create), else a new one.
const givenDir = process.argv.find((a) => a.startsWith("--data-dir="))?.slice(11);
const dataDir = givenDir ?? mkdtempSync(join(tmpdir(), "gardenos-stack-mem-"));
const args = ["up", "--port", "0", "--data-dir", dataDir, ...(process.argv.includes("--processes") ? ["--processes"] : [])];
const child = viaNpx
  ? spawn("npx", ["--no-install", "gardenos", ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NATS_URL: "" } })
  : spawn(process.execPath, [join(ROOT, "cli", "dist", "main.js"), ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NATS_URL: "" } });
let out = "";
// The CLI says what it does on stderr.
child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
const deadline = Date.now() + 120_000;
while (!out.includes("GardenOS is running")) {
  if (child.exitCode !== null || Date.now() > deadline) {
    process.stderr.write(out);
    throw new Error("the stack did not start");
  }
  await new Promise((r) => setTimeout(r, 200));
}

/** The process tree under `pid`: pid → [command, parent]. */
function tree(root: number): Map<number, string> {
  const parent = new Map<number, number>();
  const comm = new Map<number, string>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
      const cmd = readFileSync(`/proc/${d}/cmdline`, "utf8").split("\0").filter(Boolean);
      const script = cmd.find((c) => c.endsWith(".js") || c.endsWith(".mjs")) ?? cmd[0] ?? "?";
      comm.set(Number(d), script.replace(ROOT, "").replace(/^\//, "") + (cmd.includes("up") && script.includes("cli") ? " (supervisor)" : ""));
    } catch {
      // gone
    }
  }
  const out = new Map<number, string>();
  const visit = (p: number) => {
    out.set(p, comm.get(p) ?? "?");
    for (const [c, pp] of parent) if (pp === p) visit(c);
  };
  visit(root);
  return out;
}

await new Promise((r) => setTimeout(r, settleS * 1000));
const procs = tree(child.pid!);
const peak = new Map<number, number>();
const pss = new Map<number, number>();
for (let i = 0; i < 15; i++) {
  for (const pid of procs.keys()) peak.set(pid, Math.max(peak.get(pid) ?? 0, rssMB(pid)));
  for (const pid of procs.keys()) pss.set(pid, Math.max(pss.get(pid) ?? 0, pssMB(pid)));
  await new Promise((r) => setTimeout(r, 200));
}
// RSS counts the pages every Node process shares (the node binary's code, ≈ 40 MB each) once per
// process; PSS splits them among the processes that share them, so its sum is what the stack takes.
let total = 0;
let totalPss = 0;
console.log("  RSS MB   PSS MB  process");
for (const [pid, name] of procs) {
  const mb = Math.round(peak.get(pid) ?? 0);
  if (!mb) continue;
  total += mb;
  totalPss += Math.round(pss.get(pid) ?? 0);
  console.log(`${String(mb).padStart(8)} ${String(Math.round(pss.get(pid) ?? 0)).padStart(8)}  ${name} (pid ${pid})`);
}
console.log(`${String(total).padStart(8)} ${String(totalPss).padStart(8)}  in all (${viaNpx ? "npx gardenos up" : "node cli/dist/main.js up"}; NODE_OPTIONS=${process.env.NODE_OPTIONS ?? ""})`);
child.kill("SIGINT");
await new Promise((r) => child.once("exit", r));
if (!givenDir) rmSync(dataDir, { recursive: true, force: true });
