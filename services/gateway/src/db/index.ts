import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";
import * as schema from "./schema.js";
import { createPgliteDir } from "./create-pglite.js";

export { schema };
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: "postgres" | "pglite";
  /** Where it lives, for logs (password removed). */
  location: string;
  ping(): Promise<void>;
  /** A parameterised statement (`$1` …) in plain SQL: rows as objects (lead source, embeddings). */
  query(text: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** services/gateway/drizzle: two levels up from dist/db/, one from the bundle in dist/. */
const migrationsFolder = [new URL("../../drizzle", import.meta.url), new URL("../drizzle", import.meta.url)].map((u) => fileURLToPath(u)).find((p) => existsSync(p)) ?? fileURLToPath(new URL("../../drizzle", import.meta.url));
/**
 * Settings of the embedded database (a local, single-user store): Postgres's default 128 MB of
 * shared buffers, kept in the process's WebAssembly memory, would double the gateway's RSS for no
 * gain here (the files are read through the OS's cache anyway).
 */
const PGLITE_CONF = ["shared_buffers = 16MB", "work_mem = 4MB", "maintenance_work_mem = 16MB", "wal_buffers = 1MB"];

/**
 * Opens the embedded database, created on the first start by createPgliteDir (in a child process,
 * whose memory goes with it — V8 keeps what initdb compiled and touched, 110 MB more RSS even after
 * a worker thread had exited — and moved into place only when complete).
 */
async function openPglite(dir: string): Promise<PGlite> {
  if (!existsSync(join(dir, "PG_VERSION"))) await createPgliteDir(dir, PGLITE_CONF);
  // pgvector for similar-lead search (vector(n) and an HNSW index; embeddings/vector-index.ts).
  const [{ PGlite }, { vector }] = await Promise.all([import("@electric-sql/pglite"), import("@electric-sql/pglite-pgvector")]);
  return PGlite.create(dir, { postgresqlconf: PGLITE_CONF, extensions: { vector } });
}

/** Serialises migrations when several gateway replicas start together. */
const MIGRATION_LOCK = 7_404_201;

/**
 * Opens the store of record and brings its schema up to date with the committed migrations:
 * Postgres when `databaseUrl` is set, else an embedded PGlite database in `pgliteDir`.
 */
export async function openDatabase(opts: { databaseUrl?: string | undefined; pgliteDir: string }): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10, connectionTimeoutMillis: 5000 });
    // An idle client losing its server (restart, outage) must not crash the process.
    pool.on("error", () => undefined);
    // A checked-out client (the recorder's open transaction) losing its server emits "error" on
    // the client, not the pool: without a listener that ends the process. The query fails instead.
    pool.on("connect", (client) => void client.on("error", () => undefined));
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    const lockClient = await pool.connect();
    try {
      await lockClient.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
      await migratePg(db as never, { migrationsFolder });
    } finally {
      await lockClient.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
      lockClient.release();
    }
    const url = new URL(opts.databaseUrl);
    url.password = "";
    return {
      db,
      kind: "postgres",
      location: url.toString(),
      ping: async () => void (await pool.query("select 1")),
      query: async (text, params = []) => (await pool.query(text, params as unknown[])).rows as Record<string, unknown>[],
      close: () => pool.end(),
    };
  }
  // The embedded database's modules (PGlite, its drizzle driver and migrator) are loaded only here:
  // a gateway on Postgres does not load them at all.
  mkdirSync(opts.pgliteDir, { recursive: true });
  const [client, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([openPglite(opts.pgliteDir), import("drizzle-orm/pglite"), import("drizzle-orm/pglite/migrator")]);
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  await migratePglite(db as never, { migrationsFolder });
  return {
    db,
    kind: "pglite",
    location: opts.pgliteDir,
    ping: async () => void (await db.execute(sql`select 1`)),
    query: async (text, params = []) => (await client.query<Record<string, unknown>>(text, params as unknown[])).rows,
    close: () => client.close(),
  };
}
