import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseResultEvent } from "@gardenos/contracts";
import { TaskStore, openDatabase, type Database } from "@gardenos/gateway";
import { REDACT_PATHS, errorMessage, serializeError } from "@gardenos/runtime";
import { createTestDatabase } from "./helpers/postgres.js";

/**
 * A real Postgres failure whose statement carries leads (the intake's batched insert): the log
 * line holds the error code and a short message, never the parameters.
 */
describe("database errors in logs (real Postgres)", () => {
  let database: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const db = await createTestDatabase();
    database = await openDatabase({ databaseUrl: db.url, pgliteDir: "" });
    drop = db.drop;
  });
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  it("logs the code and a short message, no lead JSON", async () => {
    const store = new TaskStore(database.db);
    // The table goes away under the gateway (as in a broken restore): every write fails in Postgres.
    await database.db.execute("alter table ai_interactions rename to ai_interactions_gone");
    const lead = { id: "crm-secret", contact: { name: "Sam Secret", email: "sam.secret@private.example", phone: "+1 555 0199" }, notes: "call after 5" };
    const err = await store.createQueued({ taskId: "t-db-1", type: "lead_analysis", priority: 5, input: { lead }, leadId: lead.id, leadEmail: lead.contact.email }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeDefined();
    const lines: string[] = [];
    const log = pino({ redact: { paths: [...REDACT_PATHS], censor: "[redacted]" }, serializers: { err: serializeError } }, new Writable({ write(c, _e, cb) { lines.push(String(c)); cb(); } }));
    log.error({ err, events: 1 }, "could not record results; retrying");
    log.warn({ err: errorMessage(err) }, "could not record the task; accepting it anyway");
    // The recorder's path too: a result event whose row write fails.
    const failing = await store.apply([parseResultEvent("task.started", { task_id: "t-db-2", type: "lead_analysis", agent_id: "a", attempt: 1, started_at: new Date().toISOString(), subject: "lead.analyze", priority: 5, lead_id: "crm-secret", lead })!]).then(
      () => undefined,
      (e: unknown) => e,
    );
    log.error({ err: failing }, "could not record results; retrying");
    const text = lines.join("");
    expect(text).not.toMatch(/sam\.secret|Sam Secret|555 0199|call after 5|Failed query|params/);
    expect(JSON.parse(lines[0]!).err).toMatchObject({ code: "42P01" });
    expect(JSON.parse(lines[1]!).err).toMatch(/^42P01: relation "ai_interactions" does not exist/);
    await database.db.execute("alter table ai_interactions_gone rename to ai_interactions");
  });
});
