import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { verifySignature } from "@gardenos/gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "./helpers/postgres.js";
import { sampleLead, startStack, type TestStack } from "./helpers/stack.js";
import { callWithKey as call, until } from "./helpers/keyed-call.js";

/**
 * Webhooks on a real stack and a real local receiver that answers 500, hangs, or closes the
 * connection before it answers 200: nothing is lost, each delivery is acknowledged once, events of a
 * task arrive in order, every signature verifies; a delivery that keeps failing goes dead and is
 * replayed; URLs that could reach inside the network are refused.
 */
const ACME_ADMIN = "acme-admin-key-0123456789";
const GLOBEX_ADMIN = "globex-admin-key-0123456789";
const ACME = "acme-client-key-0123456789";
const GLOBEX = "globex-client-key-0123456789";
const SECRET = "test-webhook-secret-0123456789";

type Mode = "500" | "hang" | "close" | "ok";
interface Received {
  delivery: string;
  event: string;
  taskId: string;
  seq: number;
  signed: boolean;
  answered: Mode;
}

/** A webhook receiver: `mode(delivery id, attempt)` decides each answer; everything received is kept. */
class Receiver {
  readonly got: Received[] = [];
  private readonly attempts = new Map<string, number>();
  private readonly hanging: ServerResponse[] = [];
  server!: Server;
  constructor(public mode: (delivery: string, attempt: number) => Mode) {}
  async start(): Promise<string> {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        const id = String(req.headers["gardenos-delivery-id"]);
        const attempt = (this.attempts.get(id) ?? 0) + 1;
        this.attempts.set(id, attempt);
        const mode = this.mode(id, attempt);
        const parsed = JSON.parse(body);
        const signed = verifySignature(SECRET, req.headers["gardenos-signature"] as string, req.headers["gardenos-timestamp"] as string, body);
        this.got.push({ delivery: id, event: parsed.event, taskId: parsed.data.task_id, seq: parsed.data.seq, signed, answered: mode });
        if (mode === "ok") res.writeHead(204).end();
        else if (mode === "500") res.writeHead(500).end("boom");
        else if (mode === "close") req.socket.destroy();
        else this.hanging.push(res);
      });
    });
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }
  acked(): Received[] {
    return this.got.filter((g) => g.answered === "ok");
  }
  async stop(): Promise<void> {
    for (const r of this.hanging) r.destroy();
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }
}

