import { readFileSync } from "node:fs";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import {
  baseConfigShape,
  connectNats,
  createLogger,
  ensureRecorderConsumer,
  ensureOutcomeConsumer,
  openModelsKv,
  openAgentsKv,
  ensureStreams,
  ensureTenantIntake,
  JS_SETUP_TIMEOUT_MS,
  envInt,
  deployedAgentTypes,
  loadAgentTypePlugins,
  loadConfig,
  openCancelledKv,
  type Logger,
  type ServiceHandle,
} from "@gardenos/runtime";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { TENANT_ID, type Lead } from "@gardenos/contracts";
import { buildApp } from "./http/app.js";
import { controlConfigShape, controlFromConfig, maxAgentsConfigShape } from "./http/routes-admin.js";
import { TaskIntake } from "./intake/task-intake.js";
import { NatsIntake } from "./intake/nats-intake.js";
import { TenantResults } from "./recording/tenant-results.js";
import { openDatabase, type Database } from "./db/index.js";
import { Recorder } from "./recording/recorder.js";
import { TaskStore } from "./recording/task-store.js";
import { DeadLetters } from "./dead-letters/dead-letters.js";
import { serveTaskLookup } from "./recording/lookup.js";
import { serveContactCheck } from "./recording/contact-check.js";
import { LeadStore, startRetention } from "./recording/leads.js";
import { eraseFromStream } from "./dead-letters/erase.js";
import { ReviewStore } from "./reviews/review-store.js";
import { LiveHub } from "./live/live-hub.js";
import { ResultWaiter } from "./live/result-waiter.js";
import { TaskCollection } from "./live/task-collection.js";
import { TaskMetaCache } from "./live/task-meta.js";
import { StatusTicker } from "./live/status-ticker.js";
import { liveMetrics } from "./live/live-metrics.js";
import { liveConfigShape } from "./http/routes-live.js";
import { TargetPolicy } from "./webhooks/ssrf.js";
import { WebhookStore } from "./webhooks/webhook-store.js";
import { WebhookIntake, ensureWebhookConsumer } from "./webhooks/webhook-intake.js";
import { WebhookSender } from "./webhooks/webhook-sender.js";
import type { TaskSubmitter } from "./intake/task-intake.js";
import { OutcomeStore } from "./outcomes/outcome-store.js";
import { OutcomeConsumer } from "./outcomes/outcome-consumer.js";
import { learningIntakeHook } from "./outcomes/intake-hook.js";
import { LeadKeeper } from "./outcomes/lead-keeper.js";
import { ModelStore } from "./models/model-store.js";
import { ModelTrainer } from "./models/trainer.js";
import { kvModelPublisher } from "./models/kv-publisher.js";
import { ExperimentStore } from "./experiments/experiment-store.js";
import { leadSourceConfigShape, openLeadSource } from "./lead-source/open.js";
import { leadResolvingIntake } from "./lead-source/resolving-intake.js";
import { serveLeadLookup } from "./lead-source/lookup-responder.js";
import { leadEmbedderFromEnv } from "./embeddings/lead-embedder.js";
import { prepareVectorSearch } from "./embeddings/vector-index.js";
import { EmbeddingStore } from "./embeddings/embedding-store.js";
import { SimilarLeads } from "./embeddings/similar-leads.js";
import { serveLeadNeighbours } from "./embeddings/neighbours-responder.js";
import { reactionsConfigShape } from "./reactions/config.js";
import { startReactions } from "./reactions/wire.js";

export { buildApp, type AppDeps } from "./http/app.js";
export { TaskIntake, taskIdFor, type TaskSubmitter } from "./intake/task-intake.js";
export { openDatabase, type Database } from "./db/index.js";
export { TaskStore, taskView } from "./recording/task-store.js";
export { Recorder } from "./recording/recorder.js";
export { NatsIntake } from "./intake/nats-intake.js";
export { TenantResults } from "./recording/tenant-results.js";
export { ReviewStore, type ReviewItem, type ReviewState } from "./reviews/review-store.js";
export { DeadLetters, type DeadLetter } from "./dead-letters/dead-letters.js";
export { LeadStore, startRetention, type LeadKey } from "./recording/leads.js";
export { signature, verifySignature } from "./webhooks/sign.js";
export { OutcomeStore, outcomeIdOf } from "./outcomes/outcome-store.js";
export { ModelStore, modelView } from "./models/model-store.js";
export { ModelTrainer } from "./models/trainer.js";
export { ExperimentStore } from "./experiments/experiment-store.js";

