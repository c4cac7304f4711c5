import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseResultEvent, type LeadAnalyzedEvent, type TaskFailedEvent, type TaskStartedEvent } from "@gardenos/contracts";
import { TaskStore, openDatabase, type Database } from "@gardenos/gateway";
import { createTestDatabase } from "./helpers/postgres.js";
import { seededPgliteDir } from "./helpers/pglite-template.js";

/**
 * The recorder's batched writes (several events of one task in one batch, written as multi-row
 * statements) must end exactly where applying the events one by one would, and the batched
 * intake insert must report each task as new exactly once.
 */

const lead = { id: "crm-7", contact: { name: "Ada", email: "Ada@Example.com" } };
const started = (id: string, attempt: number, at: string): TaskStartedEvent => ({
  task_id: id, type: "lead_analysis", agent_id: `agent-${attempt}`, attempt, started_at: at, subject: "lead.analyze", priority: 5, lead_id: lead.id,
});
const completed = (id: string, score: number, attempts = 1): LeadAnalyzedEvent => ({
  task_id: id, type: "lead_analysis", status: "completed", lead_id: "crm-7", agent_id: "agent-1", model: "m", provider: "p", degraded: false,
  usage: { prompt_tokens: 1, completion_tokens: 2 }, cost_usd: 0, latency_ms: 5.4, attempts,
  started_at: "2026-11-25T10:00:00.000Z", completed_at: "2026-11-25T10:00:01.000Z",
  result: { lead_quality_score: score, conversion_probability: 50, recommended_action: "call", follow_up_timeline: "today", key_insights: ["x"], top_positive_factors: [], top_negative_factors: [] },
}) as LeadAnalyzedEvent;
const failed = (id: string): TaskFailedEvent => ({
  task_id: id, type: "lead_analysis", subject: "lead.analyze", agent_id: "agent-1", attempts: 4,
  error: { code: "ERR_ATTEMPTS_EXHAUSTED", message: "gave up", retryable: false }, failed_at: "2026-11-25T10:00:02.000Z",
});

