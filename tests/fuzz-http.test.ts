import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { ErrorCodes, agentTypes } from "@gardenos/contracts";
import { createLogger } from "@gardenos/runtime";
import { buildApp, type AppDeps, type TaskSubmitter } from "@gardenos/gateway";
import { FUZZ_RUNS, fuzzParams, hostileJson, hostileString, nearValid, validLead } from "./helpers/fuzz.js";
import { startNats } from "./helpers/nats.js";

/**
 * Property-based fuzzing of every HTTP body: the real gateway app (buildApp, requests through
 * inject()) on a real nats-server for the control plane's KV, with the task intake, task store
 * and dead letters as fakes (no database). Arbitrary JSON, invalid JSON and near-valid mutations
 * of valid bodies; for every one: no 5xx, and every 4xx is `{ error: { code, message } }` from
 * the catalogue, validation errors naming their fields.
 */

type Json = Parameters<typeof nearValid>[0];

const validEmail = { from: "Ana Ruiz <ana@acme.example>", to: "max@gardenos.example", subject: "Re: Demo", body: "Can we talk on Tuesday at 3pm EST?", received_at: "2026-03-05T10:00:00Z", in_reply_to: "<f-1@gardenos.example>", headers: { "X-Mailer": "x" } };

const typeRoutes = agentTypes.list().map((d) => ({
  path: d.http.path,
  valid: (d.type === "follow_up"
    ? { lead: validLead, context: "Demo completed", priority: 8, idempotency_key: "k-1" }
    : d.type === "email_classification"
      ? { email: validEmail, lead_id: "crm-1", routing: { lead_score: 7, territory: "emea" }, priority: 6, idempotency_key: "k-1" }
      : { lead: validLead, priority: 3, idempotency_key: "k-1" }) as unknown as Json,
}));

const routes: { path: string; valid: Json }[] = [
  ...typeRoutes,
  { path: "/ai/scale-agents", valid: { agent_type: "lead_analysis", target_count: 3 } },
  { path: "/ai/restart", valid: { agent_type: "follow_up" } },
  { path: "/ai/dead-letters/replay", valid: { task_ids: ["analysis-1"], type: "lead_analysis" } },
];

describe.each(routes)("fuzz POST $path", ({ path, valid }) => {
  let nats: Awaited<ReturnType<typeof startNats>>;
  let nc: NatsConnection;
  let app: FastifyInstance;
  const counts = new Map<number, number>();

  const intake: TaskSubmitter = {
    async submit(def) {
      return { duplicate: false, taskId: `${def.taskIdPrefix}-fuzz`, status: "queued" };
    },
  };

  beforeAll(async () => {
    nats = await startNats();
    nc = await connect({ servers: nats.url });
    // The restart request is answered at once by a fake replica (the real one waits 300 ms for more).
    const control = new Proxy(nc, {
      get(target, p) {
        if (p === "requestMany") {
          return async () =>
            (async function* () {
              yield { json: () => ({ replica_id: "fuzz-replica", restarted: [] }) };
            })();
        }
        const v = Reflect.get(target, p, target) as unknown;
        return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const deps: AppDeps = {
      log: createLogger({ name: "fuzz", level: "silent", format: "json" }),
      intake,
      tasks: { get: async () => undefined, requeue: async () => undefined },
      deadLetters: { list: async () => ({ items: [], total: 0, next_after_seq: null }), all: async function* () {}, find: async () => undefined, replay: async () => undefined },
      nc: control,
      database: { ping: async () => undefined },
      bodyLimit: 1024 * 1024,
      metricsTimeoutMs: 100,
      version: "fuzz",
    };
    app = await buildApp(deps);
  });
  afterAll(async () => {
    await app?.close();
    await nc?.close();
    await nats?.cleanup();
    // eslint-disable-next-line no-console -- the run's numbers, for the README and reports
    console.info(`fuzz POST ${path}: ${[...counts].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(" ")}`);
  });

  async function check(payload: string, contentType = "application/json"): Promise<void> {
    const r = await app.inject({ method: "POST", url: path, payload, headers: { "content-type": contentType } });
    counts.set(r.statusCode, (counts.get(r.statusCode) ?? 0) + 1);
    expect(r.statusCode, `${r.statusCode} for ${payload.slice(0, 300)}: ${r.body.slice(0, 300)}`).toBeLessThan(500);
    if (r.statusCode >= 400) {
      const body = r.json() as { error?: { code?: unknown; message?: unknown; issues?: { path: unknown; message: unknown }[] } };
      expect(typeof body.error?.code, r.body.slice(0, 300)).toBe("string");
      expect(Object.keys(ErrorCodes)).toContain(body.error!.code);
      expect(typeof body.error!.message).toBe("string");
      expect((body.error!.message as string).length).toBeGreaterThan(0);
      if (body.error!.code === "ERR_VALIDATION" || body.error!.code === "ERR_LEAD_INVALID") {
        expect(body.error!.issues?.length, r.body.slice(0, 300)).toBeGreaterThan(0);
        for (const i of body.error!.issues!) {
          expect(typeof i.path).toBe("string");
          expect(typeof i.message).toBe("string");
        }
      }
    }
  }

  it("accepts the valid body", async () => {
    const r = await app.inject({ method: "POST", url: path, payload: valid as object });
    expect(r.statusCode, r.body).toBeLessThan(300);
  });

  it("survives arbitrary JSON", async () => {
    await fc.assert(fc.asyncProperty(hostileJson, (body) => check(JSON.stringify(body) ?? "null")), fuzzParams());
  }, 60_000 + FUZZ_RUNS * 20);

  it("survives near-valid bodies", async () => {
    await fc.assert(fc.asyncProperty(nearValid(valid), (body) => check(JSON.stringify(body) ?? "null")), fuzzParams());
  }, 60_000 + FUZZ_RUNS * 20);

  it("survives bodies that are not JSON", async () => {
    const raw = fc.oneof(hostileString, fc.string().map((s) => `{"lead": ${s}`), fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString("latin1")));
    const type = fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "application/octet-stream");
    await fc.assert(fc.asyncProperty(raw, type, (payload, ct) => check(payload, ct)), fuzzParams(Math.max(50, Math.floor(FUZZ_RUNS / 5))));
  }, 60_000 + FUZZ_RUNS * 20);
});
