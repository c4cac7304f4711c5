import { SessionView } from "@gardenos/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { AuthLevels } from "./auth.js";
import { ErrorResponse, HttpError } from "./errors.js";
import { SessionTokens } from "./session.js";

/**
 * Browser sessions: POST /ai/session exchanges the key in the Authorization header for the signed
 * session cookie (or renews it), GET /ai/session reads it, DELETE /ai/session clears it (session.ts).
 */
export function sessionRoutes(deps: { sessions: SessionTokens | undefined }) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.post(
      "/ai/session",
      {
        config: { auth: AuthLevels.client },
        schema: {
          summary: "Exchange the key in the Authorization header for a short-lived session cookie (browsers: EventSource, WebSocket, the dashboard); with the cookie, renews it",
          description: "Sets `gardenos_session` (HttpOnly, SameSite=Strict). Requests other than GET made with the cookie must send the returned csrf_token as X-GardenOS-CSRF. Never put a key in a URL.",
          response: { 200: SessionView, 401: ErrorResponse },
        },
      },
      async (req, reply) => {
        if (!deps.sessions) throw new HttpError("ERR_NOT_FOUND", "Sessions are not enabled on this gateway");
        const p = req.principal ?? { role: "anonymous" as const, tenant: undefined, keyId: undefined };
        const s = deps.sessions.issue(p);
        void reply.header("set-cookie", deps.sessions.cookie(s.token, req.protocol === "https"));
        void reply.header("cache-control", "no-store");
        return { role: p.role, tenant: p.tenant ?? null, expires_at: s.expiresAt.toISOString(), csrf_token: s.csrf };
      },
    );

    app.get(
      "/ai/session",
      { config: { auth: AuthLevels.public }, schema: { summary: "The browser session the cookie carries, if any (200 either way: signed_in false without one)" } },
      async (req, reply) => {
        void reply.header("cache-control", "no-store");
        const token = SessionTokens.tokenOf(req);
        const p = req.principal;
        if (!deps.sessions || !token || p?.via !== "session") return { signed_in: false };
        const s = deps.sessions.verify(token);
        if (!s) return { signed_in: false };
        return { signed_in: true, role: s.role, tenant: s.tenant ?? null, expires_at: s.expiresAt.toISOString(), csrf_token: deps.sessions.csrfOf(token) };
      },
    );

    app.delete(
      "/ai/session",
      { config: { auth: AuthLevels.public }, schema: { summary: "Sign out: clears the session cookie" } },
      async (req, reply) => {
        if (deps.sessions) void reply.header("set-cookie", deps.sessions.cookie(undefined, req.protocol === "https"));
        return { signed_out: true, had_session: SessionTokens.tokenOf(req) !== undefined };
      },
    );
  };
}
