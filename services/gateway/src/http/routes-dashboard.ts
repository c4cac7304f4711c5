import { existsSync, readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";

/**
 * The dashboard's files, bundled at build time into dist/dashboard (dashboard/build.mjs): beside
 * this module when it runs from the service's bundle (`dist/main.bundle.mjs`: `./dashboard/`),
 * one folder up from `dist/http/routes-dashboard.js` (`../dashboard/`). Not the bundle's
 * `../dashboard/`: that is the dashboard's sources (services/gateway/dashboard, not in the image).
 */
function load(): Record<string, { body: Buffer; type: string }> | undefined {
  const dir = [new URL("./dashboard/", import.meta.url), new URL("../dashboard/", import.meta.url)].find((d) => existsSync(new URL("app.js", d)));
  if (!dir) return undefined;
  try {
    return {
      "index.html": { body: readFileSync(new URL("index.html", dir)), type: "text/html; charset=utf-8" },
      "app.js": { body: readFileSync(new URL("app.js", dir)), type: "text/javascript; charset=utf-8" },
      "app.css": { body: readFileSync(new URL("app.css", dir)), type: "text/css; charset=utf-8" },
    };
  } catch {
    return undefined;
  }
}

/**
 * GET /dashboard: the page (public: it holds no data; everything it shows comes from the API with
 * the session it signs in to). Strict headers: only this origin's scripts, styles and connections.
 */
export function dashboardRoutes() {
  return async (app: FastifyInstance) => {
    const files = load();
    const csp = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    const send = (name: string) => async (_req: unknown, reply: import("fastify").FastifyReply) => {
      const f = files?.[name];
      if (!f) return reply.code(404).send({ error: { code: "ERR_NOT_FOUND", message: "The dashboard was not built (npm run build)" } });
      return reply
        .header("content-type", f.type)
        .header("content-security-policy", csp)
        .header("x-content-type-options", "nosniff")
        .header("referrer-policy", "no-referrer")
        .header("cache-control", name === "index.html" ? "no-cache" : "public, max-age=300")
        .send(f.body);
    };
    const hide = { schema: { hide: true } };
    app.get("/dashboard", hide, send("index.html"));
    app.get("/dashboard/", hide, send("index.html"));
    app.get("/dashboard/app.js", hide, send("app.js"));
    app.get("/dashboard/app.css", hide, send("app.css"));
  };
}
