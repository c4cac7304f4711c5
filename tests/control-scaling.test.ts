import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Kvm } from "@nats-io/kv";
import { connect } from "@nats-io/transport-node";
import { startGateway, type Gateway } from "@gardenos/gateway";
import { Proc, api, until } from "./helpers/control.js";
import { startNats } from "./helpers/nats.js";
import { seededPgliteDir } from "./helpers/pglite-template.js";
import { sampleLead, waitForTask } from "./helpers/stack.js";

/**
 * Cluster-wide scaling with real processes: two lead-analysis replicas share the desired count
 * from NATS KV; the gateway and the metrics service report what runs.
 */
describe("scaling across replicas (real service processes)", () => {
  let nats: Awaited<ReturnType<typeof startNats>>;
  let gateway: Gateway;
  let dir: string;
  const procs: Proc[] = [];
  let lead: Proc[] = [];
  let env: NodeJS.ProcessEnv;

  const status = async () => (await api(gateway.url, "GET", "/ai/status")).json;
  const leadAgents = async () => {
    const r = await api(gateway.url, "GET", "/ai/agents?type=lead_analysis");
    return (r.json?.agents ?? []) as any[];
  };
  const running = (agents: any[]) => agents.filter((a) => a.state === "running");

  /** Waits until the cluster runs `n` lead-analysis agents, and returns the running ones. */
  async function expectLeadAgents(n: number, withinMs: number) {
    await until(status, (s) => s?.types?.lead_analysis?.running === n && s.types.lead_analysis.desired === n && s.types.lead_analysis.draining === 0, withinMs, `${n} lead agents in /ai/status`);
    const agents = await until(leadAgents, (a) => running(a).length === n, withinMs, `${n} lead agents in /ai/agents`);
    return running(agents);
  }

  beforeAll(async () => {
    nats = await startNats();
    dir = mkdtempSync(join(tmpdir(), "gardenos-scaling-"));
    env = { NATS_URL: nats.url, HEARTBEAT_INTERVAL: "0.5", LOG_LEVEL: "info" };
    procs.push(new Proc("metrics", env, join(dir, "metrics.log")));
    lead = [new Proc("lead-analysis", env, join(dir, "lead-a.log"))];
    procs.push(...lead);
    // The second replica after the first has claimed its slot: ids stay `lead-analysis-0…` on slot 0.
    await new Promise((r) => setTimeout(r, 1000));
    lead.push(new Proc("lead-analysis", env, join(dir, "lead-b.log")));
    procs.push(lead[1]!, new Proc("follow-up", env, join(dir, "follow-up.log")), new Proc("email-classification", env, join(dir, "email-classification.log")));
    gateway = await startGateway({ ...env, PORT: "0", LOG_LEVEL: "warn", LOG_FORMAT: "json", PGLITE_DIR: seededPgliteDir(join(dir, "pglite")) });
    // Before any scaling each replica runs its configured 4.
    await until(status, (s) => s?.types?.lead_analysis?.running === 8 && s.types.lead_analysis.replicas === 2, 30_000, "two replicas of 4");
  });

  afterAll(async () => {
    await gateway?.stop().catch(() => undefined);
    for (const p of procs) await p.stop().catch(() => undefined);
    await nats?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("scales two replicas 2 → 8 → 3, seen so in /ai/status and /ai/agents, with ids unique across replicas", async () => {
    for (const target of [2, 8, 3]) {
      const r = await api(gateway.url, "POST", "/ai/scale-agents", { agent_type: "lead_analysis", target_count: target });
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({ agent_type: "lead_analysis", target_count: target });
      const agents = await expectLeadAgents(target, 5000);
      const ids = agents.map((a) => a.agent_id);
      expect(new Set(ids).size).toBe(target);
      // Split across both replicas: floor(n/2) and ceil(n/2).
      const perReplica = Object.values(agents.reduce<Record<string, number>>((m, a) => ({ ...m, [a.replica_id]: (m[a.replica_id] ?? 0) + 1 }), {})).sort();
      expect(perReplica).toEqual([Math.floor(target / 2), Math.ceil(target / 2)].filter((x) => x > 0));
      expect(new Set(agents.map((a) => a.pid)).size).toBe(perReplica.length);
      for (const a of agents) {
        expect(a).toMatchObject({ agent_type: "lead_analysis", status: expect.stringMatching(/^(idle|processing)$/), processed_count: expect.any(Number), error_count: expect.any(Number), uptime_seconds: expect.any(Number) });
        expect(a.agent_id).toMatch(/^lead-analysis-(r\d+-)?\d+$/);
      }
    }
    const s = await status();
    expect(s).toMatchObject({ orchestrator_status: "running", total_agents: 3 + 2 + 2, types: { lead_analysis: { desired: 3, desired_source: "kv", replicas: 2 } } });
    // One agent's metrics, by id, with the seed's fields.
    const one = (await leadAgents()).find((a) => a.state === "running");
    const m = await api(gateway.url, "GET", `/ai/agents/${one.agent_id}/metrics`);
    expect(m.status).toBe(200);
    expect(m.json).toMatchObject({ agent_id: one.agent_id, agent_type: "lead_analysis", status: expect.any(String), processed_count: expect.any(Number), current_task_id: null, host: expect.any(String), pid: expect.any(Number), latency_ms: { p50: expect.any(Number), p95: expect.any(Number), p99: expect.any(Number) } });
  });

  it("scales down under load: running tasks finish, every task completes once", async () => {
    expect((await api(gateway.url, "POST", "/ai/scale-agents", { agent_type: "lead_analysis", target_count: 8 })).status).toBe(200);
    await expectLeadAgents(8, 5000);
    const ids = await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        const r = await api(gateway.url, "POST", "/ai/analyze-lead", { lead: { ...sampleLead, id: `down-${i}` } });
        expect(r.status).toBe(202);
        return r.json.task_id as string;
      }),
    );
    expect((await api(gateway.url, "POST", "/ai/scale-agents", { agent_type: "lead_analysis", target_count: 3 })).status).toBe(200);
    for (const id of ids) {
      const t = await waitForTask(gateway.url, id, 30_000);
      expect(t).toMatchObject({ status: "completed", attempts: 1 });
    }
    await expectLeadAgents(3, 5000);
  });

  it("refuses a target above MAX_LEAD_ANALYSIS_AGENTS or below 0, naming the limit, and keeps the count", async () => {
    const over = await api(gateway.url, "POST", "/ai/scale-agents", { agent_type: "lead_analysis", target_count: 11 });
    expect(over.status).toBe(400);
    expect(over.json.error.code).toBe("ERR_SCALE_LIMIT");
    expect(over.json.error.message).toContain("MAX_LEAD_ANALYSIS_AGENTS");
    const overFollow = await api(gateway.url, "POST", "/ai/scale-agents", { agent_type: "follow_up", target_count: 6 });
    expect(overFollow.status).toBe(400);
    expect(overFollow.json.error.message).toContain("MAX_FOLLOW_UP_AGENTS");
    const under = await api(gateway.url, "POST", "/ai/scale-agents", { agent_type: "lead_analysis", target_count: -1 });
    expect(under.status).toBe(400);
    expect(under.json.error.code).toBe("ERR_SCALE_LIMIT");
    const badType = await api(gateway.url, "POST", "/ai/scale-agents", { agent_type: "summarize", target_count: 1 });
    expect(badType.status).toBe(400);
    expect(badType.json.error.issues[0].path).toBe("agent_type");
    expect((await status()).types.lead_analysis.desired).toBe(3);
  });

  it("runs a count below the number of replicas: the replica with no agents holds no tasks", async () => {
    expect((await api(gateway.url, "POST", "/ai/scale-agents", { agent_type: "lead_analysis", target_count: 1 })).status).toBe(200);
    const agents = await expectLeadAgents(1, 5000);
    const t0 = Date.now();
    const ids = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => (await api(gateway.url, "POST", "/ai/analyze-lead", { lead: { ...sampleLead, id: `one-${i}` } })).json.task_id as string),
    );
    for (const id of ids) expect((await waitForTask(gateway.url, id, 30_000)).status).toBe("completed");
    // Twenty built-in tasks take well under a second on one agent; a parked replica must not sit on any.
    expect(Date.now() - t0).toBeLessThan(5000);
    const s = await status();
    expect(s.types.lead_analysis).toMatchObject({ replicas: 2, running: 1 });
    expect(agents[0].agent_id).toMatch(/^lead-analysis-/);
    expect((await api(gateway.url, "POST", "/ai/scale-agents", { agent_type: "lead_analysis", target_count: 3 })).status).toBe(200);
    await expectLeadAgents(3, 5000);
  });

  it("is steered by plain NATS KV too: a put sets the count, a delete goes back to the configured counts", async () => {
    const nc = await connect({ servers: nats.url });
    try {
      const kv = await new Kvm(nc).open("gardenos_agents");
      await kv.put("desired.lead_analysis", "5");
      await expectLeadAgents(5, 5000);
      await kv.delete("desired.lead_analysis");
      // No count stored: each of the two replicas runs its LEAD_ANALYSIS_AGENTS (4).
      await until(status, (s) => s.types.lead_analysis.running === 8 && s.types.lead_analysis.desired_source === "config", 5000, "configured counts");
      await kv.put("desired.lead_analysis", "3");
      await expectLeadAgents(3, 5000);
    } finally {
      await nc.close();
    }
  });

  it("shows the agents of a killed process as gone, with when they were last seen, and the survivor takes over", async () => {
    const before = running(await leadAgents());
    const victim = lead[1]!;
    const victimAgents = before.filter((a) => a.pid === victim.pid).map((a) => a.agent_id);
    expect(victimAgents.length).toBeGreaterThan(0);
    await victim.stop("SIGKILL");
    const killedAt = Date.now();
    const agents = await until(leadAgents, (list) => victimAgents.every((id) => list.find((a) => a.agent_id === id)?.state === "gone"), 10_000, "killed agents gone");
    for (const id of victimAgents) {
      const a = agents.find((x) => x.agent_id === id);
      expect(a).toMatchObject({ gone: true, state: "gone", status: "gone" });
      expect(Date.parse(a.last_seen_at)).toBeLessThanOrEqual(killedAt + 100);
    }
    // The surviving replica runs all 3 desired agents; the dead ones count as failed.
    const s = await until(status, (x) => x.types.lead_analysis.running === 3 && x.types.lead_analysis.replicas === 1, 10_000, "survivor runs 3");
    expect(s.types.lead_analysis.failed).toBeGreaterThanOrEqual(victimAgents.length);
    const one = await api(gateway.url, "GET", `/ai/agents/${victimAgents[0]}/metrics`);
    expect(one.status).toBe(200);
    expect(one.json.state).toBe("gone");
    const unknown = await api(gateway.url, "GET", "/ai/agents/lead-analysis-99/metrics");
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toMatchObject({ code: "ERR_AGENT_NOT_FOUND", message: expect.stringContaining("lead-analysis-99") });
  });
});
