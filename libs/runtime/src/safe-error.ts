/*
 * Errors as logs may show them. A database driver's error carries the statement and its
 * parameters (drizzle's `DrizzleQueryError` puts both into its message and stack; pg errors add
 * `detail`, `where`, …): for the recorder and the intake those are the JSON of up to 500 leads.
 * Such an error is reduced to its code and a short message, never its query or parameters.
 */

/** Longest message kept from a database error. */
const MAX_DB_MESSAGE = 200;

/** Fields a driver may attach that hold statements or values. */
const DB_FIELDS = ["query", "params", "parameters", "detail", "where", "internalQuery"] as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null;

/** True when the value (or an error in its cause chain) carries a statement or its parameters. */
export function isDatabaseError(e: unknown): boolean {
  for (let x: unknown = e, depth = 0; isObj(x) && depth < 5; x = x.cause, depth++) {
    if ("query" in x || "params" in x || "parameters" in x) return true;
    if (typeof x.severity === "string" && typeof x.code === "string" && "routine" in x) return true; // a pg DatabaseError
  }
  return false;
}

/** The innermost useful error of a query error: the driver's or the socket's, not the wrapper. */
function rootOf(e: Obj): Obj {
  let x: Obj = e;
  for (let depth = 0; depth < 5 && ("query" in x || "params" in x) && isObj(x.cause); depth++) x = x.cause;
  return x;
}

const short = (s: string) => (s.length > MAX_DB_MESSAGE ? `${s.slice(0, MAX_DB_MESSAGE)}…` : s);

/** `{ type, code, message }` of a database error: no statement, no parameters, no stack. */
export function summarizeDatabaseError(e: unknown): { type: string; code?: string; message: string } {
  if (!isObj(e)) return { type: "Error", message: short(String(e)) };
  const root = rootOf(e);
  const code = typeof root.code === "string" ? root.code : typeof e.code === "string" ? e.code : undefined;
  let message = typeof root.message === "string" && !("query" in root || "params" in root) ? root.message : "database query failed";
  // AggregateError (connection refused on every address) has an empty message; its code says it.
  if (!message && Array.isArray(root.errors)) message = root.errors.map((x) => (isObj(x) && typeof x.message === "string" ? x.message : "")).filter(Boolean).join("; ");
  return {
    type: typeof root.name === "string" ? root.name : typeof root.constructor === "function" ? root.constructor.name : "Error",
    ...(code ? { code } : {}),
    message: short(message || code || "database error"),
  };
}

/**
 * pino's `err` serializer, made safe: a database error becomes `{ type, code, message }`; any other
 * error keeps type, message, stack and its own fields except the ones a driver may fill.
 */
export function serializeError(e: unknown): unknown {
  if (!(e instanceof Error) && !isObj(e)) return e;
  if (isDatabaseError(e)) return summarizeDatabaseError(e);
  const err = e as Obj & Error;
  const out: Obj = { type: err.name ?? err.constructor?.name ?? "Error", message: err.message };
  if (typeof err.stack === "string") out.stack = err.stack;
  for (const [k, v] of Object.entries(err)) {
    if (k in out || (DB_FIELDS as readonly string[]).includes(k)) continue;
    out[k] = k === "cause" ? serializeError(v) : v;
  }
  if (err.cause !== undefined && !("cause" in out)) out.cause = serializeError(err.cause);
  return out;
}
