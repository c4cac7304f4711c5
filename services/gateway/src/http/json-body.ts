import type { FastifyInstance } from "fastify";
import { parse } from "secure-json-parse";
import { HttpError } from "./errors.js";

/**
 * The JSON body parser: fastify's own (secure-json-parse, refusing `__proto__` and
 * `constructor.prototype` keys), but its errors say what is wrong — where the syntax breaks, or
 * that a forbidden key was sent — where fastify's say only "Body is not valid JSON".
 */
export function installJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_req, body, done) => {
    const text = body as string;
    if (text.length === 0) return done(new HttpError("ERR_MALFORMED_JSON", "The body is empty; send a JSON object"), undefined);
    try {
      done(null, parse(text, { protoAction: "error", constructorAction: "error" }));
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (/forbidden prototype property/.test(message)) {
        return done(new HttpError("ERR_MALFORMED_JSON", "The body is not accepted: a key named __proto__, or constructor holding prototype, is refused anywhere in it", { issues: [{ path: "__proto__", message: "forbidden key" }] }), undefined);
      }
      done(new HttpError("ERR_MALFORMED_JSON", `The body is not valid JSON: ${message}`), undefined);
    }
  });
}
