import { describe, expect, it } from "vitest";
import type { AgentHeartbeat } from "@gardenos/contracts";
import { HeartbeatAggregator, readHandler } from "../src/aggregator.js";

const hb = (over: Partial<AgentHeartbeat>): AgentHeartbeat => ({
  agent_id: "lead-analysis-0",
  agent_type: "lead_analysis",
  status: "idle",
  processed_count: 0,
  error_count: 0,
  uptime_seconds: 1,
  current_task_id: null,
  started_at: "2026-11-25T10:00:00.000Z",
  last_activity_at: null,
  avg_latency_ms: 0,
  host: "h",
  pid: 1,
  sent_at: "2026-11-25T10:00:01.000Z",
  interval_seconds: 5,
  ...over,
});
const sizes = { lead_analysis: 3, follow_up: 1 };

describe("heartbeat aggregation", () => {
  it("counts agents by type and state, and totals across them", () => {
    const a = new HeartbeatAggregator();
    a.ingest(hb({ processed_count: 10, error_count: 1, status: "processing", current_task_id: "t1" }), 0);
    a.ingest(hb({ agent_id: "follow-up-0", agent_type: "follow_up", processed_count: 5 }), 0);
    // Every registered type has an agent alive (the built-ins: lead analysis, follow-up, e-mail classification).
    a.ingest(hb({ agent_id: "email-classification-0", agent_type: "email_classification" }), 0);
    const s = a.status(sizes, 1000);
    expect(s).toMatchObject({ orchestrator_status: "running", total_agents: 3, total_processed: 15, total_failed: 1, queue_sizes: sizes });
    expect(s.error_rate).toBeCloseTo(1 / 16, 4);
    expect(s.agents_by_type.lead_analysis).toEqual({ running: 1, busy: 1, idle: 0 });
  });

  it("shows an agent whose heartbeats stopped for 3 intervals as gone", () => {
    const a = new HeartbeatAggregator();
    a.ingest(hb({ processed_count: 4 }), 0);
    expect(a.status(sizes, 14_000).agents[0]!.gone).toBe(false);
    const later = a.status(sizes, 16_000);
    expect(later.agents[0]).toMatchObject({ gone: true, last_seen_at: new Date(0).toISOString() });
    expect(later).toMatchObject({ total_agents: 0, orchestrator_status: "stopped", total_processed: 4 });
  });

  it("keeps the counts of an agent's earlier life when it restarts", () => {
    const a = new HeartbeatAggregator();
    a.ingest(hb({ processed_count: 7 }), 0);
    a.ingest(hb({ processed_count: 2, started_at: "2026-11-25T11:00:00.000Z" }), 1000);
    expect(a.status(sizes, 1000).total_processed).toBe(9);
  });

  it("ignores heartbeats that do not follow the contract", () => {
    const a = new HeartbeatAggregator();
    expect(a.ingest({ agent_id: "x" })).toBe(false);
    expect(a.status(sizes).total_agents).toBe(0);
  });

  it("tells draining, cleanly stopped and gone agents apart", () => {
    const a = new HeartbeatAggregator();
    a.ingest(hb({ agent_id: "lead-analysis-0" }), 0);
    a.ingest(hb({ agent_id: "lead-analysis-1", status: "stopping", current_task_id: "t9" }), 0);
    a.ingest(hb({ agent_id: "lead-analysis-2", status: "stopping" }), 0);
    const views = a.agentViews(undefined, 1000);
    expect(views.map((v) => [v.agent_id, v.state])).toEqual([
      ["lead-analysis-0", "running"],
      ["lead-analysis-1", "draining"],
      ["lead-analysis-2", "stopped"],
    ]);
    const t = a.byType(views, 1000).lead_analysis;
    expect(t).toMatchObject({ running: 1, draining: 1, failed: 0 });
    // A stopped agent leaves the list after 3 intervals; a silent one turns gone (failed).
    const later = a.agentViews(undefined, 16_000);
    expect(later.map((v) => [v.agent_id, v.state])).toEqual([
      ["lead-analysis-0", "gone"],
      ["lead-analysis-1", "gone"],
    ]);
  });

  it("reads breakers, degraded mode and budget from the LLM chain's status", () => {
    const h = readHandler({
      mode: "llm",
      providers: [
        { name: "deepinfra", breaker: "open" },
        { name: "backup", breaker: "half_open" },
      ],
      budget: { limit_usd: 5, remaining_usd: 1.25 },
    });
    expect(h).toEqual({ breakers: { deepinfra: "open", backup: "half_open" }, degradedMode: false, budgetLeftUsd: 1.25 });
    expect(readHandler({ mode: "llm", providers: [{ name: "a", breaker: "open" }], budget: { limit_usd: null, remaining_usd: null } }).degradedMode).toBe(true);
    expect(readHandler({ mode: "llm", providers: [{ name: "a", breaker: "closed" }], budget: { limit_usd: 5, remaining_usd: 0 } }).degradedMode).toBe(true);
    expect(readHandler({ mode: "builtin", providers: [], budget: { limit_usd: null, remaining_usd: null } })).toEqual({ breakers: {}, degradedMode: false, budgetLeftUsd: 0 });
  });
});

describe("deployed and not deployed types", () => {
  it("a registered type left out of AGENT_TYPES is listed as not deployed and does not degrade the status", () => {
    const a = new HeartbeatAggregator({ types: ["lead_analysis", "follow_up"], deployed: ["lead_analysis"] });
    a.ingest(hb({}), 0);
    const s = a.status(sizes, 1000);
    expect(s.orchestrator_status).toBe("running");
    expect(Object.keys(s.agents_by_type)).toEqual(["lead_analysis", "follow_up"]);
    const byType = a.byType(s.agents, 1000);
    expect(byType.lead_analysis).toMatchObject({ deployed: true, running: 1 });
    expect(byType.follow_up).toMatchObject({ deployed: false, running: 0 });
  });

  it("a deployed type with no live agent still degrades the status", () => {
    const a = new HeartbeatAggregator({ types: ["lead_analysis", "follow_up"] });
    a.ingest(hb({}), 0);
    expect(a.status(sizes, 1000).orchestrator_status).toBe("degraded");
  });
});