describe("webhooks", () => {
  let stack: TestStack;
  let db: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  const receivers: Receiver[] = [];
  beforeAll(async () => {
    db = await createTestDatabase();
    stack = await startStack({
      databaseUrl: db.url,
      env: {
        GARDENOS_API_KEYS: `acme:${ACME},globex:${GLOBEX}`,
        GARDENOS_ADMIN_KEYS: `acme:${ACME_ADMIN},globex:${GLOBEX_ADMIN}`,
        WEBHOOK_ALLOWED_TARGETS: "127.0.0.1",
        WEBHOOK_TIMEOUT_MS: "400",
        WEBHOOK_RETRY_BASE_MS: "100",
        WEBHOOK_RETRY_MAX_MS: "300",
        WEBHOOK_MAX_ATTEMPTS: "4",
      },
    });
  });
  afterAll(async () => {
    for (const r of receivers) await r.stop();
    await stack?.stop();
    await db?.drop();
  });

  it("refuses URLs that could reach inside the network, and non-admin keys", async () => {
    for (const url of ["https://10.1.2.3/hook", "https://169.254.169.254/latest/meta-data", "http://127.0.0.2:9/hook", "https://[::1]/hook", "https://192.168.0.10/", "ftp://127.0.0.1/x", "https://100.64.0.1/"]) {
      const r = await call(stack.url, ACME_ADMIN, "POST", "/ai/webhooks", { url, secret: SECRET });
      expect(r.status, url).toBe(400);
      expect(r.json.error.code, url).toBe("ERR_WEBHOOK_URL_REFUSED");
      expect(r.json.error.issues[0].path).toBe("url");
    }
    expect((await call(stack.url, ACME, "POST", "/ai/webhooks", { url: "https://hooks.example/x" })).status).toBe(403);
    const short = await call(stack.url, ACME_ADMIN, "POST", "/ai/webhooks", { url: "http://127.0.0.1:1/x", secret: "short" });
    expect(short.status).toBe(400);
    expect(short.json.error.issues[0].path).toBe("secret");
  });

  it("delivers every event once per acknowledgement, in order per task, signed, through 500s, hangs and closed connections", async () => {
    const faults: Mode[] = ["500", "hang", "close"];
    const order: string[] = [];
    const rx = new Receiver((id, attempt) => {
      if (!order.includes(id)) order.push(id);
      return attempt === 1 ? faults[order.indexOf(id) % 3]! : "ok";
    });
    receivers.push(rx);
    const url = await rx.start();
    const h = await call(stack.url, ACME_ADMIN, "POST", "/ai/webhooks", { url, events: ["task.started", "task.completed"], secret: SECRET });
    expect(h.status).toBe(201);
    expect(h.json).toMatchObject({ tenant: "acme", secret: SECRET });
    expect((await call(stack.url, GLOBEX_ADMIN, "GET", "/ai/webhooks")).json.items).toEqual([]);
    expect((await call(stack.url, ACME_ADMIN, "GET", "/ai/webhooks")).json.items[0].secret).toBeUndefined();

    const tasks: string[] = [];
    for (let i = 0; i < 6; i++) tasks.push((await call(stack.url, ACME, "POST", "/ai/analyze-lead", { lead: { ...sampleLead, id: `wh-${i}` } })).json.task_id);
    const other = (await call(stack.url, GLOBEX, "POST", "/ai/analyze-lead", { lead: sampleLead })).json.task_id;

    const log = await until("all deliveries succeeded", async () => {
      const r = await call(stack.url, ACME_ADMIN, "GET", `/ai/webhooks/${h.json.id}/deliveries?limit=500`);
      return r.json.items.length === 12 && r.json.items.every((d: { status: string }) => d.status === "succeeded") ? r.json.items : undefined;
    });
    // Every delivery failed once (500, hang or closed connection) and then succeeded.
    expect(new Set(log.map((d: { attempts: number }) => d.attempts))).toEqual(new Set([2]));
    const acked = rx.acked();
    expect(acked.map((a) => a.delivery).sort()).toEqual(log.map((d: { id: string }) => d.id).sort());
    expect(new Set(acked.map((a) => a.delivery)).size).toBe(acked.length);
    expect(rx.got.every((g) => g.signed)).toBe(true);
    expect(new Set(rx.got.filter((g) => g.answered !== "ok").map((g) => g.answered))).toEqual(new Set(faults));
    for (const t of tasks) {
      const mine = rx.got.filter((g) => g.taskId === t);
      // Per task: started before completed, even through the failures (the second waits for the first).
      expect(mine.filter((g) => g.answered === "ok").map((g) => g.event)).toEqual(["task.started", "task.completed"]);
      const firstCompleted = mine.findIndex((g) => g.event === "task.completed");
      const startedAck = mine.findIndex((g) => g.event === "task.started" && g.answered === "ok");
      expect(startedAck).toBeLessThan(firstCompleted);
    }
    expect(rx.got.some((g) => g.taskId === other)).toBe(false);

    // Erasing a lead removes its tasks' events from the delivery log too.
    expect((await call(stack.url, ACME_ADMIN, "DELETE", "/ai/leads/wh-0")).status).toBe(200);
    const after = await call(stack.url, ACME_ADMIN, "GET", `/ai/webhooks/${h.json.id}/deliveries?limit=500`);
    expect(after.json.items.some((d: { task_id: string }) => d.task_id === tasks[0])).toBe(false);
    expect(after.json.items).toHaveLength(10);
  });

  it("dead-letters a delivery after its last attempt and delivers it on replay", async () => {
    let down = true;
    const rx = new Receiver(() => (down ? "500" : "ok"));
    receivers.push(rx);
    const url = await rx.start();
    const h = (await call(stack.url, ACME_ADMIN, "POST", "/ai/webhooks", { url, events: ["task.completed"], secret: SECRET })).json;
    const task = (await call(stack.url, ACME, "POST", "/ai/analyze-lead?wait=10", { lead: { ...sampleLead, id: "wh-dead" } })).json.task_id;
    const dead = await until("delivery dead", async () => {
      const r = await call(stack.url, ACME_ADMIN, "GET", `/ai/webhooks/${h.id}/deliveries?status=dead`);
      return r.json.items.find((d: { task_id: string }) => d.task_id === task);
    });
    expect(dead).toMatchObject({ event: "task.completed", attempts: 4, last_status_code: 500, last_error: "HTTP 500", next_attempt_at: null });
    expect(rx.got.filter((g) => g.taskId === task)).toHaveLength(4);
    down = false;
    expect((await call(stack.url, GLOBEX_ADMIN, "POST", `/ai/webhooks/${h.id}/deliveries/${dead.id}/replay`)).status).toBe(404);
    const replay = await call(stack.url, ACME_ADMIN, "POST", `/ai/webhooks/${h.id}/deliveries/${dead.id}/replay`);
    expect(replay.status).toBe(202);
    expect(replay.json.replayed).toBe(1);
    await until("replayed delivery succeeded", async () => {
      const r = await call(stack.url, ACME_ADMIN, "GET", `/ai/webhooks/${h.id}/deliveries`);
      return r.json.items.find((d: { id: string; status: string }) => d.id === dead.id && d.status === "succeeded");
    });
    expect(rx.acked().map((a) => a.delivery)).toEqual([dead.id]);
    // The gateway's /metrics counts them.
    const metrics = await (await fetch(`${stack.url}/metrics`)).text();
    expect(Number(/^gardenos_webhook_deliveries_dead_total (\d+)/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(1);
    expect(Number(/^gardenos_webhook_attempts_failed_total (\d+)/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(16);
    expect((await call(stack.url, ACME_ADMIN, "DELETE", `/ai/webhooks/${h.id}`)).status).toBe(200);
    expect((await call(stack.url, ACME_ADMIN, "GET", `/ai/webhooks/${h.id}/deliveries`)).status).toBe(404);
  });
});
