import { errorMessage, type Logger } from "@gardenos/runtime";
import type { Database } from "../db/index.js";

/** How similar leads are searched: pgvector's HNSW index, or an exact scan of every embedding. */
export type SearchMode = "hnsw" | "exact";

export const PGVECTOR_INSTALL_HINT =
  "install pgvector on this Postgres (the package postgresql-<major>-pgvector from the PostgreSQL apt repository, or run the pgvector/pgvector:pg17 image as deploy/compose.yaml does) and restart the gateway: it then adds a vector column and an HNSW index";

/** HNSW search breadth: recall@10 0.97 at p99 5 ms over 100,000 leads (bench scenario `similar`). */
export const HNSW_EF_SEARCH = 200;

/**
 * At start: where the `vector` extension is available (PGlite always; Postgres with pgvector
 * installed), a `vector(dim)` column beside the `real[]` one, filled from it, and an HNSW index
 * (cosine). Elsewhere search stays exact and the log says how to install pgvector.
 */
export async function prepareVectorSearch(database: Database, dim: number, log: Logger): Promise<SearchMode> {
  try {
    const [avail] = await database.query("select 1 as ok from pg_available_extensions where name = 'vector'");
    if (!avail) {
      log.warn({ hint: PGVECTOR_INSTALL_HINT }, "pgvector is not installed: similar-lead search is exact (a scan of every stored embedding)");
      return "exact";
    }
    await database.query("create extension if not exists vector");
    const [col] = await database.query(
      "select atttypmod as dim from pg_attribute where attrelid = 'lead_embeddings'::regclass and attname = 'embedding_vec' and not attisdropped",
    );
    if (col && Number(col.dim) !== dim) {
      // Another embedding (EMBEDDING_MODEL changed): the column is rebuilt for this dimension.
      await database.query("drop index if exists lead_embeddings_hnsw");
      await database.query("alter table lead_embeddings drop column embedding_vec");
    }
    await database.query(`alter table lead_embeddings add column if not exists embedding_vec vector(${Math.trunc(dim)})`);
    await database.query(`update lead_embeddings set embedding_vec = embedding::vector where embedding_vec is null and dim = ${Math.trunc(dim)}`);
    await database.query("create index if not exists lead_embeddings_hnsw on lead_embeddings using hnsw (embedding_vec vector_cosine_ops)");
    if (database.kind === "pglite") {
      // One session: these hold for every search.
      await database.query(`set hnsw.ef_search = ${HNSW_EF_SEARCH}`);
      await database.query("set hnsw.iterative_scan = relaxed_order");
    } else {
      // Postgres: the database's defaults for new sessions (the pool's connections are renewed
      // when idle). Needs the database's owner; without it pgvector's defaults apply (ef_search 40).
      for (const [name, value] of [["hnsw.ef_search", String(HNSW_EF_SEARCH)], ["hnsw.iterative_scan", "relaxed_order"]] as const) {
        await database
          .query(`do $$ begin execute format('alter database %I set ${name} = %L', current_database(), '${value}'); end $$`)
          .catch((e: unknown) => log.warn({ err: errorMessage(e), setting: name }, "could not set a pgvector search setting for this database; its default applies"));
      }
    }
    return "hnsw";
  } catch (e) {
    log.warn({ err: errorMessage(e), hint: PGVECTOR_INSTALL_HINT }, "could not set up pgvector: similar-lead search is exact");
    return "exact";
  }
}
