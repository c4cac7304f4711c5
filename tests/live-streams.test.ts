import { request } from "node:http";
import { connect } from "@nats-io/transport-node";
import { jetstream } from "@nats-io/jetstream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createTestDatabase } from "./helpers/postgres.js";
import { SseClient } from "./helpers/sse.js";
import { sampleLead, startStack, type TestStack } from "./helpers/stack.js";

/**
 * Live streams on a real stack (nats-server, Postgres, the built-in agents): per-task SSE, the
 * filtered tenant stream, resuming with Last-Event-ID from the RESULTS sequence, a slow client cut
 * off with a final message, the WebSocket, and browser sessions (cookie + CSRF, never a key in a URL).
 */
const ACME = "acme-client-key-0123456789";
const GLOBEX = "globex-client-key-0123456789";
const ADMIN = "global-admin-key-0123456789";
const PLAIN = "default-tenant-key-0123456789";
const auth = (key: string) => ({ authorization: `Bearer ${key}` });

async function submit(url: string, key: string, leadId: string, path = "/ai/analyze-lead"): Promise<string> {
  const r = await fetch(`${url}${path}`, { method: "POST", headers: { ...auth(key), "content-type": "application/json" }, body: JSON.stringify({ lead: { ...sampleLead, id: leadId } }) });
  expect(r.status).toBe(202);
  return ((await r.json()) as { task_id: string }).task_id;
}

