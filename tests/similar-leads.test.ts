import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger, type Logger } from "@gardenos/runtime";
import { pino } from "pino";
import { BUILTIN_EMBEDDING_MODEL, embedLead } from "@gardenos/lead-features";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../services/gateway/src/db/index.js";
import { EmbeddingStore } from "../services/gateway/src/embeddings/embedding-store.js";
import { leadEmbedderFromEnv } from "../services/gateway/src/embeddings/lead-embedder.js";
import { prepareVectorSearch } from "../services/gateway/src/embeddings/vector-index.js";
import { startFakeLlm } from "./helpers/fake-llm.js";
import { createTestDatabase } from "./helpers/postgres.js";
import { seededPgliteDir } from "./helpers/pglite-template.js";
import { startStack, type TestStack } from "./helpers/stack.js";

/**
 * Similar leads: every analysed lead gets an embedding; GET /ai/leads/:id/similar finds its nearest
 * neighbours with their scores and outcomes; once outcomes exist an analysis carries the k-NN
 * estimate. The pgvector SQL runs on PGlite (HNSW), the exact fallback on the machine's Postgres
 * (which has no pgvector).
 */
const CLIENT = "client-5a6b7c8d9e0f1a2b";
const ACME = "client-acme-3c4d5e6f7a8b";
const auth = (key: string) => ({ authorization: `Bearer ${key}` });

