import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "./helpers/postgres.js";
import { SseClient } from "./helpers/sse.js";
import { sampleLead, startStack, type TestStack } from "./helpers/stack.js";
import { callWithKey as call } from "./helpers/keyed-call.js";

/**
 * Tasks as a collection: POST …?wait=N, GET /ai/tasks (filters, pages, tenants) and DELETE
 * /ai/tasks/:id cancelling a task no agent has started (the agents drop it when they pull it).
 * One stack on a real nats-server and Postgres; the agents start only after the cancellations.
 */
const ACME = "acme-client-key-0123456789";
const GLOBEX = "globex-client-key-0123456789";
const ADMIN = "global-admin-key-0123456789";

describe("tasks as a collection", () => {
  let stack: TestStack;
  let db: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  const queued: string[] = [];
  beforeAll(async () => {
    db = await createTestDatabase();
    stack = await startStack({ databaseUrl: db.url, agents: false, env: { GARDENOS_API_KEYS: `acme:${ACME},globex:${GLOBEX}`, GARDENOS_ADMIN_KEYS: ADMIN } });
    for (let i = 0; i < 3; i++) {
      const r = await call(stack.url, ACME, "POST", "/ai/analyze-lead", { lead: { ...sampleLead, id: `cancel-${i}` } });
      expect(r.status).toBe(202);
      queued.push(r.json.task_id);
    }
  });
  afterAll(async () => {
    await stack?.stop();
    await db?.drop();
  });

  it("answers 202 after the wait when no agent runs the task", async () => {
    const r = await call(stack.url, ACME, "POST", "/ai/analyze-lead?wait=1", { lead: { ...sampleLead, id: "nobody-runs-me" } });
    expect(r.status).toBe(202);
    expect(r.json.status).toBe("queued");
    expect(r.ms).toBeGreaterThanOrEqual(900);
    const bad = await call(stack.url, ACME, "POST", "/ai/analyze-lead?wait=abc", { lead: sampleLead });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues[0].path).toBe("query.wait");
  });

  it("cancels a queued task once; another tenant gets 404; the agents drop it and it stays cancelled", async () => {
    const [victim, ...others] = queued;
    expect((await call(stack.url, GLOBEX, "DELETE", `/ai/tasks/${victim}`)).status).toBe(404);
    const events = new SseClient(`${stack.url}/ai/tasks/${victim}/events`, { authorization: `Bearer ${ACME}` });
    await events.until((ev) => ev.length > 0);
    const c = await call(stack.url, ACME, "DELETE", `/ai/tasks/${victim}`);
    expect(c.status).toBe(200);
    expect(c.json).toMatchObject({ task_id: victim, status: "cancelled" });
    // Its event stream says so, and ends.
    await events.done;
    expect(events.events.map((e) => [e.event, e.data.status])).toEqual([["task.state", "queued"], ["task.cancelled", "cancelled"]]);
    const again = await call(stack.url, ACME, "DELETE", `/ai/tasks/${victim}`);
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("ERR_TASK_NOT_CANCELLABLE");
    expect((await call(stack.url, ACME, "DELETE", "/ai/tasks/no-such-task")).status).toBe(404);

    await stack.startAgents();
    for (const id of others) {
      const done = await call(stack.url, ACME, "GET", `/ai/tasks/${id}`);
      if (done.json.status !== "completed") {
        const w = await call(stack.url, ACME, "POST", "/ai/analyze-lead?wait=10", { lead: { ...sampleLead, id: "wake-up" } });
        expect(w.status).toBe(200);
      }
    }
    // Every other task ran; the cancelled one was pulled and dropped without running.
    for (const id of others) expect((await call(stack.url, ACME, "GET", `/ai/tasks/${id}`)).json.status).toBe("completed");
    const v = await call(stack.url, ACME, "GET", `/ai/tasks/${victim}`);
    expect(v.json).toMatchObject({ status: "cancelled", attempts: 0, agent_id: null, result: null });
    // A completed task cannot be cancelled.
    expect((await call(stack.url, ACME, "DELETE", `/ai/tasks/${others[0]}`)).status).toBe(409);
  });

  it("answers 200 with the result when the task ends within ?wait", async () => {
    const r = await call(stack.url, GLOBEX, "POST", "/ai/analyze-lead?wait=10", { lead: { ...sampleLead, id: "globex-wait" }, idempotency_key: "w-1" });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ status: "completed", lead_id: "globex-wait" });
    expect(r.json.result.lead_quality_score).toBeGreaterThanOrEqual(1);
    // The same idempotency key with a wait: the finished task at once.
    const again = await call(stack.url, GLOBEX, "POST", "/ai/analyze-lead?wait=10", { lead: { ...sampleLead, id: "globex-wait" }, idempotency_key: "w-1" });
    expect(again.status).toBe(200);
    expect(again.json.task_id).toBe(r.json.task_id);
    expect(again.ms).toBeLessThan(1000);
    const f = await call(stack.url, GLOBEX, "POST", "/ai/generate-follow-up?wait=10", { lead: { ...sampleLead, id: "globex-wait" } });
    expect(f.status).toBe(200);
    expect(f.json.result.subject).toBeTruthy();
  });

  it("lists a tenant's tasks only, filtered and paged, newest first", async () => {
    const all = await call(stack.url, ACME, "GET", "/ai/tasks?limit=500");
    expect(all.status).toBe(200);
    const ids = all.json.items.map((t: { task_id: string }) => t.task_id);
    for (const id of queued) expect(ids).toContain(id);
    expect(all.json.items.every((t: { lead_id: string }) => t.lead_id !== "globex-wait")).toBe(true);
    const created = all.json.items.map((t: { created_at: string }) => t.created_at);
    expect([...created].sort().reverse()).toEqual(created);

    const cancelled = await call(stack.url, ACME, "GET", "/ai/tasks?status=cancelled");
    expect(cancelled.json.items.map((t: { task_id: string }) => t.task_id)).toEqual([queued[0]]);
    const byLead = await call(stack.url, GLOBEX, "GET", "/ai/tasks?lead_id=globex-wait&type=follow_up");
    expect(byLead.json.items).toHaveLength(1);
    expect(byLead.json.items[0]).toMatchObject({ type: "follow_up", status: "completed", lead_id: "globex-wait" });

    // Pages of 2 walk the same list without gaps or repeats.
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await call(stack.url, ACME, "GET", `/ai/tasks?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.json.items.length).toBeLessThanOrEqual(2);
      walked.push(...page.json.items.map((t: { task_id: string }) => t.task_id));
      cursor = page.json.next_cursor;
    } while (cursor);
    expect(walked).toEqual(ids);

    const future = await call(stack.url, ACME, "GET", `/ai/tasks?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
    expect(future.json.items).toEqual([]);
    const admin = await call(stack.url, ADMIN, "GET", "/ai/tasks?limit=500");
    expect(admin.json.items.length).toBeGreaterThan(all.json.items.length);

    const bad = await call(stack.url, ACME, "GET", "/ai/tasks?status=lost&since=yesterday");
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["query.since", "query.status"]);
    const badCursor = await call(stack.url, ACME, "GET", "/ai/tasks?cursor=nonsense");
    expect(badCursor.status).toBe(400);
  });
});
