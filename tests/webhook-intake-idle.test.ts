import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { jetstreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Streams, WEBHOOK_CONSUMER } from "@gardenos/contracts";
import { createTestDatabase } from "./helpers/postgres.js";
import { sampleLead, startStack, type TestStack } from "./helpers/stack.js";
import { callWithKey as call, until } from "./helpers/keyed-call.js";

/**
 * The webhook intake while no webhook exists (real stack, real Postgres, a local receiver): it
 * does not read RESULTS at all (the events wait on its durable consumer), and a webhook created
 * later gets the events stored after it, not the ones that waited.
 */
const ADMIN = "acme-admin-key-0123456789";
const CLIENT = "acme-client-key-0123456789";

describe("webhook intake with no webhook", () => {
  let stack: TestStack;
  let db: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let nc: NatsConnection;
  let server: Server;
  const got: { event: string; taskId: string }[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    stack = await startStack({
      databaseUrl: db.url,
      env: { GARDENOS_API_KEYS: `acme:${CLIENT}`, GARDENOS_ADMIN_KEYS: `acme:${ADMIN}`, WEBHOOK_ALLOWED_TARGETS: "127.0.0.1" },
    });
    nc = await connect({ servers: stack.nats.url });
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        const p = JSON.parse(body);
        got.push({ event: p.event, taskId: p.data.task_id });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    await nc?.close();
    await stack?.stop();
    await db?.drop();
  });

  const consumer = async () => (await jetstreamManager(nc)).consumers.info(Streams.results, WEBHOOK_CONSUMER);
  const completed = (id: string) => until(`task ${id} completed`, async () => ((await call(stack.url, CLIENT, "GET", `/ai/tasks/${id}`)).json?.status === "completed" ? true : undefined));

  it("reads nothing while no webhook exists, and a new webhook gets only the events after it", async () => {
    const before = (await call(stack.url, CLIENT, "POST", "/ai/analyze-lead", { lead: { ...sampleLead, id: "idle-1" } })).json.task_id as string;
    await completed(before);
    // Its task.started and result wait on the consumer: nothing took them.
    const idle = await consumer();
    expect(idle.num_pending).toBeGreaterThanOrEqual(2);
    expect(idle.num_ack_pending).toBe(0);
    expect(idle.delivered.stream_seq).toBe(0);

    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const h = await call(stack.url, ADMIN, "POST", "/ai/webhooks", { url, events: ["task.started", "task.completed"], secret: "test-webhook-secret-0123456789" });
    expect(h.status).toBe(201);
    const after = (await call(stack.url, CLIENT, "POST", "/ai/analyze-lead", { lead: { ...sampleLead, id: "idle-2" } })).json.task_id as string;
    await completed(after);
    await until("both events of the new task delivered", async () => (got.filter((g) => g.taskId === after).length === 2 ? true : undefined));
    // The waiting events were read and settled, none of them delivered.
    await until("the consumer caught up", async () => {
      const ci = await consumer();
      return ci.num_pending === 0 && ci.num_ack_pending === 0 ? true : undefined;
    });
    expect(got.filter((g) => g.taskId === after).map((g) => g.event).sort()).toEqual(["task.completed", "task.started"]);
    expect(got.some((g) => g.taskId === before)).toBe(false);
  }, 60_000);
});
