import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pino } from "pino";
import { startGateway } from "@gardenos/gateway";
import { api } from "./helpers/control.js";
import { seededPgliteDir } from "./helpers/pglite-template.js";
import { sampleLead, startStack, type TestStack } from "./helpers/stack.js";

const ADMIN = "admin-7f3a9c2e5b8d4f1a";
const CLIENT = "client-1b2c3d4e5f6a7b8c";

async function withKey(url: string, method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const r = await fetch(`${url}${path}`, {
    method,
    headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: r.status, json: (await r.json().catch(() => undefined)) as any, headers: r.headers };
}

describe("admin and client keys", () => {
  let stack: TestStack;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "gardenos-auth-"));
    stack = await startStack({ env: { GARDENOS_ADMIN_KEYS: ADMIN, GARDENOS_API_KEYS: `${CLIENT},client-2-0000000000000000` } });
  });
  afterAll(async () => {
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const admin: [string, string, unknown?][] = [
    ["POST", "/ai/scale-agents", { agent_type: "follow_up", target_count: 2 }],
    ["POST", "/ai/restart", {}],
    ["GET", "/ai/debug/queues"],
    ["GET", "/ai/dead-letters"],
  ];

  it("refuses admin endpoints without a key, with a wrong key, and with a client key", async () => {
    for (const [method, path, body] of admin) {
      const none = await withKey(stack.url, method, path, {}, body);
      expect(none.status, `${method} ${path}`).toBe(401);
      expect(none.json.error.code).toBe("ERR_UNAUTHORIZED");
      expect(none.headers.get("www-authenticate")).toContain("Bearer");
      const wrong = await withKey(stack.url, method, path, { authorization: `Bearer ${ADMIN}x` }, body);
      expect(wrong.status).toBe(401);
      expect(wrong.json.error).toMatchObject({ code: "ERR_UNAUTHORIZED", message: "The key is not valid" });
      const client = await withKey(stack.url, method, path, { authorization: `Bearer ${CLIENT}` }, body);
      expect(client.status).toBe(403);
      expect(client.json.error.code).toBe("ERR_FORBIDDEN");
    }
  });

  it("lets an admin key through (Authorization: Bearer or x-api-key)", async () => {
    const scale = await withKey(stack.url, "POST", "/ai/scale-agents", { authorization: `Bearer ${ADMIN}` }, { agent_type: "follow_up", target_count: 2 });
    expect(scale.status).toBe(200);
    const debug = await withKey(stack.url, "GET", "/ai/debug/queues", { "x-api-key": ADMIN });
    expect(debug.status).toBe(200);
    expect(debug.json.consumers.length).toBeGreaterThan(0);
  });

  it("asks for a client (or admin) key on task and read endpoints, and none on probes, health and /metrics", async () => {
    const body = { lead: sampleLead };
    expect((await withKey(stack.url, "POST", "/ai/analyze-lead", {}, body)).status).toBe(401);
    expect((await withKey(stack.url, "POST", "/ai/analyze-lead", { authorization: "Bearer nope-nope-nope-nope" }, body)).status).toBe(401);
    expect((await withKey(stack.url, "POST", "/ai/analyze-lead", { authorization: `Bearer ${CLIENT}` }, body)).status).toBe(202);
    expect((await withKey(stack.url, "POST", "/ai/generate-follow-up", { "x-api-key": "client-2-0000000000000000" }, body)).status).toBe(202);
    expect((await withKey(stack.url, "POST", "/ai/analyze-lead", { authorization: `Bearer ${ADMIN}` }, body)).status).toBe(202);
    expect((await withKey(stack.url, "GET", "/ai/status", {})).status).toBe(401);
    expect((await withKey(stack.url, "GET", "/ai/agents", { authorization: `Bearer ${CLIENT}` })).status).toBe(200);
    for (const path of ["/livez", "/readyz", "/ai/health", "/metrics"]) {
      const r = await fetch(`${stack.url}${path}`);
      expect([200, 503], path).toContain(r.status);
    }
    // The OpenAPI docs say so.
    const spec = (await (await fetch(`${stack.url}/docs/json`)).json()) as any;
    expect(spec.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    expect(spec.paths["/ai/scale-agents"].post.security).toEqual([{ apiKey: [] }]);
    expect(spec.paths["/ai/scale-agents"].post.description).toContain("admin key");
    expect(spec.paths["/ai/analyze-lead"].post.security).toEqual([{ apiKey: [] }]);
    expect(spec.paths["/ai/health"].get.security).toBeUndefined();
  });

  it("reads keys from a file, never logs them, and refuses an open gateway beyond loopback", async () => {
    const file = join(dir, "admin-keys");
    writeFileSync(file, "file-admin-key-aaaaaaaaaaaa\n");
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    const gw = await startGateway({ ...stack.env, GARDENOS_ADMIN_KEYS: "", GARDENOS_API_KEYS: "", GARDENOS_ADMIN_KEYS_FILE: file, PORT: "0", PGLITE_DIR: seededPgliteDir(join(dir, "pglite")) }, pino({ level: "debug" }, sink));
    try {
      expect((await withKey(gw.url, "GET", "/ai/debug/queues", { authorization: "Bearer file-admin-key-aaaaaaaaaaaa" })).status).toBe(200);
      expect((await withKey(gw.url, "GET", "/ai/debug/queues", { authorization: "Bearer file-admin-key-aaaaaaaaaaab" })).status).toBe(401);
      // Admin keys only: task endpoints stay open.
      expect((await api(gw.url, "POST", "/ai/analyze-lead", { lead: sampleLead })).status).toBe(202);
    } finally {
      await gw.stop();
    }
    const log = lines.join("");
    expect(log).toContain('"auth":"on"');
    expect(log).not.toContain("file-admin-key");
    await expect(startGateway({ ...stack.env, GARDENOS_ADMIN_KEYS: "", GARDENOS_API_KEYS: "", HOST: "0.0.0.0", PORT: "0", PGLITE_DIR: join(dir, "pglite2") })).rejects.toThrow(/GARDENOS_ADMIN_KEYS/);
    await expect(startGateway({ ...stack.env, GARDENOS_ADMIN_KEYS: "short", PORT: "0", PGLITE_DIR: join(dir, "pglite3") })).rejects.toThrow(/at least 16 characters/);
    // Admin keys alone would leave the task and read endpoints open on the network.
    await expect(startGateway({ ...stack.env, GARDENOS_ADMIN_KEYS: "admin-only-key-0123456789", GARDENOS_API_KEYS: "", HOST: "0.0.0.0", PORT: "0", PGLITE_DIR: join(dir, "pglite4") })).rejects.toThrow(/GARDENOS_API_KEYS/);
  });
});
