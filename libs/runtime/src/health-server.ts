import type { Server } from "node:http";

/**
 * `node:http` through getBuiltinModule, not `import`: Node builds an ES module's namespace from
 * every export of `http`, and reading its `WebSocket`/`MessageEvent`/`CloseEvent` loads undici
 * (Node's fetch and WebSocket): ≈ 13 MB of RSS in every service for a module none of them uses
 * (bench/README.md, Memory). `require("node:http")` and this load `http` alone.
 */
const { createServer } = process.getBuiltinModule("node:http");

export interface HealthServerOptions {
  port: number;
  host?: string;
  /** Readiness checks; every one must be true for /readyz to answer 200. */
  ready: () => Promise<Record<string, boolean>>;
  /** Extra GET routes (e.g. "/metrics" → Prometheus text). */
  routes?: Record<string, () => Promise<{ contentType: string; body: string }>>;
}

/**
 * A small HTTP server for services without an API of their own (agents, metrics):
 * `/livez` (the process answers), `/readyz` (its checks pass, else 503 naming the failing ones).
 */
export async function startHealthServer(o: HealthServerOptions): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const send = (status: number, body: unknown, type = "application/json") => {
      res.writeHead(status, { "content-type": type });
      res.end(typeof body === "string" ? body : JSON.stringify(body));
    };
    if (req.method !== "GET") return send(405, { error: { code: "ERR_METHOD", message: "GET only" } });
    if (path === "/livez") return send(200, { status: "ok" });
    if (path === "/readyz") {
      o.ready().then(
        (checks) => {
          const failing = Object.entries(checks).filter(([, ok]) => !ok).map(([k]) => k);
          send(failing.length ? 503 : 200, { status: failing.length ? "not ready" : "ready", checks, ...(failing.length ? { failing } : {}) });
        },
        (e: unknown) => send(503, { status: "not ready", error: e instanceof Error ? e.message : String(e) }),
      );
      return;
    }
    const route = o.routes?.[path];
    if (route) {
      route().then(
        (r) => send(200, r.body, r.contentType),
        (e: unknown) => send(500, { error: { code: "ERR_INTERNAL", message: e instanceof Error ? e.message : String(e) } }),
      );
      return;
    }
    send(404, { error: { code: "ERR_NOT_FOUND", message: `No route GET ${path}` } });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port, o.host ?? "0.0.0.0", () => resolve());
  });
  const addr = server.address();
  return {
    server,
    port: typeof addr === "object" && addr ? addr.port : o.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
