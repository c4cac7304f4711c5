import type { NatsConnection } from "@nats-io/transport-node";
import { createLogger } from "@gardenos/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { buildApp, type AppDeps, type TaskSubmitter } from "../src/index.js";
import type { DeadLetterQueue } from "../src/dead-letters/dead-letters.js";

/** The HTTP layer alone: buildApp on fakes, requests through inject(); no NATS, no database. */
describe("task routes on fakes", () => {
  let app: FastifyInstance;
  const submitted: { type: string; body: Record<string, unknown> }[] = [];
  const intake: TaskSubmitter = {
    async submit(def, body) {
      submitted.push({ type: def.type, body });
      if (body.idempotency_key === "seen") return { duplicate: true, taskId: "analysis-seen", status: "completed" };
      return { duplicate: false, taskId: `${def.taskIdPrefix}-1`, status: "queued" };
    },
  };
  const noDeadLetters: DeadLetterQueue = {
    list: async () => ({ items: [], total: 0, next_after_seq: null }),
    all: async function* () {},
    find: async () => undefined,
    replay: async () => undefined,
  };

  beforeAll(async () => {
    const deps: AppDeps = {
      log: createLogger({ name: "test", level: "silent", format: "json" }),
      intake,
      tasks: { get: async () => undefined, requeue: async () => undefined, tenantsOf: async () => new Map() },
      deadLetters: noDeadLetters,
      nc: {} as NatsConnection,
      database: { ping: async () => undefined },
      bodyLimit: 1024 * 1024,
      metricsTimeoutMs: 100,
      version: "test",
    };
    app = await buildApp(deps);
  });
  afterAll(async () => app?.close());

  it("hands a valid lead to the intake with the default priority and answers 202", async () => {
    const r = await app.inject({ method: "POST", url: "/ai/analyze-lead", payload: { lead: { id: "crm-1", contact: { email: "a@b.co" } } } });
    expect(r.statusCode).toBe(202);
    expect(r.json()).toEqual({ task_id: "analysis-1", status: "queued" });
    expect(submitted.at(-1)).toEqual({ type: "lead_analysis", body: { lead: { id: "crm-1", contact: { email: "a@b.co" } }, priority: 5 } });
  });

  it("answers 200 with duplicate: true for a known idempotency key", async () => {
    const r = await app.inject({ method: "POST", url: "/ai/analyze-lead", payload: { lead: { id: "x" }, idempotency_key: "seen" } });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ task_id: "analysis-seen", status: "completed", duplicate: true });
  });

  it("refuses a bad follow-up with 400 naming each field, and never reaches the intake", async () => {
    const before = submitted.length;
    const r = await app.inject({ method: "POST", url: "/ai/generate-follow-up", payload: { lead: { contact: { email: "nope" } }, context: 5, priority: 11 } });
    expect(r.statusCode).toBe(400);
    const issues = r.json().error.issues as { path: string }[];
    expect(issues.map((i) => i.path).sort()).toEqual(["context", "lead.contact.email", "priority"]);
    expect(submitted.length).toBe(before);
  });

  it("answers 404 ERR_TASK_NOT_FOUND for an unknown task", async () => {
    const r = await app.inject({ method: "GET", url: "/ai/tasks/analysis-nope" });
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe("ERR_TASK_NOT_FOUND");
  });

  it("lists the registered types with their routes", async () => {
    const r = await app.inject({ method: "GET", url: "/ai/types" });
    expect(r.json().types.map((t: { type: string; http_path: string }) => [t.type, t.http_path])).toEqual([
      ["lead_analysis", "/ai/analyze-lead"],
      ["follow_up", "/ai/generate-follow-up"],
      ["email_classification", "/ai/classify-email"],
    ]);
  });
});