async function call(url: string, method: string, path: string, key: string, body?: unknown) {
  const r = await fetch(`${url}${path}`, { method, headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...auth(key) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  return { status: r.status, json: (await r.json().catch(() => undefined)) as any };
}

/** Two kinds of lead: engaged referrals (which convert) and one-visit chat leads (which do not). */
function lead(i: number) {
  const hot = i % 2 === 0;
  return hot
    ? { id: `S-${i}`, contact: { name: `Hot ${i}`, title: "Head of Operations" }, company: { industry: "Landscaping", employees: 200 + i }, engagement: { source: "Referral", origin: "Landing Page Submission" }, behavior: { site_visits: 8 + (i % 3), time_on_site_seconds: 1500 + i * 10, last_activity: "Demo Requested" } }
    : { id: `S-${i}`, contact: { name: `Cold ${i}`, title: "Student" }, company: { industry: "Education", employees: 3 }, engagement: { source: "Olark Chat", origin: "API" }, behavior: { site_visits: 1, time_on_site_seconds: 20 + i, last_activity: "Email Bounced" } };
}

describe("similar leads (gateway on PGlite with pgvector)", () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({ env: { GARDENOS_API_KEYS: `${CLIENT},acme:${ACME}` } });
    // Outcomes (from the CRM's history): the hot leads converted, the cold ones were lost. Then the analyses.
    const outcomes = Array.from({ length: 24 }, (_, i) => ({ lead_id: `S-${i}`, outcome: i % 2 === 0 ? "converted" : "lost", at: "2026-11-20T10:00:00Z" }));
    expect((await call(stack.url, "POST", "/ai/outcomes", CLIENT, { outcomes })).status).toBe(200);
    for (let i = 0; i < 24; i++) {
      const r = await call(stack.url, "POST", "/ai/analyze-lead?wait=20", CLIENT, { lead: lead(i) });
      expect(r.status).toBe(200);
    }
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it("GET /ai/leads/:id/similar: the nearest analysed leads, most similar first, with scores and outcomes", async () => {
    await expect.poll(async () => (await call(stack.url, "GET", "/ai/leads/S-0/similar?k=5", CLIENT)).status, { timeout: 10_000 }).toBe(200);
    const r = await call(stack.url, "GET", "/ai/leads/S-0/similar?k=5", CLIENT);
    expect(r.json.search).toBe("hnsw");
    expect(r.json.similar).toHaveLength(5);
    const sims = r.json.similar.map((s: any) => s.similarity);
    expect([...sims].sort((a, b) => b - a)).toEqual(sims);
    for (const s of r.json.similar) {
      expect(s.lead_id).not.toBe("S-0");
      // A hot lead's neighbours are the other hot leads: they converted.
      expect(Number(s.lead_id.slice(2)) % 2).toBe(0);
      expect(s.outcome).toBe("converted");
      expect(s.lead_quality_score).toBeGreaterThanOrEqual(1);
      expect(s.conversion_probability).toBeGreaterThanOrEqual(0);
    }
    expect(r.json.knn_conversion_rate).toBe(1);
  });

  it("gardenos similar <lead-id> prints the neighbours and the k-NN summary", { timeout: 30_000 }, async () => {
    // Asynchronously: the gateway answering it runs in this process.
    const cli = (...args: string[]) =>
      new Promise<{ status: number; stdout: string; stderr: string }>((resolve) =>
        execFile(process.execPath, ["cli/dist/main.js", ...args], { env: { ...process.env, GARDENOS_KEY: CLIENT }, encoding: "utf8" }, (err, stdout, stderr) =>
          resolve({ status: err ? Number((err as { code?: unknown }).code ?? 1) : 0, stdout, stderr }),
        ),
      );
    const r = await cli("similar", "S-1", "-k", "4", "--url", stack.url);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/4 leads most similar to S-1 \(hnsw search, builtin-hash-v2-64\)/);
    expect(r.stdout).toMatch(/S-\d+ .*lost/);
    expect(r.stdout).toMatch(/0 of the 4 neighbours with an outcome converted/);
    const unknown = await cli("similar", "nope", "--url", stack.url);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toMatch(/No analysed lead/);
  });

  it("unknown lead → 404 ERR_LEAD_NOT_FOUND; another tenant's lead is unknown; k is bounded", async () => {
    const unknown = await call(stack.url, "GET", "/ai/leads/nope/similar", CLIENT);
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe("ERR_LEAD_NOT_FOUND");
    expect((await call(stack.url, "GET", "/ai/leads/S-0/similar", ACME)).status).toBe(404);
    const big = await call(stack.url, "GET", "/ai/leads/S-0/similar?k=1000", CLIENT);
    expect(big.status).toBe(400);
    expect(big.json.error.issues[0].path).toBe("query.k");
  });

  it("without LEAD_SOURCE_URL a lead analysed before can be named by lead_id (the kept leads answer)", async () => {
    const r = await call(stack.url, "POST", "/ai/analyze-lead?wait=20", CLIENT, { lead_id: "S-2" });
    expect(r.status).toBe(200);
    expect(r.json.lead_id).toBe("S-2");
    expect(r.json.result.lead_quality_score).toBeGreaterThanOrEqual(1);
    const unknown = await call(stack.url, "POST", "/ai/analyze-lead", CLIENT, { lead_id: "never-analysed" });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe("ERR_LEAD_NOT_FOUND");
    // Another tenant's kept lead is not this tenant's.
    expect((await call(stack.url, "POST", "/ai/analyze-lead", ACME, { lead_id: "S-2" })).status).toBe(404);
  }, 30_000);

  it("a new analysis carries the k-NN estimate and the insight beside the model's probability", async () => {
    let hot: Awaited<ReturnType<typeof call>> | undefined;
    await expect
      .poll(async () => (hot = await call(stack.url, "POST", "/ai/analyze-lead?wait=20", CLIENT, { lead: { ...lead(100), id: "NEW-HOT" } })).json?.result?.knn_neighbours, { timeout: 40_000, interval: 500 })
      .toBe(10);
    if (!hot) throw new Error("no analysis");
    expect(hot.json.result.knn_conversion_probability).toBe(100);
    expect(hot.json.result.knn_neighbours).toBe(10);
    expect(hot.json.result.key_insights).toContain("10 of the 10 most similar leads converted");
    expect(hot.json.result.conversion_probability).toBeGreaterThanOrEqual(0);
    // The agent asks for neighbours with a short deadline (it scores without them when the answer is
    // late): on a loaded machine an analysis may come back without, so each is asked again until it has them.
    let cold: Awaited<ReturnType<typeof call>> | undefined;
    await expect
      .poll(async () => (cold = await call(stack.url, "POST", "/ai/analyze-lead?wait=20", CLIENT, { lead: { ...lead(101), id: "NEW-COLD" } })).json?.result?.knn_neighbours, { timeout: 40_000, interval: 500 })
      .toBe(10);
    expect(cold!.json.result.knn_conversion_probability).toBe(0);
    // Another tenant has no outcomes: no estimate.
    const acme = await call(stack.url, "POST", "/ai/analyze-lead?wait=20", ACME, { lead: { ...lead(100), id: "ACME-1" } });
    expect(acme.status).toBe(200);
    expect(acme.json.result.knn_conversion_probability).toBeUndefined();
  }, 120_000);
});

