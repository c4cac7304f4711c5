import { AgentTypesResponse, agentTypeView, agentTypes, type AgentTypeView, type TaskView } from "@gardenos/contracts";
import { deployedAgentTypes, loadAgentTypePlugins } from "@gardenos/runtime";

/**
 * A small client for the gateway's HTTP API, as the CLI uses it. The shapes it reads (tasks,
 * dead letters, agent types) come from @gardenos/contracts; the agent types themselves come from
 * the gateway (GET /ai/types), so a plugin type needs no change here.
 */

export type { TaskView };

export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

/**
 * One JSON request to the gateway. Errors leave as ApiError (status 0 when unreachable, with the
 * catalogue's code and field issues otherwise); with `accept503` a 503 body is returned instead.
 */
export async function call<T>(o: { url: string; key?: string }, method: string, path: string, body?: unknown, accept503 = false): Promise<{ status: number; body: T }> {
  let r: Response;
  try {
    r = await fetch(`${o.url.replace(/\/+$/, "")}${path}`, {
      method,
      headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...(o.key ? { authorization: `Bearer ${o.key}` } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (e) {
    const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : e instanceof Error ? e.message : String(e);
    throw new ApiError(0, "ERR_UNREACHABLE", `cannot reach the gateway at ${o.url}: ${cause}`);
  }
  const text = await r.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!r.ok && !(accept503 && r.status === 503)) {
    const err = (json as { error?: { code?: string; message?: string; issues?: { path: string; message: string }[] } } | undefined)?.error;
    throw new ApiError(r.status, err?.code ?? `HTTP_${r.status}`, err?.message ?? (text || r.statusText), err?.issues);
  }
  return { status: r.status, body: json as T };
}

/** The agent types as the CLI knows them: from the gateway, or (when it cannot tell) built in. */
export interface KnownTypes {
  types: AgentTypeView[];
  source: "gateway" | "built-in";
  /** Why the built-in list is used (gateway unreachable, or one without GET /ai/types). */
  note?: string;
  /** The gateway's error that led to the built-in list. */
  cause?: ApiError;
}

/**
 * The agent types this machine knows without a gateway: the built-in registry plus the plugin
 * modules of `AGENT_TYPE_PLUGINS`; `AGENT_TYPES` says which are deployed (default all).
 */
export async function localAgentTypes(env: NodeJS.ProcessEnv = process.env): Promise<AgentTypeView[]> {
  await loadAgentTypePlugins(env.AGENT_TYPE_PLUGINS);
  const deployed = deployedAgentTypes(env.AGENT_TYPES);
  return agentTypes.list().map((d) => agentTypeView(d, deployed));
}

/**
 * The agent types from the gateway (GET /ai/types). When the gateway cannot be reached or has no
 * such route (404, an older gateway), the built-in registry stands in, with a note saying so.
 */
export async function fetchAgentTypes(o: { url: string; key?: string }): Promise<KnownTypes> {
  let body: unknown;
  try {
    body = (await call<unknown>(o, "GET", "/ai/types")).body;
  } catch (e) {
    if (!(e instanceof ApiError) || (e.status !== 0 && e.status !== 404)) throw e;
    const why = e.status === 0 ? `cannot reach the gateway at ${o.url}` : `the gateway at ${o.url} has no GET /ai/types (an older version)`;
    return { types: await localAgentTypes(), source: "built-in", note: `${why}: showing the agent types built into this CLI (plus AGENT_TYPE_PLUGINS)`, cause: e };
  }
  const parsed = AgentTypesResponse.safeParse(body);
  if (!parsed.success) throw new ApiError(502, "ERR_BAD_ANSWER", `the gateway at ${o.url} answered GET /ai/types with something that is not a list of agent types`);
  return { types: parsed.data.types, source: "gateway" };
}

/** The type named `v` (its type id, e.g. `lead_analysis`, or its service, `lead-analysis`). */
export function findType(types: readonly AgentTypeView[], v: string): AgentTypeView | undefined {
  return types.find((t) => t.type === v || t.service === v);
}

export class GatewayClient {
  private known: Promise<KnownTypes> | undefined;

  constructor(
    readonly baseUrl: string,
    private readonly key?: string,
  ) {}

  private call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    return call<T>({ url: this.baseUrl, ...(this.key ? { key: this.key } : {}) }, method, path, body, true);
  }

  /** Any JSON request; every error (503 included) leaves as ApiError. */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    return (await call<T>({ url: this.baseUrl, ...(this.key ? { key: this.key } : {}) }, method, path, body)).body;
  }

  async health(): Promise<{ status: string; [k: string]: unknown }> {
    return (await this.call<{ status: string }>("GET", "/ai/health")).body;
  }

  /** The agent types the gateway knows (asked once per client). */
  agentTypes(): Promise<KnownTypes> {
    this.known ??= fetchAgentTypes({ url: this.baseUrl, ...(this.key ? { key: this.key } : {}) });
    return this.known;
  }

  /** Queues a task of `type` at the type's own route (`http_path` from GET /ai/types). */
  async submit(type: string, body: Record<string, unknown>): Promise<{ task_id: string; status: string }> {
    const known = await this.agentTypes();
    const def = known.types.find((t) => t.type === type);
    if (!def) throw new ApiError(400, "ERR_UNKNOWN_AGENT_TYPE", `unknown agent type "${type}" (known: ${known.types.map((t) => t.type).join(", ")})`);
    const path = def.http_path;
    const r = await this.call<{ task_id: string; status: string; error?: { code: string; message: string } }>("POST", path, body);
    if (r.status === 503) throw new ApiError(503, r.body.error?.code ?? "HTTP_503", r.body.error?.message ?? "service unavailable");
    return r.body;
  }

  async task(id: string): Promise<TaskView> {
    return (await this.call<TaskView>("GET", `/ai/tasks/${encodeURIComponent(id)}`)).body;
  }

  async status(): Promise<Record<string, unknown>> {
    const r = await this.call<Record<string, unknown>>("GET", "/ai/status");
    if (r.status === 503) throw new ApiError(503, "ERR_METRICS_UNAVAILABLE", "the metrics service did not answer");
    return r.body;
  }
}
