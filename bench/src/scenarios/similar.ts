import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EmbeddingStore, HNSW_EF_SEARCH, openDatabase, prepareVectorSearch, type Database, type SearchMode } from "@gardenos/gateway";
import { BUILTIN_EMBEDDING_DIM, BUILTIN_EMBEDDING_MODEL, embedLead } from "@gardenos/lead-features";
import { createLogger } from "@gardenos/runtime";
import pg from "pg";
import { percentile, round, table } from "../lib/stats.js";
import { manyLeads, xeducationExamples } from "./similar-data.js";
import { knnQuality } from "./similar-quality.js";
import type { ScenarioContext, ScenarioResult } from "./types.js";

const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const log = createLogger({ name: "bench-similar", level: "warn" });

interface SearchRow {
  store: string;
  search: SearchMode;
  stored: number;
  queries: number;
  load_s: number;
  index_s: number;
  p50_ms: number;
  p99_ms: number;
  recall_at_10: number | null;
}

/**
 * The k-th best similarity by brute force in process: the truth recall is measured against. Many
 * stored leads share a vector (X Education leads alike but for their jittered numbers), so a hit
 * is any returned lead at least as similar as the exact k-th (ties count), not one particular id.
 */
function exactKth(vectors: readonly Float32Array[], q: Float32Array, k: number): number {
  const best: [number, number][] = [];
  for (let i = 0; i < vectors.length; i++) {
    const v = vectors[i]!;
    let d = 0;
    for (let j = 0; j < q.length; j++) d += q[j]! * v[j]!;
    if (best.length < k || d > best[best.length - 1]![0]) {
      best.push([d, i]);
      best.sort((a, b) => b[0] - a[0]);
      if (best.length > k) best.pop();
    }
  }
  return best[best.length - 1]![0];
}

/** Loads the vectors (index dropped during the load and built after, as a bulk load would), then times queries. */
async function measure(name: string, database: Database, vectors: readonly Float32Array[], queries: readonly Float32Array[], ctx: ScenarioContext): Promise<SearchRow[]> {
  const mode = await prepareVectorSearch(database, BUILTIN_EMBEDDING_DIM, log);
  const store = new EmbeddingStore(database, BUILTIN_EMBEDDING_MODEL, BUILTIN_EMBEDDING_DIM, mode);
  if (mode === "hnsw") await database.query("drop index if exists lead_embeddings_hnsw");
  const t0 = performance.now();
  for (let i = 0; i < vectors.length; i += 1000) {
    await store.upsert("default", vectors.slice(i, i + 1000).map((v, j) => ({ leadId: `B-${i + j}`, vector: v })));
  }
  const loadS = (performance.now() - t0) / 1000;
  ctx.log(`  ${name}: ${vectors.length} embeddings stored in ${round(loadS, 1)} s`);
  const t1 = performance.now();
  if (mode === "hnsw") {
    // A bulk build: the graph of 100,000 leads fits in 256 MB (pgvector builds on disk, far slower, past maintenance_work_mem).
    await database.query("set maintenance_work_mem = '256MB'");
    await database.query("create index lead_embeddings_hnsw on lead_embeddings using hnsw (embedding_vec vector_cosine_ops)");
    await database.query("reset maintenance_work_mem");
  }
  const indexS = (performance.now() - t1) / 1000;
  if (mode === "hnsw") ctx.log(`  ${name}: HNSW index built in ${round(indexS, 1)} s`);
  await database.query("analyze lead_embeddings");
  const kth = queries.map((q) => exactKth(vectors, q, 10));
  const rows: SearchRow[] = [];
  // HNSW: the search breadth's trade-off (the gateway uses HNSW_EF_SEARCH); exact: one row.
  for (const ef of mode === "hnsw" ? EF_SEARCH_TRIED : [undefined]) {
    if (ef !== undefined) await database.query(`set hnsw.ef_search = ${ef}`);
    // Warm-up (caches, the statement's plan), not counted.
    for (const q of queries.slice(0, 5)) await store.nearest("default", q, 10);
    const times: number[] = [];
    let hits = 0;
    for (const [i, q] of queries.entries()) {
      const s = performance.now();
      const got = await store.nearest("default", q, 10);
      times.push(performance.now() - s);
      hits += Math.min(10, got.filter((g) => g.similarity >= kth[i]! - 1e-5).length);
    }
    rows.push({
      store: ef !== undefined ? `${name}, ef_search ${ef}` : name,
      search: mode,
      stored: vectors.length,
      queries: queries.length,
      load_s: round(loadS, 1),
      index_s: round(indexS, 1),
      p50_ms: round(percentile(times, 50), 2),
      p99_ms: round(percentile(times, 99), 2),
      recall_at_10: round(hits / (queries.length * 10), 3),
    });
  }
  return rows;
}

