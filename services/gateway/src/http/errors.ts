import { ErrorCodes, issuesMessage, toIssues, type ErrorCode, type Issue } from "@gardenos/contracts";
import type { FastifyError, FastifyInstance, FastifySchemaCompiler } from "fastify";
import { z } from "zod";

/** An HTTP error from the catalogue: stable code, status, message, optional field issues. */
export class HttpError extends Error {
  override name = "HttpError";
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly extra: { issues?: Issue[]; retryAfterSeconds?: number } = {},
  ) {
    super(message ?? ErrorCodes[code].message);
    this.statusCode = ErrorCodes[code].status;
  }
}
export const isHttpError = (e: unknown): e is HttpError => e instanceof HttpError;

/** A request that failed its schema; the issues name each field. */
class RequestValidationError extends Error {
  override name = "RequestValidationError";
  constructor(readonly issues: Issue[]) {
    super(issuesMessage(issues));
  }
}

/** zod validation for routes, producing errors that name the field (`lead.contact.email`). */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const r = schema.safeParse(data);
    if (r.success) return { value: r.data };
    const prefix = httpPart === "body" ? "" : httpPart === "querystring" ? "query" : (httpPart ?? "");
    return { error: new RequestValidationError(toIssues(r.error, prefix)) };
  };

export interface ErrorBody {
  error: { code: ErrorCode; message: string; issues?: Issue[] };
}

function body(code: ErrorCode, message: string, issues?: Issue[]): ErrorBody {
  return { error: { code, message, ...(issues ? { issues } : {}) } };
}

/** One error handler for the whole API: every error leaves as `{ error: { code, message } }`. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).send(body("ERR_NOT_FOUND", `No route ${req.method} ${req.url.split("?")[0]}`));
  });
  app.setErrorHandler((err: FastifyError | HttpError | RequestValidationError, req, reply) => {
    if (err instanceof RequestValidationError) {
      const code: ErrorCode = err.issues.some((i) => i.path === "lead" || i.path.startsWith("lead.")) ? "ERR_LEAD_INVALID" : "ERR_VALIDATION";
      return reply.code(400).send(body(code, `${ErrorCodes[code].message}: ${err.message}`, err.issues));
    }
    if (isHttpError(err)) {
      if (err.extra.retryAfterSeconds) void reply.header("retry-after", String(err.extra.retryAfterSeconds));
      return reply.code(err.statusCode).send(body(err.code, err.message, err.extra.issues));
    }
    switch ((err as FastifyError).code) {
      case "FST_ERR_CTP_BODY_TOO_LARGE":
        return reply.code(413).send(body("ERR_BODY_TOO_LARGE", `${ErrorCodes.ERR_BODY_TOO_LARGE.message} (limit ${req.routeOptions.bodyLimit ?? "?"} bytes)`));
      case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
        return reply.code(415).send(body("ERR_UNSUPPORTED_MEDIA_TYPE", ErrorCodes.ERR_UNSUPPORTED_MEDIA_TYPE.message));
      default:
        break;
    }
    const status = (err as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) {
      return reply.code(status).send(body("ERR_VALIDATION", err.message));
    }
    req.log.error({ err }, "request failed");
    return reply.code(500).send(body("ERR_INTERNAL", ErrorCodes.ERR_INTERNAL.message));
  });
}

/** Every error answer, for the OpenAPI document: `{ error: { code, message, issues? } }`. */
export const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
