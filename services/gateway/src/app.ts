import { createHash, randomBytes, randomUUID } from "node:crypto";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { JetStreamApiError, type JetStreamClient } from "@nats-io/jetstream";
import { headers as natsHeaders, type NatsConnection } from "@nats-io/transport-node";
import {
  AGENT_TYPES,
  AnalyzeLeadBody,
  ErrorCodes,
  GenerateFollowUpBody,
  Headers,
  Subjects,
  SystemStatus,
  TaskAccepted,
  bandForPriority,
  taskSubject,
  type AgentType,
  type FollowUpGenerateEvent,
  type LeadAnalyzeEvent,
  type SystemStatus as Status,
} from "@gardenos/contracts";
import { JsCodes, errorMessage, natsAlive, type Logger } from "@gardenos/runtime";
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Database } from "./db/index.js";
import { HttpError, installErrorHandling, zodValidatorCompiler } from "./http-errors.js";
import { taskView, type TaskStore } from "./store.js";
import type { DeadLetters } from "./dead-letters.js";
import { deadLetterRoutes } from "./routes-dlq.js";
import { controlPlane, type ControlConfig } from "./routes-admin.js";

export interface AppDeps {
  log: Logger;
  nc: NatsConnection;
  js: JetStreamClient;
  store: TaskStore;
  database: Database;
  bodyLimit: number;
  metricsTimeoutMs: number;
  version: string;
  deadLetters: DeadLetters;
  /** Keys, scaling bounds, trace export (routes-admin.ts); defaults: no keys, seed bounds, no export. */
  control?: ControlConfig;
}

const TASK_PREFIX: Record<AgentType, string> = { lead_analysis: "analysis", follow_up: "followup" };

/** Task id: random, or derived from the idempotency key so the same key always names the same task. */
export function taskIdFor(type: AgentType, idempotencyKey?: string): string {
  if (!idempotencyKey) return `${TASK_PREFIX[type]}-${randomUUID()}`;
  const digest = createHash("sha256").update(`${type}\n${idempotencyKey}`).digest("hex").slice(0, 32);
  return `${TASK_PREFIX[type]}-${digest}`;
}

/** W3C traceparent: the caller's if valid, else a new one. */
function traceparentFor(header: string | string[] | undefined): string {
  const h = Array.isArray(header) ? header[0] : header;
  if (h && /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/.test(h)) return h;
  return `00-${randomBytes(16).toString("hex")}-${randomBytes(8).toString("hex")}-01`;
}