/** The gateway's settings (built when called: plugin agent types add their MAX_<TYPE>_AGENTS). */
export const gatewayConfigSchema = () => z.object({
  ...baseConfigShape,
  /** HTTP port. Default 8000. */
  PORT: envInt(8000, 0, 65535),
  /** Interface to listen on. Default 127.0.0.1 (set 0.0.0.0 in containers). */
  HOST: z.string().min(1).default("127.0.0.1"),
  /** Postgres URL; when unset an embedded PGlite database is used. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL").optional(),
  /** Directory of the embedded PGlite database. Default .gardenos/pglite. */
  PGLITE_DIR: z.string().min(1).default(".gardenos/pglite"),
  /** Largest accepted request body in bytes (larger → 413). Default 1 MiB. */
  BODY_LIMIT: envInt(1024 * 1024, 1024, 100 * 1024 * 1024),
  /** How long /ai/status waits for the metrics service, in ms. Default 2000. */
  METRICS_TIMEOUT_MS: envInt(2000, 100, 60_000),
  /**
   * Days a task's row (input, result) is kept in ai_interactions; finished rows older than that are
   * deleted by a sweep every RETENTION_INTERVAL_SECONDS. 0 = keep forever. Default 365.
   */
  RETENTION_DAYS: envInt(365, 0, 36_500),
  /** Per-tenant retention overriding RETENTION_DAYS, `acme=30,globex=0` (0 = keep that tenant's forever). Default none. */
  TENANT_RETENTION_DAYS: z
    .string()
    .default("")
    .transform((v, ctx) => {
      const out: Record<string, number> = {};
      for (const part of v.split(",").map((x) => x.trim()).filter(Boolean)) {
        const m = /^([a-z0-9][a-z0-9_-]{0,39})=(\d{1,5})$/.exec(part);
        if (!m) {
          ctx.addIssue({ code: "custom", message: `"${part}" is not <tenant>=<days>` });
          return z.NEVER;
        }
        out[m[1]!] = Number(m[2]);
      }
      return out;
    }),
  /** Seconds between retention sweeps. Default 3600. */
  RETENTION_INTERVAL_SECONDS: envInt(3600, 1, 86_400),
  /** Labelled leads (converted or lost outcomes) before the first conversion model is trained; below it the heuristic scores. Default 200. */
  MODEL_MIN_OUTCOMES: envInt(200, 50, 10_000_000),
  /** Scheduled retrain: new labelled leads since the last version that trigger training. 0 = off. Default 500. */
  RETRAIN_NEW_OUTCOMES: envInt(500, 0, 10_000_000),
  /** Seconds between checks of the scheduled retrain. Default 300. */
  RETRAIN_CHECK_SECONDS: envInt(300, 1, 86_400),
  /**
   * Tenants whose CRMs publish over NATS (comma-separated ids, e.g. `acme,globex`). Each publishes
   * `tenant.<tenant>.<task subject>` and hears `tenant.<tenant>.<result subject>` and
   * `tenant.<tenant>.task.failed`; the broker's users (NATS_TENANTS in `gardenos up` and the
   * rendered auth.conf) confine each to its prefix. Empty: no tenant intake (the default).
   */
  NATS_TENANTS: z
    .string()
    .default("")
    .transform((v) => [...new Set(v.split(",").map((t) => t.trim()).filter(Boolean))])
    .pipe(z.array(z.string().regex(TENANT_ID, "each tenant id: a-z, 0-9, _ and -, at most 40, starting with a letter or digit")).max(1000)),
  /** API keys, scaling bounds, trace export: see routes-admin.ts. */
  ...controlConfigShape,
  /** Live streams: STREAM_MAX_BUFFER_BYTES, STREAM_SLOW_CLIENT_GRACE_MS, STREAM_MAX_CLIENTS, STREAM_STATUS_INTERVAL_MS (routes-live.ts). */
  ...liveConfigShape,
  /** Leads named by lead_id: LEAD_SOURCE_URL, LEAD_SOURCE_MAPPING (lead-source/open.ts). */
  ...leadSourceConfigShape,
  /** Reply reactions and the scheduler: EMAIL_REACTIONS, EMAIL_REACTION_PRIORITY, EMAIL_OOO_*, SCHEDULER_POLL_MS (reactions/config.ts). */
  ...reactionsConfigShape,
  ...maxAgentsConfigShape(),
});
export type GatewayConfig = z.infer<ReturnType<typeof gatewayConfigSchema>>;