describe("live streams", () => {
  let stack: TestStack;
  let db: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    stack = await startStack({
      databaseUrl: db.url,
      env: { GARDENOS_API_KEYS: `acme:${ACME},globex:${GLOBEX},${PLAIN}`, GARDENOS_ADMIN_KEYS: ADMIN, STREAM_MAX_BUFFER_BYTES: "65536", STREAM_STATUS_INTERVAL_MS: "300" },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await db?.drop();
  });

  it("streams one task from its state to its result, then ends; a finished task answers at once", async () => {
    const id = await submit(stack.url, ACME, "sse-one");
    const s = new SseClient(`${stack.url}/ai/tasks/${id}/events`, auth(ACME));
    await s.done;
    const names = s.events.map((e) => e.event);
    expect(names[0]).toBe("task.state");
    expect(names.at(-1)).toMatch(/^task\.(completed|state)$/);
    expect(s.events.at(-1)!.data).toMatchObject({ task_id: id, status: "completed" });
    // Finished as the store of record says (the stream may hear the result event a moment before
    // the recorder's row is written): from then on the stream answers at once.
    for (let i = 0; i < 200; i++) {
      const r = await fetch(`${stack.url}/ai/tasks/${id}`, { headers: auth(ACME) });
      if (((await r.json()) as { status?: string }).status === "completed") break;
      await new Promise((res) => setTimeout(res, 25));
    }
    const again = new SseClient(`${stack.url}/ai/tasks/${id}/events`, auth(ACME));
    await again.done;
    expect(again.events.map((e) => [e.event, e.data.status])).toEqual([["task.state", "completed"]]);
    const other = new SseClient(`${stack.url}/ai/tasks/${id}/events`, auth(GLOBEX));
    await other.done;
    expect(other.status).toBe(404);
  });

  it("sends a tenant only its own tasks' events, filtered by lead; resumes with Last-Event-ID", async () => {
    const lead = new SseClient(`${stack.url}/ai/stream?lead_id=crm-77&status=completed`, auth(ACME));
    const all = new SseClient(`${stack.url}/ai/stream`, auth(ACME));
    await new Promise((r) => setTimeout(r, 300));
    const globexTask = await submit(stack.url, GLOBEX, "crm-77");
    const acmeOther = await submit(stack.url, ACME, "crm-78");
    const acmeTask = await submit(stack.url, ACME, "crm-77");
    await lead.until((ev) => ev.some((e) => e.data.task_id === acmeTask));
    await all.until((ev) => ev.some((e) => e.data.task_id === acmeOther && e.event === "task.completed") && ev.some((e) => e.data.task_id === acmeTask && e.event === "task.completed"));
    expect(lead.events.map((e) => [e.event, e.data.task_id, e.data.lead_id])).toEqual([["task.completed", acmeTask, "crm-77"]]);
    expect(all.events.some((e) => e.data.task_id === globexTask)).toBe(false);
    expect(all.events.map((e) => e.event)).toContain("task.started");
    const ids = all.events.map((e) => Number(e.id));
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    lead.close();
    all.close();

    // Disconnected: three more tasks run; on reconnect the missed events come first, in order, once.
    const lastId = all.events.at(-1)!.id!;
    const missed = [await submit(stack.url, ACME, "crm-90"), await submit(stack.url, ACME, "crm-91"), await submit(stack.url, ACME, "crm-92")];
    for (const id of missed) await (await fetch(`${stack.url}/ai/tasks/${id}/events`, { headers: auth(ACME) })).text();
    const resumed = new SseClient(`${stack.url}/ai/stream?status=completed`, { ...auth(ACME), "last-event-id": lastId });
    await resumed.until((ev) => missed.every((id) => ev.some((e) => e.data.task_id === id)));
    const completed = resumed.events.filter((e) => e.event === "task.completed").map((e) => e.data.task_id);
    expect(completed.slice(0, 3)).toEqual(missed);
    expect(new Set(completed).size).toBe(completed.length);
    expect(resumed.events.every((e) => Number(e.id) > Number(lastId))).toBe(true);
    resumed.close();
  });

  it("cuts a client that stops reading off with a final ERR_SLOW_CONSUMER message; readers that keep up get everything", async () => {
    const reader = new SseClient(`${stack.url}/ai/stream?type=flood`, auth(ADMIN));
    // A client that reads nothing for now.
    const slow = await new Promise<import("node:http").IncomingMessage>((resolve) => {
      request(`${stack.url}/ai/stream`, { headers: auth(ADMIN) }, (res) => {
        res.pause();
        resolve(res);
      }).end();
    });
    await new Promise((r) => setTimeout(r, 300));
    // A flood of large events on RESULTS (task.cancelled is not recorded, so the database is not involved).
    const nc = await connect({ servers: stack.nats.url });
    const js = jetstream(nc);
    const pad = "x".repeat(4000);
    const N = 1500;
    // In batches of 10 (40 KB), as a busy cluster would: a client that reads keeps up, one that does not falls behind.
    // The next batch goes once the reader has the last one: on a loaded machine the reader (this
    // process) keeps up by construction, while the client that reads nothing still gets all 6 MB.
    const cancelled = (ev: { event: string }[]) => ev.filter((e) => e.event === "task.cancelled").length;
    for (let i = 0; i < N; i += 10) {
      await Promise.all(Array.from({ length: 10 }, (_, k) => js.publish("task.cancelled", JSON.stringify({ task_id: `flood-${i + k}`, type: "flood", cancelled_at: new Date().toISOString(), pad }))));
      await reader.until((ev) => cancelled(ev) >= i + 10, 20_000);
    }
    await nc.close();
    await reader.until((ev) => cancelled(ev) === N, 20_000);
    // Now the slow client reads: whatever was buffered, then the final message, then the end.
    slow.resume();
    let text = "";
    slow.setEncoding("utf8");
    for await (const chunk of slow) text += chunk;
    const frames = text.trim().split("\n\n");
    const last = frames.at(-1)!;
    expect(last).toContain("event: error");
    expect(last).toContain("ERR_SLOW_CONSUMER");
    const got = frames.filter((f) => f.includes("event: task.cancelled")).length;
    expect(got).toBeGreaterThan(0);
    expect(got).toBeLessThan(N);
    reader.close();
  });

  it("serves the same events over a WebSocket, and lets a browser in with a session cookie only", async () => {
    const ws = new WebSocket(`${stack.url.replace("http", "ws")}/ai/ws?lead_id=ws-1`, { headers: auth(ACME) });
    const got: any[] = [];
    ws.on("message", (d) => got.push(JSON.parse(String(d))));
    await new Promise((r, j) => ws.once("open", r).once("error", j));
    const id = await submit(stack.url, ACME, "ws-1");
    const deadline = Date.now() + 10_000;
    while (!got.some((m) => m.event === "task.completed") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(got.map((m) => m.event)).toEqual(["task.started", "task.completed"]);
    expect(got[1]).toMatchObject({ task_id: id, lead_id: "ws-1", status: "completed" });
    ws.close();
    // Disconnected, another task of the lead runs; reconnecting with ?last_event_id= brings its events.
    const missed = await submit(stack.url, ACME, "ws-1");
    await (await fetch(`${stack.url}/ai/tasks/${missed}/events`, { headers: auth(ACME) })).text();
    const again = new WebSocket(`${stack.url.replace("http", "ws")}/ai/ws?lead_id=ws-1&last_event_id=${got[1].seq}`, { headers: auth(ACME) });
    const resumed: any[] = [];
    again.on("message", (d) => resumed.push(JSON.parse(String(d))));
    const until2 = Date.now() + 10_000;
    while (!resumed.some((m) => m.event === "task.completed") && Date.now() < until2) await new Promise((r) => setTimeout(r, 50));
    expect(resumed.map((m) => [m.event, m.task_id])).toEqual([["task.started", missed], ["task.completed", missed]]);
    again.close();

    // The key once in a header → a cookie; the key never appears in a URL.
    const s = await fetch(`${stack.url}/ai/session`, { method: "POST", headers: auth(ACME) });
    expect(s.status).toBe(200);
    const session = (await s.json()) as { role: string; tenant: string; csrf_token: string };
    expect(session).toMatchObject({ role: "client", tenant: "acme" });
    const setCookie = s.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(";")[0]!;
    expect((await fetch(`${stack.url}/ai/tasks?limit=1`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${stack.url}/ai/tasks?limit=1`)).status).toBe(401);
    expect((await fetch(`${stack.url}/ai/tasks?limit=1`, { headers: { cookie: `${cookie.slice(0, -3)}abc` } })).status).toBe(401);
    // A change made with the cookie needs the CSRF token.
    const body = JSON.stringify({ lead: { ...sampleLead, id: "cookie-1" } });
    const noCsrf = await fetch(`${stack.url}/ai/analyze-lead`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body });
    expect(noCsrf.status).toBe(403);
    expect(((await noCsrf.json()) as any).error.code).toBe("ERR_CSRF");
    const withCsrf = await fetch(`${stack.url}/ai/analyze-lead`, { method: "POST", headers: { cookie, "content-type": "application/json", "x-gardenos-csrf": session.csrf_token }, body });
    expect(withCsrf.status).toBe(202);
    // The cookie works for EventSource-style streams; a WebSocket from another site's page is refused.
    const viaCookie = new SseClient(`${stack.url}/ai/tasks/${id}/events`, { cookie });
    await viaCookie.done;
    expect(viaCookie.events[0]!.data.status).toBe("completed");
    const foreign = new WebSocket(`${stack.url.replace("http", "ws")}/ai/ws`, { headers: { cookie, origin: "https://evil.example" } });
    const code = await new Promise<number>((r) => foreign.once("close", (c) => r(c)));
    expect(code).toBe(1008);
  });

  it("routes a task published straight to NATS by its row: the default tenant sees it, another tenant does not", async () => {
    const acme = new SseClient(`${stack.url}/ai/stream?status=completed`, auth(ACME));
    const plain = new SseClient(`${stack.url}/ai/stream?status=completed`, auth(PLAIN));
    await new Promise((r) => setTimeout(r, 300));
    const nc = await connect({ servers: stack.nats.url });
    const taskId = `nats-direct-${Date.now()}`;
    await jetstream(nc).publish("lead.analyze", JSON.stringify({ task_id: taskId, lead: { ...sampleLead, id: "nats-lead" } }), { msgID: taskId });
    await nc.close();
    await plain.until((ev) => ev.some((e) => e.data.task_id === taskId));
    // The acme stream saw the events after it and not this one.
    const later = await submit(stack.url, ACME, "after-nats");
    await acme.until((ev) => ev.some((e) => e.data.task_id === later));
    expect(acme.events.some((e) => e.data.task_id === taskId)).toBe(false);
    acme.close();
    plain.close();
  });

  it("adds the cluster status every few seconds when asked (include=status)", async () => {
    const s = new SseClient(`${stack.url}/ai/stream?include=status`, auth(ADMIN));
    await s.until((ev) => ev.some((e) => e.event === "status"));
    const status = s.events.find((e) => e.event === "status")!.data;
    expect(status.orchestrator_status).toBeDefined();
    expect(status.agents.length).toBeGreaterThan(0);
    s.close();
  });
});
