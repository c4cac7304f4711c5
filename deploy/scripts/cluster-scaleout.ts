#!/usr/bin/env node
/**
 * Scale-out figure on a real 3-node JetStream cluster (loopback): how fast one vs two
 * lead-analysis processes drain the same backlog, streams at 3 replicas, each process connected
 * to a different node. Reported, not asserted (deploy/README.md "Measured here").
 *
 *   npm run build && node deploy/scripts/cluster-scaleout.ts [--tasks 3000] [--llm-tasks 400]
 *        [--llm-ms 200] [--agents 4] [--rounds 2]
 *
 * Runs with Node 24's type stripping (erasable TypeScript only). Two scenarios: the built-in
 * scorer (CPU and broker bound) and an LLM-bound agent (a local fake OpenAI-compatible server
 * answering after --llm-ms). Each round queues the tasks with no agent running, then starts N
 * processes (`node services/lead-analysis/dist/main.js`) and times first → last result event.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { Streams, leadAnalysis } from "@gardenos/contracts";
import { ensureStreams, loadConfig, BaseConfigSchema } from "@gardenos/runtime";
import { startNatsCluster } from "../../tests/helpers/cluster.ts";
import { startFakeLlm } from "../../tests/helpers/fake-llm.ts";

const { values } = parseArgs({
  options: {
    tasks: { type: "string", default: "3000" },
    agents: { type: "string", default: "4" },
    rounds: { type: "string", default: "2" },
    "llm-tasks": { type: "string", default: "400" },
    "llm-ms": { type: "string", default: "200" },
  },
});
const TASKS = Number(values.tasks);
const AGENTS = Number(values.agents);
const ROUNDS = Number(values.rounds);
const MAIN = fileURLToPath(new URL("../../services/lead-analysis/dist/main.js", import.meta.url));

const lead = {
  company: { name: "Acme Robotics", industry: "Manufacturing", employees: 450 },
  contact: { name: "Jane Doe", title: "VP of Operations", email: "jane@acme-robotics.example" },
  engagement: { source: "Referral" },
  behavior: { site_visits: 12, time_on_site_seconds: 1800, last_activity: "Requested a demo" },
};

const cluster = await startNatsCluster(3);
const nc = await connect({ servers: cluster.urls.split(","), name: "scaleout-bench" });
const js = jetstream(nc);
const jsm = await jetstreamManager(nc);
await ensureStreams(jsm, loadConfig(BaseConfigSchema, { STREAM_REPLICAS: "3" }));
const results: { scenario: string; processes: number; round: number; tasks: number; seconds: number; perSecond: number }[] = [];
const LLM_MS = Number(values["llm-ms"]);
const fake = await startFakeLlm({ models: ["fake-model"] });
fake.setDefault({ kind: "ok", delayMs: LLM_MS });
const scenarios = [
  { scenario: "builtin", tasks: TASKS, env: {} as Record<string, string> },
  { scenario: `llm-${LLM_MS}ms`, tasks: Number(values["llm-tasks"]), env: { LLM_BASE_URL: fake.url, LLM_MODEL: "fake-model", LLM_API_KEY: "bench" } },
];

try {
  for (const { scenario, tasks: TASKS, env: extraEnv } of scenarios) {
  for (let round = 1; round <= ROUNDS; round++) {
    for (const processes of [1, 2]) {
      const run = `r${round}p${processes}-${Date.now().toString(36)}`;
      // Queue the backlog first, awaiting every PubAck (R3: stored on a quorum).
      for (let i = 0; i < TASKS; i += 250) {
        const batch = [];
        for (let j = i; j < Math.min(TASKS, i + 250); j++) {
          batch.push(js.publish("lead.analyze", JSON.stringify({ task_id: `${run}-${j}`, lead: { ...lead, id: `${run}-${j}` } }), { msgID: `${run}-${j}` }));
        }
        await Promise.all(batch);
      }
      let seen = 0;
      let first = 0;
      let last = 0;
      const done = new Promise<void>((resolve) => {
        nc.subscribe(leadAnalysis.resultSubject, {
          callback: (_e, m) => {
            const id = (m.json() as { task_id: string }).task_id;
            if (!id.startsWith(run)) return;
            const now = performance.now();
            if (seen === 0) first = now;
            last = now;
            if (++seen === TASKS) resolve();
          },
        });
      });
      const children: ChildProcess[] = [];
      for (let p = 0; p < processes; p++) {
        const node = cluster.nodes[p % cluster.nodes.length]!;
        children.push(
          spawn(process.execPath, [MAIN], {
            stdio: "ignore",
            env: {
              PATH: process.env.PATH,
              NATS_URL: node.url,
              STREAM_REPLICAS: "3",
              REPLICA_ID: `bench-${p}`,
              LEAD_ANALYSIS_AGENTS: String(AGENTS),
              MAX_LEAD_ANALYSIS_AGENTS: String(Math.max(AGENTS, 10)),
              LOG_LEVEL: "warn",
              LOG_FORMAT: "json",
              ...extraEnv,
            },
          }),
        );
      }
      await done;
      for (const c of children) c.kill("SIGTERM");
      await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once("exit", r)))));
      const seconds = (last - first) / 1000;
      const row = { scenario, processes, round, tasks: TASKS, seconds: Number(seconds.toFixed(2)), perSecond: Math.round((TASKS - 1) / seconds) };
      results.push(row);
      process.stdout.write(`${scenario} round ${round}: ${processes} process(es) × ${AGENTS} agents: ${TASKS} tasks in ${row.seconds} s → ${row.perSecond} tasks/s\n`);
      const si = await jsm.streams.info(Streams.tasks);
      if (si.state.messages !== 0) process.stdout.write(`  warning: ${si.state.messages} tasks left in TASKS\n`);
    }
  }
  const avg = (p: number) => Math.round(results.filter((r) => r.scenario === scenario && r.processes === p).reduce((a, r) => a + r.perSecond, 0) / ROUNDS);
  process.stdout.write(`${scenario}: mean over ${ROUNDS} round(s): 1 process ${avg(1)} tasks/s, 2 processes ${avg(2)} tasks/s (×${(avg(2) / avg(1)).toFixed(2)})\n\n`);
  }
  process.stdout.write(`${JSON.stringify({ cluster: "3 nodes, R3", agentsPerProcess: AGENTS, results })}\n`);
} finally {
  await nc.close();
  await fake.close();
  await cluster.cleanup();
}