export interface Gateway extends ServiceHandle {
  app: FastifyInstance;
  url: string;
  log: Logger;
  database: Database;
  recorder: Recorder;
  store: TaskStore;
  leads: LeadStore;
}

const version = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;

/** Starts the gateway: database (with migrations), NATS topology, recorder, HTTP API. */
export async function startGateway(env: NodeJS.ProcessEnv = process.env, logger?: Logger): Promise<Gateway> {
  await loadAgentTypePlugins(env.AGENT_TYPE_PLUGINS);
  const cfg = loadConfig(gatewayConfigSchema(), env);
  const deployed = deployedAgentTypes(cfg.AGENT_TYPES);
  const log = logger ?? createLogger({ name: "gateway", level: cfg.LOG_LEVEL, format: cfg.LOG_FORMAT, ...(cfg.LOG_FILE ? { file: cfg.LOG_FILE } : {}) });
  const control = controlFromConfig(cfg, log, deployed);
  const database = await openDatabase({ databaseUrl: cfg.DATABASE_URL, pgliteDir: cfg.PGLITE_DIR });
  log.info({ kind: database.kind, location: database.location }, "database ready");
  const nc = await connectNats(cfg.NATS_URL, "gardenos-gateway", log, cfg);
  const jsm = await jetstreamManager(nc, { timeout: JS_SETUP_TIMEOUT_MS });
  await ensureStreams(jsm, cfg);
  await ensureRecorderConsumer(jsm);
  await ensureOutcomeConsumer(jsm);
  // The control bucket (desired agent counts) exists from the gateway's start: the metrics
  // service, which may only read it, opens it without waiting for an agent to create it.
  await openAgentsKv(nc, cfg.STREAM_REPLICAS);
  const store = new TaskStore(database.db);
  const tenantResults = cfg.NATS_TENANTS.length > 0 ? new TenantResults(nc, store, log) : undefined;
  const recorder = new Recorder(nc, store, log, tenantResults ? (r) => void tenantResults.forward(r) : undefined);
  await recorder.start();
  const js = jetstream(nc);
  // The learning loop: outcomes in, model versions (published to the agents through KV), experiments.
  // Leads imported with their outcomes get embeddings too (k-NN over the CRM's history).
  let embedImported: ((tenant: string, leads: Lead[]) => void) | undefined;
  const outcomes = new OutcomeStore(database.db, (tenant, leads) => embedImported?.(tenant, leads));
  const models = new ModelStore(database.db, kvModelPublisher(await openModelsKv(nc, cfg.STREAM_REPLICAS)));
  const trainer = new ModelTrainer(outcomes, models, { minOutcomes: cfg.MODEL_MIN_OUTCOMES, log });
  const experiments = new ExperimentStore(database.db);
  // Similar leads: every analysed lead's embedding, written in the keeper's batches after the answer.
  const embedder = await leadEmbedderFromEnv(env);
  const searchMode = await prepareVectorSearch(database, embedder.dim, log);
  const similar = new SimilarLeads(database, new EmbeddingStore(database, embedder.model, embedder.dim, searchMode), embedder, log);
  log.info({ embedding_model: embedder.model, dim: embedder.dim, search: searchMode }, "similar-lead search ready");
  const leadKeeper = new LeadKeeper(outcomes, log, (tenant, kept) => similar.write(tenant, kept));
  embedImported = (tenant, leads) => void similar.write(tenant, leads);
  const published = await models.publishAll();
  if (published) log.info({ tenants: published }, "active conversion models published");
  const outcomeConsumer = new OutcomeConsumer(nc, outcomes, log);
  await outcomeConsumer.start();
  const stopRetrain =
    cfg.RETRAIN_NEW_OUTCOMES > 0
      ? trainer.startSchedule({ intervalMs: cfg.RETRAIN_CHECK_SECONDS * 1000, minNew: cfg.RETRAIN_NEW_OUTCOMES, onError: (e) => log.warn({ err: e }, "scheduled retrain failed; trying again at the next check") })
      : () => undefined;
  const intake = new TaskIntake(js, store, log, learningIntakeHook({ leads: leadKeeper, experiments }));
  // Live: one reader of RESULTS for the streams and ?wait; tasks taken in here (HTTP and the tenants'
  // NATS intake) are remembered with their tenant and lead, so routing their events needs no database read.
  const meta = new TaskMetaCache(database.db);
  // With no key at all every task is the default tenant's: the streams need no tenant look-ups.
  const hub = new LiveHub(nc, meta, log, control.keys.enabled || cfg.NATS_TENANTS.length > 0);
  await hub.start();
  const leadSource = openLeadSource(cfg, database, log);
  log.info({ source: leadSource.source.description }, "lead source for tasks naming lead_id");
  // Tasks naming only lead_id get their lead from the lead source before anything is published.
  const liveIntake: TaskSubmitter = leadResolvingIntake({
    async submit(def, body, traceparent, tenant, o) {
      const r = await intake.submit(def, body, traceparent, tenant, o);
      meta.remember(r.taskId, { tenant, leadId: def.leadIdOf(def.pickInput(body)) ?? null, type: def.type });
      return r;
    },
  }, leadSource.source);
  let natsIntake: NatsIntake | undefined;
  if (cfg.NATS_TENANTS.length > 0) {
    await ensureTenantIntake(jsm, cfg);
    natsIntake = new NatsIntake(nc, liveIntake, log, cfg.NATS_TENANTS, outcomes);
    await natsIntake.start();
    log.info({ tenants: cfg.NATS_TENANTS }, "tenant intake over NATS: tenant.<tenant>.<task subject>");
  }
  let cancelledKv: ReturnType<typeof openCancelledKv> | undefined;
  const collection = new TaskCollection(database.db, js, () => {
    cancelledKv ??= openCancelledKv(nc, cfg.STREAM_REPLICAS, cfg.TASKS_MAX_AGE).catch((e: unknown) => {
      cancelledKv = undefined;
      throw e;
    });
    return cancelledKv;
  }, log);
  // Webhooks: deliveries queued from a durable consumer of RESULTS, sent from the database.
  const webhookStore = new WebhookStore(database.db);
  const targets = new TargetPolicy(cfg.WEBHOOK_ALLOWED_TARGETS);
  const sender = new WebhookSender(webhookStore, targets, log, {
    timeoutMs: cfg.WEBHOOK_TIMEOUT_MS,
    maxAttempts: cfg.WEBHOOK_MAX_ATTEMPTS,
    retryBaseMs: cfg.WEBHOOK_RETRY_BASE_MS,
    retryMaxMs: cfg.WEBHOOK_RETRY_MAX_MS,
    concurrency: cfg.WEBHOOK_CONCURRENCY,
    pollMs: Math.min(1000, cfg.WEBHOOK_RETRY_BASE_MS),
  });
  await ensureWebhookConsumer(jsm);
  const webhookIntake = new WebhookIntake(nc, webhookStore, meta, log, () => sender.poke());
  await webhookIntake.start();
  sender.start();
  const pruneLog = setInterval(() => void webhookStore.prune(new Date(Date.now() - cfg.WEBHOOK_LOG_DAYS * 86_400_000)).catch(() => undefined), 3_600_000);
  pruneLog.unref();
  const status = new StatusTicker(nc, log, cfg.STREAM_STATUS_INTERVAL_MS, cfg.METRICS_TIMEOUT_MS);
  const lookup = serveTaskLookup(nc, store, log);
  const leads = new LeadStore(database.db);
  // Replies: the suppression list (honoured with the do-not-contact list), delayed tasks, the reactor.
  const reactions = await startReactions({ nc, jsm, database, intake: liveIntake, store, leads, outcomes, collection, log, cfg });
  const contactList = { isDoNotContact: reactions.isDoNotContact, erase: leads.erase.bind(leads), addDoNotContact: leads.addDoNotContact.bind(leads) };
  const contactCheck = serveContactCheck(nc, contactList, log);
  const leadLookup = serveLeadLookup(nc, leadSource.source, log);
  const neighbours = serveLeadNeighbours(nc, similar, log);
  const stopRetention =
    cfg.RETENTION_DAYS > 0 || Object.values(cfg.TENANT_RETENTION_DAYS).some((d) => d > 0)
      ? startRetention({
          store: leads,
          days: cfg.RETENTION_DAYS,
          tenantDays: cfg.TENANT_RETENTION_DAYS,
          intervalMs: cfg.RETENTION_INTERVAL_SECONDS * 1000,
          onSweep: (deleted) => (deleted ? log.info({ deleted, retention_days: cfg.RETENTION_DAYS }, "old tasks deleted (RETENTION_DAYS)") : undefined),
          onError: (e) => log.warn({ err: e }, "retention sweep failed; retrying at the next one"),
        })
      : () => undefined;
  const waiter = new ResultWaiter(hub, store);
  control.metrics = liveMetrics({ hub, waiter, intake: webhookIntake, sender });
  const app = await buildApp({
    log,
    nc,
    intake: liveIntake,
    tasks: store,
    reviews: new ReviewStore(database.db),
    deadLetters: new DeadLetters(js, jsm),
    database,
    bodyLimit: cfg.BODY_LIMIT,
    metricsTimeoutMs: cfg.METRICS_TIMEOUT_MS,
    control,
    version,
    learning: { outcomes, models, trainer, experiments },
    similar,
    plugins: reactions.routes,
    leads: { leads: contactList, eraseFromStream: (stream, matches) => eraseFromStream(js, jsm, stream, matches), resultsMaxAgeSeconds: cfg.RESULTS_MAX_AGE },
    live: {
      nc,
      hub,
      waiter,
      collection,
      tasks: store,
      status,
      sessions: control.sessions,
      limits: { maxBufferedBytes: cfg.STREAM_MAX_BUFFER_BYTES, graceMs: cfg.STREAM_SLOW_CLIENT_GRACE_MS, maxClients: cfg.STREAM_MAX_CLIENTS, keepAliveSeconds: 15 },
      webhooks: { store: webhookStore, policy: targets, changed: () => void webhookIntake.refresh().catch(() => undefined), replayed: () => sender.poke() },
    },
  });
  const address = await app.listen({ port: cfg.PORT, host: cfg.HOST });
  const url = address.replace("[::1]", "127.0.0.1");
  log.info({ url, docs: `${url}/docs` }, "gateway listening");
  return {
    app,
    url,
    log,
    database,
    recorder,
    store,
    leads,
    async stop() {
      stopRetention();
      stopRetrain();
      await app.close();
      await reactions.stop();
      await outcomeConsumer.stop();
      await leadKeeper.drain();
      lookup.unsubscribe();
      contactCheck.unsubscribe();
      leadLookup.unsubscribe();
      neighbours.unsubscribe();
      await natsIntake?.stop();
      status.stop();
      clearInterval(pruneLog);
      await webhookIntake.stop();
      await sender.stop();
      await hub.stop();
      await recorder.stop();
      await nc.drain().catch(() => undefined);
      await leadSource.close().catch(() => undefined);
      await database.close();
    },
  };
}
export { EmbeddingStore, type Neighbour } from "./embeddings/embedding-store.js";
export { prepareVectorSearch, HNSW_EF_SEARCH, type SearchMode } from "./embeddings/vector-index.js";