for (const kind of ["pglite", "postgres"] as const) {
  describe(`batched writes (${kind})`, () => {
    let database: Database;
    let store: TaskStore;
    let cleanup: () => Promise<void>;

    beforeAll(async () => {
      if (kind === "pglite") {
        const dir = mkdtempSync(join(tmpdir(), "gardenos-recorder-"));
        database = await openDatabase({ pgliteDir: seededPgliteDir(join(dir, "pglite")) });
        cleanup = async () => {
          await database.close();
          rmSync(dir, { recursive: true, force: true });
        };
      } else {
        const db = await createTestDatabase();
        database = await openDatabase({ databaseUrl: db.url, pgliteDir: "" });
        cleanup = async () => {
          await database.close();
          await db.drop();
        };
      }
      store = new TaskStore(database.db);
    });
    afterAll(async () => cleanup());

    it("applies started, completed and a late redelivery of one task in one batch like one by one", async () => {
      await store.apply([
        parseResultEvent("task.started", started("b-1", 1, "2026-11-25T10:00:00.000Z"))!,
        parseResultEvent("task.started", started("b-2", 1, "2026-11-25T10:00:00.000Z"))!,
        parseResultEvent("lead.analyzed", completed("b-1", 7))!,
        parseResultEvent("task.started", started("b-1", 2, "2026-11-25T10:00:05.000Z"))!,
        parseResultEvent("lead.analyzed", completed("b-1", 3))!,
      ]);
      const a = (await store.get("b-1"))!;
      expect(a.status).toBe("completed");
      expect((a.result as { lead_quality_score: number }).lead_quality_score).toBe(7);
      expect(a.startedAt?.toISOString()).toBe("2026-11-25T10:00:00.000Z");
      // task.started carries no lead: an event-path task keeps its lead id, no input, no e-mail.
      expect(a.leadId).toBe("crm-7");
      expect(a.leadEmail).toBeNull();
      expect(a.input).toBeNull();
      expect(a.latencyMs).toBe(5);
      const b = (await store.get("b-2"))!;
      expect(b.status).toBe("processing");
      expect(b.agentId).toBe("agent-1");
    });

    it("never changes a completed row and never downgrades a failed one", async () => {
      await store.apply([parseResultEvent("lead.analyzed", completed("b-1", 9, 2))!]);
      expect(((await store.get("b-1"))!.result as { lead_quality_score: number }).lead_quality_score).toBe(7);
      await store.apply([
        parseResultEvent("task.started", started("b-3", 4, "2026-11-25T10:00:00.000Z"))!,
        parseResultEvent("task.failed", failed("b-3"))!,
        parseResultEvent("task.started", started("b-3", 1, "2026-11-25T10:00:09.000Z"))!,
      ]);
      const c = (await store.get("b-3"))!;
      expect(c.status).toBe("failed");
      expect(c.attempts).toBe(4);
    });

    it("writes a task's task.started and result in one batch as the two would, one by one", async () => {
      await store.createQueued({ taskId: "p-2", type: "lead_analysis", priority: 9, input: { lead: { id: "http-lead", contact: { name: "Bo" } } }, leadId: "http-lead" });
      const s1 = { ...started("p-1", 1, "2026-11-25T10:00:00.000Z"), created_at: "2026-11-25T09:59:00.000Z", priority: 7 };
      await store.apply([
        parseResultEvent("task.started", s1)!,
        parseResultEvent("task.started", started("p-2", 1, "2026-11-25T10:00:00.000Z"))!,
        parseResultEvent("lead.analyzed", completed("p-1", 6))!,
        parseResultEvent("lead.analyzed", completed("p-2", 4))!,
      ]);
      const a = (await store.get("p-1"))!;
      expect(a.status).toBe("completed");
      expect(a.priority).toBe(7);
      expect(a.leadId).toBe("crm-7");
      expect(a.leadEmail).toBeNull();
      expect(a.input).toBeNull();
      expect(a.createdAt.toISOString()).toBe("2026-11-25T09:59:00.000Z");
      expect(a.startedAt?.toISOString()).toBe("2026-11-25T10:00:00.000Z");
      expect((a.result as { lead_quality_score: number }).lead_quality_score).toBe(6);
      const b = (await store.get("p-2"))!;
      expect(b.status).toBe("completed");
      expect(b.source).toBe("http");
      expect(b.priority).toBe(9);
      expect(b.leadId).toBe("http-lead");
      expect(b.input).toEqual({ lead: { id: "http-lead", contact: { name: "Bo" } } });
      // A replayed pair leaves the completed row as it was.
      await store.apply([
        parseResultEvent("task.started", started("p-1", 2, "2026-11-25T11:00:00.000Z"))!,
        parseResultEvent("lead.analyzed", completed("p-1", 1, 2))!,
      ]);
      const again = (await store.get("p-1"))!;
      expect((again.result as { lead_quality_score: number }).lead_quality_score).toBe(6);
      expect(again.attempts).toBe(1);
      expect(again.updatedAt.toISOString()).toBe(a.updatedAt.toISOString());
    });

    it("reports each accepted task as new exactly once when inserts are batched", async () => {
      const row = (taskId: string) => ({ taskId, type: "lead_analysis" as const, priority: 5, input: { lead }, leadId: lead.id, idempotencyKey: taskId });
      const results = await Promise.all([store.createQueued(row("q-1")), store.createQueued(row("q-1")), store.createQueued(row("q-2")), store.createQueued(row("b-1"))]);
      expect(results).toEqual([true, false, true, false]);
      expect((await store.get("q-2"))!.status).toBe("queued");
      expect((await store.get("b-1"))!.status).toBe("completed");
      expect(await store.createQueued(row("q-2"))).toBe(false);
    });
  });
}
