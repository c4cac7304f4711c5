import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LeadAnalysisResult, FollowUpResult } from "@gardenos/contracts";
import { createTestDatabase } from "./helpers/postgres.js";
import { postJson, sampleLead, startStack, waitForTask, type TestStack } from "./helpers/stack.js";

// The same journey on both storage back ends: embedded PGlite and a real Postgres.
for (const backend of ["pglite", "postgres"] as const) {
  describe(`HTTP → JetStream → agents → results → ${backend}`, () => {
    let stack: TestStack;
    let db: Awaited<ReturnType<typeof createTestDatabase>> | undefined;

    beforeAll(async () => {
      if (backend === "postgres") db = await createTestDatabase();
      stack = await startStack(db ? { databaseUrl: db.url } : {});
    });
    afterAll(async () => {
      await stack?.stop();
      await db?.drop();
    });

    it("analyses a lead: 202 with a task id, then the scored result with timings", async () => {
      const r = await postJson(`${stack.url}/ai/analyze-lead`, { lead: sampleLead, priority: 8 });
      expect(r.status).toBe(202);
      expect(r.json).toEqual({ task_id: expect.stringMatching(/^analysis-/), status: "queued" });
      const task = await waitForTask(stack.url, r.json.task_id);
      expect(task.status).toBe("completed");
      expect(task.type).toBe("lead_analysis");
      expect(task.priority).toBe(8);
      expect(task.lead_id).toBe("crm-1001");
      expect(task.attempts).toBe(1);
      expect(task.model).toBe("builtin-heuristic");
      const result = LeadAnalysisResult.parse(task.result);
      expect(result.lead_quality_score).toBeGreaterThanOrEqual(7); // a referred VP who asked for a demo
      // Created, started, completed in that order; the timings are the gaps between them.
      const [created, started, completed] = [task.created_at, task.started_at, task.completed_at].map((t) => Date.parse(t));
      expect(created).toBeLessThanOrEqual(started!);
      expect(started).toBeLessThanOrEqual(completed!);
      expect(task.timings).toEqual({ queued_ms: started! - created!, processing_ms: completed! - started!, total_ms: completed! - created! });
    });

    it("writes a follow-up e-mail that uses the lead and the context", async () => {
      const r = await postJson(`${stack.url}/ai/generate-follow-up`, { lead: sampleLead, context: "Demo completed" });
      expect(r.status).toBe(202);
      const task = await waitForTask(stack.url, r.json.task_id);
      expect(task.status).toBe("completed");
      const email = FollowUpResult.parse(task.result);
      expect(email.body).toContain("Jane");
      expect(email.full_message).toContain("Acme Robotics");
      expect(email).toMatchObject({ stage: "demo_done", language: "en" });
      expect(task.priority).toBe(5);
    });

    it("writes no e-mail to a do_not_email contact: the task fails at once with ERR_DO_NOT_EMAIL", async () => {
      const lead = { ...sampleLead, id: `dne-${backend}`, contact: { ...sampleLead.contact, do_not_email: true } };
      const r = await postJson(`${stack.url}/ai/generate-follow-up`, { lead, context: "Demo completed" });
      expect(r.status).toBe(202);
      const task = await waitForTask(stack.url, r.json.task_id);
      expect(task).toMatchObject({ status: "failed", attempts: 1, error: { code: "ERR_DO_NOT_EMAIL", retryable: false } });
      expect(task.error.message).toMatch(/do_not_email/);
      expect(task.result ?? null).toBeNull();
    });

    it("writes no e-mail when the context says the contact asked not to be e-mailed", async () => {
      const lead = { ...sampleLead, id: `optout-${backend}` };
      const r = await postJson(`${stack.url}/ai/generate-follow-up`, { lead, context: "She replied: please remove me from your list." });
      expect(r.status).toBe(202);
      const task = await waitForTask(stack.url, r.json.task_id);
      expect(task).toMatchObject({ status: "failed", attempts: 1, error: { code: "ERR_DO_NOT_EMAIL", retryable: false } });
      expect(task.error.message).toMatch(/context/);
      expect(task.error.message).not.toMatch(/remove me/);
      expect(task.result ?? null).toBeNull();
    });

    it("gives the same task id for the same idempotency key and runs it once", async () => {
      const body = { lead: sampleLead, idempotency_key: `order-${backend}-42` };
      const a = await postJson(`${stack.url}/ai/analyze-lead`, body);
      const b = await postJson(`${stack.url}/ai/analyze-lead`, body);
      expect(a.status).toBe(202);
      expect(b.json.task_id).toBe(a.json.task_id);
      expect(b.json.duplicate).toBe(true);
      const task = await waitForTask(stack.url, a.json.task_id);
      const c = await postJson(`${stack.url}/ai/analyze-lead`, body);
      expect(c.json).toMatchObject({ task_id: a.json.task_id, status: "completed", duplicate: true });
      expect(task.attempts).toBe(1);
    });

    it("answers 404 with a code for an unknown task", async () => {
      const r = await fetch(`${stack.url}/ai/tasks/analysis-nope`);
      expect(r.status).toBe(404);
      expect(await r.json()).toMatchObject({ error: { code: "ERR_TASK_NOT_FOUND" } });
    });
  });
}
