import { connect, type NatsConnection } from "@nats-io/transport-node";
import { jetstream } from "@nats-io/jetstream";
import { Subjects } from "@gardenos/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type TestStack } from "./helpers/stack.js";

/**
 * The learning loop end to end on a real nats-server and database: outcomes in (HTTP and
 * lead.outcome events), a model trained from them and picked up by the running lead-analysis
 * agents without a restart, champion / challenger, rollback, tenants, and a follow-up experiment
 * whose variant is sticky per lead and whose sends and replies are counted per variant.
 */

const ADMIN = "admin-7f6e5d4c3b2a1908";
const CLIENT = "client-1a2b3c4d5e6f7081";
const ACME = "client-acme-9e8d7c6b5a49";
const REVIEWER = "reviewer-2b3c4d5e6f708192";
const auth = (key: string) => ({ authorization: `Bearer ${key}` });

async function call(url: string, method: string, path: string, key: string, body?: unknown) {
  const r = await fetch(`${url}${path}`, {
    method,
    headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...auth(key) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: r.status, json: (await r.json().catch(() => undefined)) as any };
}

/** Seeded leads whose conversion depends on their source and time on site. */
function labelledLeads(n: number) {
  let s = 42;
  const rnd = () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const sources = ["Referral", "Organic Search", "Olark Chat", "Direct Traffic"];
  return Array.from({ length: n }, (_, i) => {
    const source = sources[i % sources.length]!;
    const minutes = Math.floor(rnd() * 40);
    const z = -1.2 + (source === "Referral" ? 2.2 : source === "Olark Chat" ? -1.5 : 0) + 0.07 * minutes;
    const converted = rnd() < 1 / (1 + Math.exp(-z));
    return {
      lead: { id: `LL-${i}`, contact: { name: `Lead ${i}` }, engagement: { source }, behavior: { site_visits: 1 + (i % 5), time_on_site_seconds: minutes * 60 } },
      converted,
    };
  });
}

describe("learning loop", () => {
  let stack: TestStack;
  let nc: NatsConnection;
  const failed: any[] = [];
  const taskFailed: any[] = [];
  const at = "2026-11-20T10:00:00Z";

  beforeAll(async () => {
    stack = await startStack({
      env: { GARDENOS_ADMIN_KEYS: ADMIN, GARDENOS_API_KEYS: `${CLIENT},acme:${ACME}`, GARDENOS_REVIEWER_KEYS: REVIEWER, MODEL_MIN_OUTCOMES: "50", RETRAIN_NEW_OUTCOMES: "0" },
    });
    nc = await connect({ servers: stack.nats.url });
    nc.subscribe(Subjects.leadOutcomeRefused, { callback: (_e, m) => failed.push(m.json()) });
    nc.subscribe(Subjects.taskFailed, { callback: (_e, m) => taskFailed.push(m.json()) });
  }, 120_000);

  afterAll(async () => {
    await nc?.close();
    await stack?.stop();
  });

  /** Polls GET /ai/tasks/:id with the key until the task is finished. */
  async function finished(key: string, taskId: string) {
    for (let i = 0; i < 400; i++) {
      const t = await call(stack.url, "GET", `/ai/tasks/${taskId}`, key);
      if (t.json?.status === "completed" || t.json?.status === "failed") return t.json;
      await new Promise((res) => setTimeout(res, 50));
    }
    throw new Error(`task ${taskId} did not finish`);
  }
  const analyzeAs = async (key: string, lead: Record<string, unknown>) => {
    const r = await call(stack.url, "POST", "/ai/analyze-lead", key, { lead });
    expect(r.status).toBe(202);
    return finished(key, r.json.task_id);
  };
  /** Analyses the lead until its result carries `version` (the agents follow the KV bucket). */
  async function untilVersion(key: string, lead: Record<string, unknown>, version: string) {
    let last;
    for (let i = 0; i < 40; i++) {
      last = await analyzeAs(key, lead);
      if (last.result?.model_version === version) return last;
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error(`model_version stayed ${last?.result?.model_version}, expected ${version}`);
  }

  it("refuses a batch with a bad outcome (400 naming the field) and stores none of it", async () => {
    const r = await call(stack.url, "POST", "/ai/outcomes", CLIENT, {
      outcomes: [
        { lead_id: "bad-batch-1", outcome: "converted", at },
        { lead_id: "bad-batch-2", outcome: "won", at },
        { lead_id: "bad-batch-3", outcome: "lost", at: "yesterday" },
      ],
    });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe("ERR_VALIDATION");
    expect(r.json.error.issues.map((i: any) => i.path)).toEqual(["outcomes.1.outcome", "outcomes.2.at"]);
    expect((await call(stack.url, "GET", "/ai/outcomes?lead_id=bad-batch-1", CLIENT)).status).toBe(404);
  });

  it("documents the routes in OpenAPI (admin ones marked)", async () => {
    const spec = (await (await fetch(`${stack.url}/docs/json`)).json()) as any;
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(["/ai/outcomes", "/ai/models", "/ai/models/train", "/ai/models/{version}/activate", "/ai/models/rollback", "/ai/experiments", "/ai/experiments/{id}"]));
    expect(spec.paths["/ai/models/train"].post.description).toContain("admin key");
    expect(spec.paths["/ai/outcomes"].post.requestBody.content["application/json"].schema.properties.outcomes).toBeDefined();
  });

  it("cold start: with no model the heuristic scores and says so", async () => {
    const models = await call(stack.url, "GET", "/ai/models", CLIENT);
    expect(models.json).toMatchObject({ models: [], active_version: null, cold_start: true, min_outcomes: 50 });
    const task = await analyzeAs(CLIENT, { id: "cold-1", engagement: { source: "Referral" } });
    expect(task.result.model_version).toBe("heuristic");
    expect(task.result.key_insights.join(" ")).toMatch(/cold start/);
  });

  it("stores outcomes once, trains a model that beats nothing-at-all, and the running agents use it without a restart", async () => {
    const leads = labelledLeads(400);
    const outcomes = leads.map((l) => ({ lead_id: l.lead.id, outcome: l.converted ? "converted" : "lost", at, lead: l.lead }));
    const first = await call(stack.url, "POST", "/ai/outcomes", CLIENT, { outcomes: outcomes.slice(0, 250) });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ stored: 250, duplicates: 0, leads_updated: 250 });
    await call(stack.url, "POST", "/ai/outcomes", CLIENT, { outcomes: outcomes.slice(250) });
    const again = await call(stack.url, "POST", "/ai/outcomes", CLIENT, { outcomes: outcomes.slice(0, 100) });
    expect(again.json).toMatchObject({ stored: 0, duplicates: 100 });

    expect((await call(stack.url, "POST", "/ai/models/train", CLIENT, {})).status).toBe(403);
    const trained = await call(stack.url, "POST", "/ai/models/train", ADMIN, {});
    expect(trained.status).toBe(200);
    expect(trained.json).toMatchObject({ activated: true, model: { version: 1, active: true, training_rows: expect.any(Number) } });
    expect(trained.json.model.validation.roc_auc).toBeGreaterThan(0.7);
    expect(trained.json.model.features).toContain("engagement.source");

    const hot = { id: "new-hot", engagement: { source: "Referral" }, behavior: { site_visits: 3, time_on_site_seconds: 2400 } };
    const task = await untilVersion(CLIENT, hot, "model-1");
    expect(task.model).toBe("builtin-heuristic");
    expect(task.result.top_positive_factors.map((f: any) => f.factor)).toContain("Lead source");
    const cold = await untilVersion(CLIENT, { id: "new-cold", engagement: { source: "Olark Chat" }, behavior: { site_visits: 1, time_on_site_seconds: 30 } }, "model-1");
    expect(task.result.conversion_probability).toBeGreaterThan(cold.result.conversion_probability);
  }, 60_000);

  it("keeps another tenant's models, outcomes and scores apart", async () => {
    const models = await call(stack.url, "GET", "/ai/models", ACME);
    expect(models.json).toMatchObject({ models: [], cold_start: true, labelled_leads: 0 });
    expect((await call(stack.url, "GET", "/ai/outcomes?lead_id=LL-1", ACME)).status).toBe(404);
    expect((await call(stack.url, "GET", "/ai/outcomes?lead_id=LL-1", CLIENT)).status).toBe(200);
    const task = await analyzeAs(ACME, { id: "acme-1", engagement: { source: "Referral" } });
    expect(task.result.model_version).toBe("heuristic");
  });

  it("a challenger that is no better stays inactive; rollback returns to the heuristic, activate brings a version back", async () => {
    const second = await call(stack.url, "POST", "/ai/models/train", ADMIN, {});
    expect(second.json).toMatchObject({ activated: false, model: { version: 2, active: false } });
    expect(second.json.decision).toMatch(/kept the active model/);
    expect(second.json.model.champion_validation.roc_auc).toBeCloseTo(second.json.model.validation.roc_auc, 6);

    const back = await call(stack.url, "POST", "/ai/models/rollback", ADMIN, {});
    expect(back.json).toEqual({ active_version: null, model: null });
    await untilVersion(CLIENT, { id: "rb-1", engagement: { source: "Referral" } }, "heuristic");
    expect((await call(stack.url, "POST", "/ai/models/9/activate", ADMIN, {})).status).toBe(404);
    expect((await call(stack.url, "POST", "/ai/models/2/activate", ADMIN, {})).json).toMatchObject({ version: 2, active: true });
    await untilVersion(CLIENT, { id: "rb-2", engagement: { source: "Referral" } }, "model-2");
  }, 60_000);

  it("stores lead.outcome events and answers a bad one on task.failed (and lead.outcome.refused) naming the field", async () => {
    const js = jetstream(nc);
    await js.publish(Subjects.leadOutcome, JSON.stringify({ lead_id: "evt-1", outcome: "meeting_booked", at, outcome_id: "evt-ok-1" }));
    await js.publish(Subjects.leadOutcome, JSON.stringify({ lead_id: "evt-2", outcome: "maybe", at, outcome_id: "evt-bad-1" }));
    let stored;
    for (let i = 0; i < 100 && !stored; i++) {
      const r = await call(stack.url, "GET", "/ai/outcomes?lead_id=evt-1", CLIENT);
      if (r.status === 200) stored = r.json;
      else await new Promise((res) => setTimeout(res, 50));
    }
    expect(stored.outcomes).toMatchObject([{ outcome: "meeting_booked", source: "event", outcome_id: "evt-ok-1" }]);
    for (let i = 0; i < 100 && !failed.some((f) => f.task_id === "evt-bad-1"); i++) await new Promise((res) => setTimeout(res, 50));
    const f = failed.find((x) => x.task_id === "evt-bad-1");
    expect(f).toMatchObject({ subject: "lead.outcome", error: { code: "ERR_EVENT_INVALID", retryable: false } });
    expect(f.error.issues.map((i: any) => i.path)).toEqual(["outcome"]);
    for (let i = 0; i < 100 && !taskFailed.some((f) => f.task_id === "evt-bad-1"); i++) await new Promise((res) => setTimeout(res, 50));
    expect(taskFailed.find((x) => x.task_id === "evt-bad-1")).toMatchObject({ type: "lead_outcome", subject: "lead.outcome", error: { code: "ERR_EVENT_INVALID", issues: [{ path: "outcome" }] } });
    expect((await call(stack.url, "GET", "/ai/outcomes?lead_id=evt-2", CLIENT)).status).toBe(404);
  });

  it("experiments: a sticky variant per lead, carried in the result; sends and replies counted per variant", async () => {
    const body = {
      id: "subject-test",
      variants: [
        { id: "short", subject: "Quick question, {first_name}" },
        { id: "value", subject: "An idea for {company}", instructions: "Reply to this e-mail to book a 20-minute walkthrough." },
      ],
    };
    expect((await call(stack.url, "POST", "/ai/experiments", CLIENT, body)).status).toBe(403);
    const created = await call(stack.url, "POST", "/ai/experiments", ADMIN, body);
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ id: "subject-test", status: "running", mode: "fixed", state: "undecided", win_probability: 0.999, min_sends: 300 });
    expect((await call(stack.url, "POST", "/ai/experiments", ADMIN, { ...body, id: "second" })).status).toBe(409);

    const lead = { id: "exp-lead-1", company: { name: "Globex" }, contact: { name: "Hank Scorpio", email: "hank@globex.example" } };
    const tasks = [];
    for (let i = 0; i < 2; i++) {
      const r = await call(stack.url, "POST", "/ai/generate-follow-up", CLIENT, { lead, context: "Demo completed" });
      tasks.push(await finished(CLIENT, r.json.task_id));
    }
    const [a, b] = tasks.map((t) => t.result);
    expect(a.experiment).toBe("subject-test");
    expect(b.variant).toBe(a.variant);
    expect(a.subject).toBe(a.variant === "short" ? "Quick question, Hank" : "An idea for Globex");

    const sent = await call(stack.url, "POST", `/ai/tasks/${tasks[0]!.task_id}/sent`, REVIEWER, {});
    expect(sent.status).toBe(200);
    const replied = await call(stack.url, "POST", "/ai/outcomes", CLIENT, { outcomes: [{ lead_id: "exp-lead-1", outcome: "replied", at: new Date().toISOString(), task_id: tasks[0]!.task_id }] });
    expect(replied.status).toBe(200);
    const lo = await call(stack.url, "GET", "/ai/outcomes?lead_id=exp-lead-1", CLIENT);
    expect(lo.json.outcomes.map((o: any) => [o.outcome, o.experiment, o.variant])).toEqual([
      ["sent", "subject-test", a.variant],
      ["replied", "subject-test", a.variant],
    ]);
    const view = await call(stack.url, "GET", "/ai/experiments/subject-test", CLIENT);
    const v = view.json.variants.find((x: any) => x.id === a.variant);
    expect(v).toMatchObject({ assigned: 1, sends: 1, successes: 1, rate: 1, outcomes: { replied: 1 } });
    expect(view.json.variants.find((x: any) => x.id !== a.variant)).toMatchObject({ sends: 0, successes: 0, rate: null, ci95: null });
    expect((await call(stack.url, "GET", "/ai/experiments/subject-test", ACME)).status).toBe(404);
    const stopped = await call(stack.url, "POST", "/ai/experiments/subject-test/stop", ADMIN, {});
    expect(stopped.json.status).toBe("stopped");

    // A bandit experiment may start once the first stopped; with no sends yet its split is even.
    const bandit = await call(stack.url, "POST", "/ai/experiments", ADMIN, { id: "bandit-test", mode: "bandit", variants: [{ id: "a", instructions: "Keep it short." }, { id: "b" }] });
    expect(bandit.status).toBe(201);
    expect(bandit.json.variants.map((v: any) => v.traffic)).toEqual([0.5, 0.5]);
    const r = await call(stack.url, "POST", "/ai/generate-follow-up", CLIENT, { lead: { ...lead, id: "exp-lead-2" } });
    const t = await finished(CLIENT, r.json.task_id);
    expect(t.result.experiment).toBe("bandit-test");
    if (t.result.variant === "a") expect(t.result.body).toMatch(/P\.S\. Keep it short\.$/);
  }, 60_000);
});
