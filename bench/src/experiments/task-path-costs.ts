/**
 * Experiment: the agent's per-task steps in isolation, µs each (one process, no I/O), for the
 * throughput scenario's lead: JSON.parse of the event, the event schema, the scorer, the result
 * schema, the result event's JSON, and the recorder's parse of that result event.
 * `node bench/dist/experiments/task-path-costs.js`
 */
import { LeadAnalysisResult, LeadAnalyzeEvent, agentTypes, leadAnalysis, parseResultEvent } from "@gardenos/contracts";
import { scoreLead } from "@gardenos/lead-analysis";
import { benchLead, sampleLeads } from "../lib/leads.js";

const samples = sampleLeads();
const N = Number(process.env.N ?? 20_000);
const enc = new TextEncoder();
const dec = new TextDecoder();
const raw = Array.from({ length: N }, (_, i) => enc.encode(JSON.stringify({ task_id: `t${i}`, lead: benchLead(samples, i), priority: 5, created_at: new Date().toISOString() })));
const def = agentTypes.require(leadAnalysis.type);

function time(label: string, f: (i: number) => unknown): void {
  for (let i = 0; i < Math.min(N, 2000); i++) f(i); // warm-up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) f(i);
  const us = Number(process.hrtime.bigint() - t0) / 1000 / N;
  console.log(`${label.padEnd(40)} ${us.toFixed(1)} µs`);
}

const parsed = raw.map((r) => JSON.parse(dec.decode(r)));
const events = parsed.map((p) => LeadAnalyzeEvent.parse(p));
const results = events.map((e) => scoreLead(e.lead));
const resultEvents = results.map((result, i) => ({
  schema_version: 1, task_id: `t${i}`, type: "lead_analysis", status: "completed", lead_id: events[i]!.lead.id, agent_id: "a-1", model: "builtin-heuristic",
  provider: "builtin", degraded: false, usage: { prompt_tokens: 0, completion_tokens: 0 }, cost_usd: 0, latency_ms: 1, attempts: 1,
  started_at: new Date().toISOString(), completed_at: new Date().toISOString(), result,
}));
const resultJson = resultEvents.map((e) => JSON.parse(JSON.stringify(e)));
console.log(`event ${raw[0]!.length} bytes, result event ${JSON.stringify(resultEvents[0]).length} bytes`);
time("decode + JSON.parse(event)", (i) => JSON.parse(dec.decode(raw[i]!)));
time("LeadAnalyzeEvent.safeParse", (i) => LeadAnalyzeEvent.safeParse(parsed[i]));
time("scoreLead", (i) => scoreLead(events[i]!.lead));
time("LeadAnalysisResult.safeParse", (i) => LeadAnalysisResult.safeParse(results[i]));
time("JSON.stringify + encode(result event)", (i) => enc.encode(JSON.stringify(resultEvents[i])));
time("recorder: parseResultEvent(result)", (i) => parseResultEvent(def.resultSubject, resultJson[i]));
