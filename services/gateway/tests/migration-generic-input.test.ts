import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../src/index.js";
import { createTestDatabase } from "../../../tests/helpers/postgres.js";

const migrations = fileURLToPath(new URL("../drizzle", import.meta.url));

/** A database as the previous release left it (migrations up to 0001), with rows in it. */
describe("migration 0002 (generic input) on a database with rows", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dir: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), "gardenos-migrations-"));
    cpSync(migrations, dir, { recursive: true });
    const journal = JSON.parse(readFileSync(join(dir, "meta/_journal.json"), "utf8")) as { entries: { tag: string }[] };
    journal.entries = journal.entries.filter((e) => e.tag < "0002");
    writeFileSync(join(dir, "meta/_journal.json"), JSON.stringify(journal));
    const pool = new pg.Pool({ connectionString: database.url });
    await migrate(drizzle(pool), { migrationsFolder: dir });
    await pool.query(
      `insert into ai_interactions (task_id, type, status, lead, lead_id, lead_email, context, result) values
        ('followup-old', 'follow_up', 'completed', $1, 'crm-9', 'ann@x.example', 'Demo completed', '{"subject":"Hi"}'),
        ('analysis-old', 'lead_analysis', 'queued', $2, null, null, null, null),
        ('failed-old', 'lead_analysis', 'failed', null, null, null, null, null)`,
      [JSON.stringify({ id: "crm-9", contact: { email: "ann@x.example" }, custom_fields: { partner: null } }), JSON.stringify({ company: { name: "Acme" } })],
    );
    await pool.end();
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await database?.drop();
  });

  it("moves each row's lead and context into input and keeps everything else", async () => {
    const db = await openDatabase({ databaseUrl: database.url, pgliteDir: "unused" });
    await db.close();
    const c = new pg.Client({ connectionString: database.url });
    await c.connect();
    const rows = (await c.query("select task_id, status, input, lead_id, lead_email, result from ai_interactions order by task_id")).rows;
    const cols = (await c.query("select column_name from information_schema.columns where table_name = 'ai_interactions'")).rows.map((r) => r.column_name);
    await c.end();
    expect(rows).toEqual([
      { task_id: "analysis-old", status: "queued", input: { lead: { company: { name: "Acme" } } }, lead_id: null, lead_email: null, result: null },
      { task_id: "failed-old", status: "failed", input: null, lead_id: null, lead_email: null, result: null },
      {
        task_id: "followup-old",
        status: "completed",
        input: { lead: { id: "crm-9", contact: { email: "ann@x.example" }, custom_fields: { partner: null } }, context: "Demo completed" },
        lead_id: "crm-9",
        lead_email: "ann@x.example",
        result: { subject: "Hi" },
      },
    ]);
    expect(cols).toContain("input");
    expect(cols).not.toContain("lead");
    expect(cols).not.toContain("context");
  });
});
