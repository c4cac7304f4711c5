import { describe, expect, it } from "vitest";
import { leadAnalysis, parseResultEvent, type ResultStreamEvent } from "@gardenos/contracts";
import { ResultsTracker, type TaskOutcome } from "../src/results.js";

const NOW = Date.now();
const completed = (over: Record<string, unknown> = {}) => ({
  schema_version: 1,
  task_id: "analysis-1",
  type: "lead_analysis",
  status: "completed",
  agent_id: "lead-analysis-0",
  model: "builtin-heuristic",
  provider: "builtin",
  degraded: false,
  usage: { prompt_tokens: 10, completion_tokens: 5 },
  cost_usd: 0.001,
  latency_ms: 40,
  attempts: 1,
  started_at: new Date(NOW - 40).toISOString(),
  completed_at: new Date(NOW).toISOString(),
  result: {
    lead_quality_score: 7,
    conversion_probability: 40,
    recommended_action: "Call",
    follow_up_timeline: "2 days",
    key_insights: ["warm"],
    top_positive_factors: [],
    top_negative_factors: [],
  },
  ...over,
});
const started = {
  task_id: "analysis-1",
  type: "lead_analysis",
  agent_id: "lead-analysis-0",
  attempt: 1,
  started_at: new Date(NOW - 40).toISOString(),
  subject: "lead.analyze.high",
  priority: 9,
  lead: { id: "L-1" },
};
const parsed = (subject: string, data: unknown): ResultStreamEvent => {
  const ev = parseResultEvent(subject, data);
  if (!ev) throw new Error(`no event for ${subject}`);
  return ev;
};

describe("results tracker (events read by parseResultEvent)", () => {
  it("counts a completed task with its band, tokens, cost and latency", () => {
    const r = new ResultsTracker();
    const outcomes: TaskOutcome[] = [];
    r.onOutcome((o) => outcomes.push(o));
    r.ingest(parsed("task.started", started), NOW - 40);
    r.ingest(parsed(leadAnalysis.resultSubject, completed()), NOW);
    expect(outcomes).toEqual([
      { type: "lead_analysis", band: "high", outcome: "completed", latencyMs: 40, promptTokens: 10, completionTokens: 5, promptCacheHitTokens: 0, costUsd: 0.001, degraded: false, at: NOW },
    ]);
    const f = r.typeFigures("lead_analysis", NOW);
    expect(f.today).toMatchObject({ completed: 1, failed: 0, promptTokens: 10, completionTokens: 5, promptCacheHitTokens: 0 });
    // Cache hits, when the provider reported them, are counted with the prompt tokens.
    r.ingest(parsed(leadAnalysis.resultSubject, completed({ task_id: "analysis-2", usage: { prompt_tokens: 10, completion_tokens: 5, prompt_cache_hit_tokens: 8 } })), NOW);
    expect(r.typeFigures("lead_analysis", NOW).today).toMatchObject({ completed: 2, promptTokens: 20, promptCacheHitTokens: 8 });
    expect(outcomes.at(-1)).toMatchObject({ promptTokens: 10, promptCacheHitTokens: 8 });
    expect(f.latency.count).toBe(1);
    expect(r.agentLatency("lead-analysis-0").p50_ms).toBe(40);
  });

  it("counts a failure by the type its subject names and keeps it for the queues view", () => {
    const r = new ResultsTracker();
    const failed = {
      task_id: "followup-9",
      subject: "followup.generate.low",
      agent_id: "follow-up-1",
      attempts: 3,
      error: { code: "ERR_AGENT_TIMEOUT", message: "took too long", retryable: true },
      failed_at: new Date(NOW).toISOString(),
    };
    r.ingest(parsed("task.failed", failed), NOW);
    expect(r.typeFigures("follow_up", NOW).today.failed).toBe(1);
    expect(r.lastFailures()).toEqual([
      { task_id: "followup-9", type: "follow_up", subject: "followup.generate.low", agent_id: "follow-up-1", attempts: 3, code: "ERR_AGENT_TIMEOUT", reason: "took too long", failed_at: failed.failed_at },
    ]);
  });

  it("a result that breaks its type's schema is rejected by the parser, not half-counted", () => {
    expect(() => parseResultEvent(leadAnalysis.resultSubject, completed({ latency_ms: "fast" }))).toThrow();
    expect(() => parseResultEvent(leadAnalysis.resultSubject, completed({ type: "follow_up" }))).toThrow();
    expect(parseResultEvent("no.such.result", completed())).toBeUndefined();
  });
});