describe("embedding search on the store", () => {
  const log = createLogger({ name: "test", level: "silent" });
  const leads = Array.from({ length: 300 }, (_, i) => lead(i));
  const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, x, i) => s + x * b[i]!, 0);
  const exact = (q: Float32Array, k: number, exclude: string) =>
    leads
      .filter((l) => l.id !== exclude)
      .map((l) => ({ id: l.id, s: dot(q, embedLead(l)) }))
      .sort((a, b) => b.s - a.s)
      .slice(0, k);

  it("Postgres without pgvector: exact search, announced at start with how to install pgvector", async () => {
    const pg = await createTestDatabase();
    const lines: any[] = [];
    const capture = pino({ level: "warn" }, { write: (l: string) => void lines.push(JSON.parse(l)) }) as unknown as Logger;
    const database = await openDatabase({ databaseUrl: pg.url, pgliteDir: "" });
    try {
      const mode = await prepareVectorSearch(database, 64, capture);
      expect(mode).toBe("exact");
      expect(lines.some((l) => /pgvector/.test(l.msg) && /pgvector\/pgvector:pg17|postgresql-<major>-pgvector/.test(l.hint))).toBe(true);
      const store = new EmbeddingStore(database, BUILTIN_EMBEDDING_MODEL, 64, mode);
      await store.upsert("default", leads.map((l) => ({ leadId: l.id, vector: embedLead(l) })));
      const q = embedLead(leads[7]!);
      const got = await store.nearest("default", q, 10, "S-7");
      const want = exact(q, 10, "S-7");
      expect(got.map((g) => g.similarity)).toEqual(want.map((w) => expect.closeTo(w.s, 4)));
      expect(await store.nearest("other", q, 10)).toEqual([]);
    } finally {
      await database.close();
      await pg.drop();
    }
  }, 60_000);

  it("PGlite: the HNSW index finds what the exact scan finds", async () => {
    const database = await openDatabase({ pgliteDir: seededPgliteDir(join(mkdtempSync(join(tmpdir(), "gardenos-vec-")), "pglite")) });
    try {
      const mode = await prepareVectorSearch(database, 64, log);
      expect(mode).toBe("hnsw");
      const store = new EmbeddingStore(database, BUILTIN_EMBEDDING_MODEL, 64, mode);
      await store.upsert("default", leads.map((l) => ({ leadId: l.id, vector: embedLead(l) })));
      // A table this small would be scanned; with scans off the planner shows it can use the index.
      await database.query("set enable_seqscan = off");
      const plan = await database.query("explain select lead_id from lead_embeddings order by embedding_vec <=> $1::vector limit 10", [`[${Array.from(embedLead(leads[0]!)).join(",")}]`]);
      await database.query("reset enable_seqscan");
      expect(JSON.stringify(plan)).toMatch(/lead_embeddings_hnsw/);
      for (const i of [3, 50, 201]) {
        const q = embedLead(leads[i]!);
        const viaIndex = await store.nearest("default", q, 10, `S-${i}`, "hnsw");
        const viaScan = await store.nearest("default", q, 10, `S-${i}`, "exact");
        expect(viaIndex.map((n) => n.similarity)).toEqual(viaScan.map((n) => expect.closeTo(n.similarity, 4)));
      }
    } finally {
      await database.close();
    }
  }, 60_000);

  it("EMBEDDING_MODEL: vectors from the provider's OpenAI-compatible embeddings endpoint", async () => {
    const fake = await startFakeLlm({ models: ["fake-model", "fake-embed"] });
    try {
      const embedder = await leadEmbedderFromEnv({ LLM_BASE_URL: fake.url, LLM_MODEL: "fake-model", EMBEDDING_MODEL: "fake-embed" });
      expect(embedder.model).toBe("fake-embed");
      expect(embedder.dim).toBe(16);
      const [a, b, c] = await embedder.embed([lead(0), lead(2), lead(1)]);
      expect(dot(a!, a!)).toBeCloseTo(1, 5);
      expect(dot(a!, b!)).toBeGreaterThan(dot(a!, c!));
      const calls = fake.requests.filter((r) => r.path === "/v1/embeddings");
      expect(calls.at(-1)!.body.input).toHaveLength(3);
      expect(JSON.stringify(calls.at(-1)!.body.input)).not.toMatch(/Hot 0/);
    } finally {
      await fake.close();
    }
  });
});
