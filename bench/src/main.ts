#!/usr/bin/env node
/**
 * `npm run bench [-- <scenario>…] [--quick] [--profile]`: GardenOS side by side with BullMQ and
 * the raw JetStream floor, on this machine, in one run. Each scenario prints its table and
 * writes bench/results/<scenario>.json; the chart is bench/results/chart.svg.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeChart } from "./chart.js";
import { cleanupAll, versions } from "./lib/infra.js";
import { RESULTS_DIR, WORK_DIR } from "./lib/procs.js";
import { summariseProfiles } from "./lib/profile.js";
import { load, machine } from "./lib/stats.js";
import { intake } from "./scenarios/intake.js";
import { llm } from "./scenarios/llm.js";
import { memory } from "./scenarios/memory.js";
import { recovery } from "./scenarios/recovery.js";
import { throughput } from "./scenarios/throughput.js";
import { tokens } from "./scenarios/tokens.js";
import { stream } from "./scenarios/stream.js";
import { similar } from "./scenarios/similar.js";
import type { ScenarioContext, ScenarioResult } from "./scenarios/types.js";

const SCENARIOS: Record<string, (ctx: ScenarioContext) => Promise<ScenarioResult>> = { throughput, intake, llm, memory, recovery, tokens, stream, similar };

function usage(): never {
  console.error(`usage: npm run bench -- [${Object.keys(SCENARIOS).join("|")}]… [--quick] [--profile]`);
  process.exit(2);
}

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const profile = args.includes("--profile");
const names = args.filter((a) => !a.startsWith("--"));
for (const a of args) if (a.startsWith("--") && a !== "--quick" && a !== "--profile") usage();
for (const n of names) if (!SCENARIOS[n]) usage();
const chosen = names.length ? names : Object.keys(SCENARIOS);

const profileDir = join(WORK_DIR, "profiles");
rmSync(profileDir, { recursive: true, force: true });
mkdirSync(profileDir, { recursive: true });
mkdirSync(RESULTS_DIR, { recursive: true });

let interrupted = false;
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.once(sig, () => {
    interrupted = true;
    console.error(`\n${sig}: cleaning up…`);
    void cleanupAll().then(() => process.exit(130));
  });
}

const env = { machine: machine(), versions: versions(), quick };
console.log(`GardenOS bench${quick ? " (--quick: small sizes, one repetition; numbers are not meaningful)" : ""}`);
console.log(`${env.machine.cpus} × ${env.machine.cpu_model}, ${env.machine.memory_gb} GB, ${env.versions.node}, ${env.versions.nats_server}, ${env.versions.redis}, ${env.versions.postgres}`);
const t0 = Date.now();
let failed = false;
for (const name of chosen) {
  if (interrupted) break;
  const started = Date.now();
  const loadBefore = load();
  console.log(`\n== ${name} (load average ${loadBefore})`);
  const ctx: ScenarioContext = { quick, profile, profileDir, log: (l) => console.log(l) };
  try {
    const r = await SCENARIOS[name]!(ctx);
    const out = { ...r, when: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000), load_before: loadBefore, load_after: load(), ...env };
    // BENCH_ONLY (debugging a few throughput contenders) leaves the kept results alone.
    const file = `${name}${quick ? ".quick" : process.env.BENCH_ONLY ? ".partial" : ""}.json`;
    writeFileSync(join(RESULTS_DIR, file), JSON.stringify(out, null, 2) + "\n");
    console.log(`\n${r.text}`);
    for (const [t, ok] of Object.entries(r.targets)) console.log(`  target ${ok === "pending" ? "PENDING" : ok ? "met   " : "MISSED "} ${t}`);
  } catch (e) {
    failed = true;
    console.error(`${name} failed:`, e);
  } finally {
    await cleanupAll();
  }
}
if (profile) {
  const summary = summariseProfiles(profileDir);
  if (summary) {
    writeFileSync(join(RESULTS_DIR, "profile.txt"), summary);
    console.log(`\n== CPU profiles (self time, top functions)\n${summary}`);
  }
}
if (!quick && !process.env.BENCH_ONLY) {
  writeChart(RESULTS_DIR);
  writeFileSync(join(RESULTS_DIR, "summary.md"), summaryMarkdown());
}

/** The tables of the latest full results, as Markdown (pasted into bench/README.md). */
function summaryMarkdown(): string {
  const out: string[] = [];
  for (const name of Object.keys(SCENARIOS)) {
    const path = join(RESULTS_DIR, `${name}.json`);
    if (!existsSync(path)) continue;
    const r = JSON.parse(readFileSync(path, "utf8")) as ScenarioResult & { when: string; seconds: number; load_before: string; load_after: string; machine: ReturnType<typeof machine>; versions: Record<string, string> };
    if (!out.length) out.push(`Machine: ${r.machine.cpus} × ${r.machine.cpu_model}, ${r.machine.memory_gb} GB, ${r.machine.platform}; ${Object.values(r.versions).join(", ")}.`, "");
    out.push(`### ${name} — ${r.when}, ${r.seconds} s, load average ${r.load_before} → ${r.load_after}`, "", r.text, "");
    for (const [t, ok] of Object.entries(r.targets)) out.push(`- ${ok === "pending" ? "pending" : ok ? "**met**" : "**missed**"}: ${t}`);
    out.push("");
  }
  return out.join("\n");
}
console.log(`\nbench finished in ${Math.round((Date.now() - t0) / 1000)} s; results in ${RESULTS_DIR}`);
process.exit(failed ? 1 : 0);