/** hnsw.ef_search values measured (the gateway's own, HNSW_EF_SEARCH, among them). */
const EF_SEARCH_TRIED = [...new Set([40, 100, HNSW_EF_SEARCH])].sort((a, b) => a - b);

/**
 * Similar-lead search: 100,000 stored lead embeddings (the built-in 64-dimension embedding of
 * X Education leads with jittered numbers), top-10 queries on PGlite with pgvector's HNSW index
 * and on the machine's Postgres without pgvector (exact scan); recall@10 against exact search;
 * the cost of embedding a lead; the k-NN conversion estimate's AUC next to the model's.
 */
export async function similar(ctx: ScenarioContext): Promise<ScenarioResult> {
  const n = Number(process.env.BENCH_SIMILAR_N ?? (ctx.quick ? 10_000 : 100_000));
  const base = (await xeducationExamples()).map((e) => e.lead);
  const leads = manyLeads(base, n);
  const t0 = performance.now();
  const vectors = leads.map((l) => embedLead(l));
  const embedUs = ((performance.now() - t0) * 1000) / n;
  ctx.log(`  ${n} leads embedded: ${round(embedUs, 1)} µs per lead`);
  const queries = manyLeads(base, ctx.quick ? 100 : 500, 99).map((l) => embedLead(l));
  const rows: SearchRow[] = [];

  const dir = mkdtempSync(join(tmpdir(), "gardenos-bench-similar-"));
  const lite = await openDatabase({ pgliteDir: join(dir, "pglite") });
  try {
    rows.push(...(await measure("PGlite (pgvector 0.8, HNSW)", lite, vectors, queries, ctx)));
  } finally {
    await lite.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const dbName = `gardenos_bench_similar_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  try {
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${dbName}`;
    const database = await openDatabase({ databaseUrl: url.toString(), pgliteDir: "" });
    try {
      rows.push(...(await measure("Postgres, no pgvector (exact)", database, vectors, queries.slice(0, 20), ctx)));
    } finally {
      await database.close();
    }
  } catch (e) {
    ctx.log(`  (Postgres at ${new URL(ADMIN_URL).host} not measured: ${e instanceof Error ? e.message : String(e)})`);
  } finally {
    await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
    await admin.end().catch(() => undefined);
  }

  const quality = await knnQuality();
  const hnsw = rows.find((r) => r.search === "hnsw" && r.store.endsWith(`ef_search ${HNSW_EF_SEARCH}`));
  const text = [
    table(
      ["store", "search", "stored", "queries", "load s", "index build s", "top-10 p50 ms", "top-10 p99 ms", "recall@10"],
      rows.map((r) => [r.store, r.search, r.stored, r.queries, r.load_s, r.search === "hnsw" ? r.index_s : "–", r.p50_ms, r.p99_ms, r.recall_at_10 ?? "–"]),
    ),
    "",
    `Built-in embedding: ${BUILTIN_EMBEDDING_DIM} dimensions (feature hashing), ${round(embedUs, 1)} µs per lead; the gateway uses hnsw.ef_search = ${HNSW_EF_SEARCH}; queries one after another, each a new lead; recall@10 counts ties with the exact 10th as hits.`,
    quality
      ? `k-NN conversion estimate on X Education (${quality.held_out} held-out leads, ${quality.index_leads} stored with outcomes): ROC AUC ${Object.entries(quality.knn_auc).map(([k, v]) => `${v} (${k})`).join(", ")}; the conversion model on the same split: ${quality.model_auc}.`
      : "(no X Education file: the k-NN AUC is not measured)",
  ].join("\n");
  return {
    scenario: "similar",
    params: { n, dim: BUILTIN_EMBEDDING_DIM, ef_search: HNSW_EF_SEARCH, ef_search_tried: EF_SEARCH_TRIED, queries: queries.length },
    targets: {
      "top-10 p99 ≤ 20 ms with HNSW (PGlite)": hnsw ? hnsw.p99_ms <= 20 : false,
      "recall@10 ≥ 0.95 against exact search": hnsw ? (hnsw.recall_at_10 ?? 0) >= 0.95 : false,
    },
    text,
    rows,
    embed_us_per_lead: round(embedUs, 2),
    knn_quality: quality,
  };
}
