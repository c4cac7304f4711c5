import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../tests/helpers/postgres.js";
import { openDatabase, type Database } from "../src/db/index.js";
import { TaskMetaCache } from "../src/live/task-meta.js";

/** The live streams' tenant look-up for tasks the gateway did not take in itself (one query per batch), on Postgres. */
describe("task meta look-up", () => {
  let pg: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Database;
  beforeAll(async () => {
    pg = await createTestDatabase();
    db = await openDatabase({ databaseUrl: pg.url, pgliteDir: "unused" });
    await db.db.execute(sql`insert into ai_interactions (task_id, tenant, type, status, lead_id) values ('t-acme', 'acme', 'lead_analysis', 'queued', 'crm-1'), ('t-globex', 'globex', 'follow_up', 'completed', null)`);
  });
  afterAll(async () => {
    await db?.close();
    await pg?.drop();
  });

  it("reads tenants and leads of unknown tasks in one query; a task without a row is the default tenant's and is not cached", async () => {
    const meta = new TaskMetaCache(db.db, 2);
    await meta.resolve(["t-acme", "t-globex", "t-none", "t-acme"]);
    expect(meta.get("t-acme")).toEqual({ tenant: "acme", leadId: "crm-1", type: "lead_analysis" });
    expect(meta.tenantOf("t-globex")).toBe("globex");
    expect(meta.tenantOf("t-none")).toBe("default");
    expect(meta.get("t-none")).toBeUndefined();
    // Bounded: past `max` the oldest entry goes.
    meta.remember("t-new", { tenant: "initech", leadId: null, type: "lead_analysis" });
    expect(meta.get("t-acme")).toBeUndefined();
    expect(meta.tenantOf("t-new")).toBe("initech");
  });
});
