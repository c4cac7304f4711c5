import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { jetstream } from "@nats-io/jetstream";
import { EVENT_SCHEMA_VERSION, Subjects, leadAnalysis } from "@gardenos/contracts";
import { createLogger } from "@gardenos/runtime";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqlLeadSource } from "../services/gateway/src/lead-source/lead-source.js";
import { loadMapping } from "../services/gateway/src/lead-source/mapping.js";
import { leadResolvingIntake } from "../services/gateway/src/lead-source/resolving-intake.js";
import { createTestDatabase } from "./helpers/postgres.js";
import { startStack, type TestStack } from "./helpers/stack.js";

/**
 * Leads read from the CRM's own database: the example `leads` table (deploy/examples/crm-leads/)
 * on a real Postgres database, named by `lead_id` over HTTP and in events; and the same example
 * on the embedded PGlite with the query mapping.
 */
const EXAMPLE = "deploy/examples/crm-leads";
const log = createLogger({ name: "test", level: "silent" });

async function post(url: string, path: string, body: unknown) {
  const r = await fetch(`${url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: r.status, headers: r.headers, json: (await r.json().catch(() => undefined)) as any };
}

describe("leads from the CRM's database (Postgres)", () => {
  let crm: Awaited<ReturnType<typeof createTestDatabase>>;
  let stack: TestStack;
  let nc: NatsConnection;
  const failed: any[] = [];
  const analysed: any[] = [];

  beforeAll(async () => {
    crm = await createTestDatabase();
    const c = new pg.Client({ connectionString: crm.url });
    await c.connect();
    await c.query(readFileSync(`${EXAMPLE}/leads.sql`, "utf8"));
    await c.end();
    stack = await startStack({ env: { LEAD_SOURCE_URL: crm.url, LEAD_SOURCE_MAPPING: `${EXAMPLE}/mapping.yaml` } });
    nc = await connect({ servers: stack.nats.url });
    nc.subscribe(Subjects.taskFailed, { callback: (_e, m) => failed.push(m.json()) });
    nc.subscribe(leadAnalysis.resultSubject, { callback: (_e, m) => analysed.push(m.json()) });
  }, 120_000);

  afterAll(async () => {
    await nc?.drain();
    await stack?.stop();
    await crm?.drop();
  });

  it("analyses lead 4711 from its row: POST /ai/analyze-lead { lead_id }", async () => {
    const r = await post(stack.url, "/ai/analyze-lead?wait=20", { lead_id: "4711" });
    expect(r.status).toBe(200);
    expect(r.json.status).toBe("completed");
    expect(r.json.result.lead_quality_score).toBeGreaterThanOrEqual(1);
    const task = await (await fetch(`${stack.url}/ai/tasks/${r.json.task_id}`)).json();
    expect(task.lead_id).toBe("4711");
    // What was queued: the lead as the row gave it (the store of record keeps the task's input).
    const input = ((await stack.gateway.store.get(r.json.task_id))?.input ?? {}) as any;
    expect(input.lead?.company?.name).toBe("Gruenwald Gartenbau GmbH");
    expect(input.lead?.company?.revenue).toBe(12_500_000);
    expect(input.lead?.behavior?.time_on_site_seconds).toBe(1840);
    expect(input.lead?.custom_fields?.crm_stage).toBe("qualified");
  }, 30_000);

  it("unknown id → 404 ERR_LEAD_NOT_FOUND; another tenant's row is unknown too", async () => {
    for (const id of ["9999", "not-a-number", "4714"]) {
      const r = await post(stack.url, "/ai/analyze-lead", { lead_id: id });
      expect(r.status, id).toBe(404);
      expect(r.json.error.code).toBe("ERR_LEAD_NOT_FOUND");
    }
  });

  it("neither lead nor lead_id → 400 naming both; both → 400", async () => {
    const r = await post(stack.url, "/ai/analyze-lead", {});
    expect(r.status).toBe(400);
    expect(r.json.error.issues[0].path).toBe("lead");
    expect(r.json.error.message).toMatch(/lead_id/);
    const both = await post(stack.url, "/ai/generate-follow-up", { lead: { id: "x" }, lead_id: "x" });
    expect(both.status).toBe(400);
    expect(both.json.error.issues[0].path).toBe("lead_id");
  });

  it("a row that maps to an invalid lead → 400 naming the lead field and the source column", async () => {
    const r = await post(stack.url, "/ai/analyze-lead", { lead_id: "4799" });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe("ERR_LEAD_INVALID");
    expect(r.json.error.issues).toEqual([expect.objectContaining({ path: "lead.contact.email", message: expect.stringContaining('source column "email"') })]);
  });

  it("a follow-up for lead_id is written from the row", async () => {
    const r = await post(stack.url, "/ai/generate-follow-up?wait=20", { lead_id: "4713", context: "Met at the trade show" });
    expect(r.status).toBe(200);
    expect(r.json.result.body).toMatch(/Lucia/);
  }, 30_000);

  it("an event with only lead_id is looked up by the agent through the gateway; an unknown one fails for good", async () => {
    const js = jetstream(nc);
    await js.publish(leadAnalysis.subject, JSON.stringify({ schema_version: EVENT_SCHEMA_VERSION, task_id: "evt-lead-4712", lead_id: "4712" }));
    await js.publish(leadAnalysis.subject, JSON.stringify({ schema_version: EVENT_SCHEMA_VERSION, task_id: "evt-lead-0000", lead_id: "0000" }));
    await expect.poll(() => analysed.find((e) => e.task_id === "evt-lead-4712"), { timeout: 15_000 }).toBeTruthy();
    expect(analysed.find((e) => e.task_id === "evt-lead-4712").lead_id).toBe("4712");
    await expect.poll(() => failed.find((e) => e.task_id === "evt-lead-0000"), { timeout: 15_000 }).toBeTruthy();
    const f = failed.find((e) => e.task_id === "evt-lead-0000");
    expect(f.error.code).toBe("ERR_LEAD_NOT_FOUND");
    expect(f.attempts).toBe(1);
  }, 30_000);

  it("the source down → 503 with Retry-After and nothing published", async () => {
    const source = new SqlLeadSource(async (t, p) => {
      const pool = new pg.Pool({ connectionString: "postgres://postgres@127.0.0.1:1/crm", connectionTimeoutMillis: 1000 });
      try {
        return (await pool.query(t, p as unknown[])).rows;
      } finally {
        await pool.end();
      }
    }, loadMapping(`${EXAMPLE}/mapping.yaml`), "down", log);
    const published: unknown[] = [];
    const intake = leadResolvingIntake({ submit: async (...a) => (published.push(a), { duplicate: false, taskId: "t", status: "queued" }) }, source);
    const err = await intake.submit(leadAnalysis, { lead_id: "4711", priority: 5 }, "00-x-y-01", "default").catch((e) => e);
    expect(err.statusCode).toBe(503);
    expect(err.code).toBe("ERR_LEAD_SOURCE_UNAVAILABLE");
    expect(err.extra.retryAfterSeconds).toBeGreaterThan(0);
    expect(published).toEqual([]);
  });
});

describe("leads from the gateway's own database (PGlite)", () => {
  it("the query mapping reads the example table on PGlite", async () => {
    const db = await PGlite.create();
    try {
      await db.exec(readFileSync(`${EXAMPLE}/leads.sql`, "utf8"));
      const source = new SqlLeadSource(async (t, p) => (await db.query<Record<string, unknown>>(t, p as unknown[])).rows, loadMapping(`${EXAMPLE}/mapping-query.yaml`), "pglite", log);
      const r = await source.get("default", "4713");
      expect(r.status).toBe("found");
      if (r.status !== "found") return;
      expect(r.lead).toMatchObject({ id: "4713", company: { name: "Verde Paisajismo", employees: 240 }, contact: { email: "lucia@verde.example" }, engagement: { source: "Trade show" } });
      expect(r.lead.engagement?.created_at).toMatch(/^2026-10-28T08:00:00/);
      expect((await source.get("default", "4714")).status).toBe("not_found");
      expect((await source.get("acme", "4714")).status).toBe("found");
      const bad = await source.get("default", "4799");
      expect(bad).toMatchObject({ status: "invalid", issues: [{ path: "lead.contact.email" }] });
    } finally {
      await db.close();
    }
  }, 30_000);
});
