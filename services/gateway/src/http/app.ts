import type { NatsConnection } from "@nats-io/transport-node";
import { agentTypes } from "@gardenos/contracts";
import { natsAlive, type Logger } from "@gardenos/runtime";
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import type { Database } from "../db/index.js";
import type { DeadLetterQueue } from "../dead-letters/dead-letters.js";
import type { TaskSubmitter } from "../intake/task-intake.js";
import type { TaskReader } from "../recording/task-store.js";
import { lazyDocs } from "./docs.js";
import { installErrorHandling, zodValidatorCompiler } from "./errors.js";
import { installJsonBodyParser } from "./json-body.js";
import { deadLetterRoutes, type ReplayStore } from "./routes-dlq.js";
import { controlPlane, type ControlConfig } from "./routes-admin.js";
import { taskRoutes } from "./routes-tasks.js";
import { leadRoutes, type LeadRoutesDeps } from "./routes-leads.js";
import { reviewRoutes } from "./routes-reviews.js";
import type { ReviewStore } from "../reviews/review-store.js";
import type { OutcomeStore } from "../outcomes/outcome-store.js";
import type { ModelStore } from "../models/model-store.js";
import type { ModelTrainer } from "../models/trainer.js";
import type { ExperimentStore } from "../experiments/experiment-store.js";
import { outcomeRoutes } from "./routes-outcomes.js";
import { modelRoutes } from "./routes-models.js";
import { experimentRoutes } from "./routes-experiments.js";
import { liveRoutes, type LiveDeps } from "./routes-live.js";
import { similarRoutes } from "./routes-similar.js";
import type { SimilarLeads } from "../embeddings/similar-leads.js";

/** What the HTTP API is built on; route tests pass fakes for the interfaces and use `inject()`. */
export interface AppDeps {
  log: Logger;
  /** Queues tasks (TaskIntake: record, publish, await JetStream's ack). */
  intake: TaskSubmitter;
  /** Reads tasks (TaskStore). */
  tasks: TaskReader & ReplayStore;
  deadLetters: DeadLetterQueue;
  /** The control plane asks the metrics service and the agents over NATS. */
  nc: NatsConnection;
  database: Pick<Database, "ping">;
  bodyLimit: number;
  metricsTimeoutMs: number;
  version: string;
  /** The follow-up review queue (routes-reviews.ts); without it the review routes are not served. */
  reviews?: ReviewStore;
  /** Keys, scaling bounds, deployed types, trace export (routes-admin.ts); defaults: no keys, seed bounds, every type, no export. */
  control?: ControlConfig;
  /** Erasure and the do-not-contact list (routes-leads.ts); omitted → no lead routes. */
  leads?: Omit<LeadRoutesDeps, "log">;
  /** Outcomes, model versions and experiments (routes-outcomes/-models/-experiments.ts); omitted → not served. */
  learning?: { outcomes: OutcomeStore; models: ModelStore; trainer: ModelTrainer; experiments: ExperimentStore };
  /** `?wait`, the task collection, streams, sessions, webhooks and the dashboard (routes-live.ts); omitted → not served. */
  live?: LiveDeps;
  /** Similar leads (routes-similar.ts); omitted → not served. */
  similar?: SimilarLeads;
  /** More route plugins, registered after the task routes (suppressions, scheduled tasks). */
  plugins?: ((f: FastifyInstance) => Promise<void>)[];
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    bodyLimit: deps.bodyLimit,
    // Request lines at debug would flood logs at thousands of req/s; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
    forceCloseConnections: "idle",
    // Our compilers from the start: without them fastify loads its own (ajv and
    // fast-json-stringify, ≈ 13 MB of code) before setValidatorCompiler replaces them.
    schemaController: { compilersFactory: { buildValidator: () => zodValidatorCompiler as never, buildSerializer: () => serializerCompiler as never } },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  // JSON only: anything else is a 415, not a confusing schema error.
  app.removeContentTypeParser("text/plain");
  installJsonBodyParser(app);

  // OpenAPI at /docs/json and the Swagger UI at /docs, loaded at their first request (docs.ts).
  lazyDocs(app as unknown as FastifyInstance, {
    openapi: {
      info: {
        title: "GardenOS Orchestrator",
        description: "AI agents for a CRM (lead scoring, follow-up e-mails and any plugin agent type), queued on NATS JetStream. Every error is `{ error: { code, message, issues? } }`.",
        version: deps.version,
      },
      // API keys (routes-admin.ts / auth.ts): `Authorization: Bearer <key>`.
      components: { securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "GARDENOS_ADMIN_KEYS / GARDENOS_API_KEYS" } } },
    },
    transform: jsonSchemaTransform,
  });
  // Auth on every route, status/health/agents, admin endpoints, /metrics, traces (before the other routes).
  await app.register(controlPlane, { log: deps.log, nc: deps.nc, database: deps.database, metricsTimeoutMs: deps.metricsTimeoutMs, control: deps.control });
  if (deps.leads) await app.register(leadRoutes, { log: deps.log, ...deps.leads });
  const deployed = deps.control?.deployed ?? agentTypes.names();
  await app.register(taskRoutes({ intake: deps.intake, tasks: deps.tasks, deployed, log: deps.log, waiter: deps.live?.waiter }));
  if (deps.live) await app.register(liveRoutes({ ...deps.live, log: deps.log }));
  for (const plugin of deps.plugins ?? []) await app.register(plugin);
  await app.register(deadLetterRoutes({ deadLetters: deps.deadLetters, store: deps.tasks, log: deps.log }));
  if (deps.similar) await app.register(similarRoutes({ similar: deps.similar, log: deps.log }));
  const learning = deps.learning;
  if (deps.reviews) {
    // Mark sent also records a `sent` outcome: the exposure an experiment counts.
    const onSent = learning ? (taskId: string) => learning.outcomes.recordSent(taskId) : undefined;
    await app.register(reviewRoutes({ reviews: deps.reviews, keys: deps.control?.keys, log: deps.log, ...(onSent ? { onSent } : {}) }));
  }
  if (learning) {
    await app.register(outcomeRoutes({ outcomes: learning.outcomes, log: deps.log }));
    await app.register(modelRoutes({ models: learning.models, trainer: learning.trainer, outcomes: learning.outcomes, log: deps.log }));
    await app.register(experimentRoutes({ experiments: learning.experiments, log: deps.log }));
  }

  app.get("/livez", { schema: { summary: "Liveness: the process answers" } }, async () => ({ status: "ok" }));

  app.get("/readyz", { schema: { summary: "Readiness: NATS and the database reachable (503 naming what fails)" } }, async (_req, reply) => {
    const [nats, database] = await Promise.all([natsAlive(deps.nc), deps.database.ping().then(() => true, () => false)]);
    const checks = { nats, database };
    const failing = Object.entries(checks).filter(([, ok]) => !ok).map(([k]) => k);
    void reply.code(failing.length ? 503 : 200);
    return { status: failing.length ? "not ready" : "ready", checks, ...(failing.length ? { failing } : {}) };
  });

  app.get("/", { schema: { hide: true } }, async () => ({
    name: "GardenOS Orchestrator",
    version: deps.version,
    docs: "/docs",
    endpoints: [...agentTypes.list().map((d) => `POST ${d.http.path}`), "GET /ai/tasks/:id", "GET /ai/types", "GET /ai/status", "GET /ai/health"],
  }));

  return app as unknown as FastifyInstance;
}
