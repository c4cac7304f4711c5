import type { FastifyDynamicSwaggerOptions } from "@fastify/swagger";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions, type RouteOptions } from "fastify";

/** Response headers the app sets itself for what it sends (the rest are copied). */
const HOP_HEADERS = new Set(["content-length", "transfer-encoding", "connection", "keep-alive", "date"]);

/**
 * The OpenAPI document (`/docs/json`, `/docs/yaml`) and the Swagger UI (`/docs`, its static files)
 * by @fastify/swagger and @fastify/swagger-ui, loaded at the first request under `/docs` instead
 * of at start: with yaml, @fastify/static, send and glob they are ≈ 150 CommonJS modules that a
 * gateway nobody reads the docs of held for its life (≈ 5 MB of RSS idle; bench/README.md, Memory).
 *
 * Call it before the routes are added, where @fastify/swagger would be registered: it keeps every
 * route's options as @fastify/swagger's own onRoute hook does (the same objects, so changes later
 * hooks make to them — the key scheme of auth.ts — are seen). At the first request a separate
 * Fastify instance is built with both plugins, those routes added to it as they are (method, URL,
 * schema, config; their handlers are never called there) and the request answered by it through
 * `inject`: the same document, byte for byte, and the same files and headers. What it does not
 * find is this app's 404, as before.
 */
export function lazyDocs(app: FastifyInstance, swaggerOptions: FastifyDynamicSwaggerOptions, routePrefix = "/docs"): void {
  const routes: RouteOptions[] = [];
  let docs: Promise<FastifyInstance> | undefined;

  const build = async (): Promise<FastifyInstance> => {
    const [{ default: swagger }, { default: swaggerUi }] = await Promise.all([import("@fastify/swagger"), import("@fastify/swagger-ui")]);
    // Nothing is validated or serialized here: no-op compilers for the routes' schemas.
    const options: FastifyServerOptions = { schemaController: { compilersFactory: { buildValidator: () => (() => () => true) as never, buildSerializer: () => (() => (data: unknown) => JSON.stringify(data)) as never } } };
    const d: FastifyInstance = Fastify(options);
    await d.register(swagger, swaggerOptions);
    await d.register(swaggerUi, { routePrefix });
    const unused = async () => undefined;
    for (const r of routes) {
      // HEAD routes are Fastify's own for each GET (made again here); @fastify/swagger leaves them out.
      if (r.method === "HEAD") continue;
      d.route({ method: r.method, url: r.url, schema: r.schema, config: r.config, ...(r.constraints ? { constraints: r.constraints } : {}), handler: unused });
    }
    await d.ready();
    return d;
  };

  const forward = async (req: FastifyRequest, reply: FastifyReply) => {
    docs ??= build().catch((e: unknown) => {
      docs = undefined;
      throw e;
    });
    const d = await docs;
    // A GET: this app's HEAD route for it sends the headers without the body, as before.
    const res = await d.inject({ method: "GET", url: req.url, headers: req.headers });
    if (res.statusCode === 404) return reply.callNotFound();
    if (res.statusCode >= 500) throw new Error(`${routePrefix}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    void reply.code(res.statusCode);
    for (const [name, value] of Object.entries(res.headers)) if (value !== undefined && !HOP_HEADERS.has(name)) void reply.header(name, value);
    return reply.send(res.rawPayload.length > 0 ? res.rawPayload : undefined);
  };

  app.addHook("onRoute", (route) => {
    if (route.handler !== forward) routes.push(route);
  });
  app.addHook("onClose", async () => {
    if (docs) await (await docs.catch(() => undefined))?.close();
  });
  app.get(routePrefix, { schema: { hide: true } }, forward);
  app.get(`${routePrefix}/*`, { schema: { hide: true } }, forward);
}