const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    bodyLimit: deps.bodyLimit,
    // Request lines at debug would flood logs at thousands of req/s; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
    forceCloseConnections: "idle",
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  // JSON only: anything else is a 415, not a confusing schema error.
  app.removeContentTypeParser("text/plain");

  await app.register(swagger, {
    openapi: {
      info: {
        title: "GardenOS Orchestrator",
        description: "Lead scoring and follow-up e-mails, queued on NATS JetStream. Every error is `{ error: { code, message, issues? } }`.",
        version: deps.version,
      },
      // API keys (routes-admin.ts / auth.ts): `Authorization: Bearer <key>`.
      components: { securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "GARDENOS_ADMIN_KEYS / GARDENOS_API_KEYS" } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/docs" });
  // Auth on every route, status/health/agents, admin endpoints, /metrics, traces (before the other routes).
  await app.register(controlPlane, { log: deps.log, nc: deps.nc, database: deps.database, metricsTimeoutMs: deps.metricsTimeoutMs, control: deps.control });

  const enc = new TextEncoder();

  /** Records the task, publishes it, and answers only once JetStream has acknowledged it. */
  async function submit(type: AgentType, body: AnalyzeLeadBody | GenerateFollowUpBody, traceparent: string) {
    const taskId = taskIdFor(type, body.idempotency_key);
    const traceId = traceparent.split("-")[1];
    const context = "context" in body ? body.context : undefined;
    let inserted = false;
    let dbDown = false;
    try {
      inserted = await deps.store.createQueued({
        taskId,
        type,
        priority: body.priority,
        lead: body.lead,
        context,
        idempotencyKey: body.idempotency_key,
      });
    } catch (e) {
      // The broker is the source of truth for acceptance: keep taking tasks; the recorder
      // creates the row from task.started once the database is back.
      dbDown = true;
      deps.log.warn({ err: errorMessage(e), task_id: taskId, trace_id: traceId }, "could not record the task; accepting it anyway");
    }
    if (!inserted && !dbDown) {
      const existing = await deps.store.get(taskId);
      return { duplicate: true as const, taskId, status: existing?.status ?? "queued" };
    }
    // Follow-up memory: earlier interactions with this lead ride on the task (none if the DB is down).
    const history =
      type === "follow_up" && !dbDown
        ? await deps.store.history(body.lead).catch((e: unknown) => {
            deps.log.warn({ err: errorMessage(e), task_id: taskId, trace_id: traceId }, "could not read the lead's history; sending without it");
            return [];
          })
        : [];
    const event: LeadAnalyzeEvent | FollowUpGenerateEvent = {
      task_id: taskId,
      lead: body.lead,
      priority: body.priority,
      created_at: new Date().toISOString(),
      ...(context ? { context } : {}),
      ...(history.length > 0 ? { history } : {}),
    };
    const h = natsHeaders();
    h.set(Headers.traceparent, traceparent);
    try {
      await deps.js.publish(taskSubject(type, bandForPriority(body.priority)), enc.encode(JSON.stringify(event)), {
        msgID: taskId,
        headers: h,
      });
    } catch (e) {
      if (inserted) await deps.store.remove(taskId).catch(() => undefined);
      if (e instanceof JetStreamApiError && e.code === JsCodes.StreamStoreFailed) {
        throw new HttpError("ERR_QUEUE_FULL", `${ErrorCodes.ERR_QUEUE_FULL.message} (${e.message})`, { retryAfterSeconds: 5 });
      }
      deps.log.error({ err: errorMessage(e), task_id: taskId, trace_id: traceId }, "publish failed");
      throw new HttpError("ERR_BROKER_UNAVAILABLE", undefined, { retryAfterSeconds: 2 });
    }
    return { duplicate: false as const, taskId, status: "queued" };
  }

  const accepted = { 202: TaskAccepted, 200: z.object({ task_id: z.string(), status: z.string(), duplicate: z.literal(true) }), 400: ErrorResponse, 413: ErrorResponse, 503: ErrorResponse };

  app.post(
    "/ai/analyze-lead",
    {
      schema: {
        summary: "Queue a lead for analysis",
        description: "Answers 202 once JetStream has stored the task. The result appears at GET /ai/tasks/:id and as a lead.analyzed event.",
        body: AnalyzeLeadBody,
        response: accepted,
      },
    },
    async (req, reply) => {
      const r = await submit("lead_analysis", req.body, traceparentFor(req.headers.traceparent));
      if (r.duplicate) return reply.code(200).send({ task_id: r.taskId, status: r.status, duplicate: true });
      return reply.code(202).send({ task_id: r.taskId, status: "queued" });
    },
  );

  app.post(
    "/ai/generate-follow-up",
    {
      schema: {
        summary: "Queue a follow-up e-mail",
        description: "Answers 202 once JetStream has stored the task. The e-mail appears at GET /ai/tasks/:id and as a followup.generated event.",
        body: GenerateFollowUpBody,
        response: accepted,
      },
    },
    async (req, reply) => {
      const r = await submit("follow_up", req.body, traceparentFor(req.headers.traceparent));
      if (r.duplicate) return reply.code(200).send({ task_id: r.taskId, status: r.status, duplicate: true });
      return reply.code(202).send({ task_id: r.taskId, status: "queued" });
    },
  );

  app.get(
    "/ai/tasks/:id",
    {
      schema: {
        summary: "A task's status, result, timings and attempts",
        params: z.object({ id: z.string().min(1).max(200) }),
      },
    },
    async (req) => {
      let row;
      try {
        row = await deps.store.get(req.params.id);
      } catch (e) {
        deps.log.warn({ err: errorMessage(e) }, "database unavailable");
        throw new HttpError("ERR_DATABASE_UNAVAILABLE", undefined, { retryAfterSeconds: 2 });
      }
      if (!row) throw new HttpError("ERR_TASK_NOT_FOUND", `No task with id ${req.params.id}`);
      return taskView(row);
    },
  );

  // GET /ai/status, /ai/health, /ai/agents…, admin endpoints and /metrics: routes-admin.ts (controlPlane).

  await app.register(deadLetterRoutes({ deadLetters: deps.deadLetters, store: deps.store, log: deps.log }));

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
    endpoints: ["POST /ai/analyze-lead", "POST /ai/generate-follow-up", "GET /ai/tasks/:id", "GET /ai/status", "GET /ai/health"],
  }));

  return app as unknown as FastifyInstance;
}
