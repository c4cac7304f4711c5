/** A small client for the gateway's HTTP API, as the CLI uses it. */

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

export interface TaskView {
  task_id: string;
  type: string;
  status: "queued" | "processing" | "completed" | "failed";
  priority: number;
  result: Record<string, unknown> | null;
  error: { code: string; message: string; issues?: { path: string; message: string }[] } | null;
  attempts: number;
  model: string | null;
  degraded: boolean | null;
  cost_usd: number | null;
  latency_ms: number | null;
  timings: { queued_ms: number | null; processing_ms: number | null; total_ms: number | null };
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

export class GatewayClient {
  constructor(
    readonly baseUrl: string,
    private readonly key?: string,
  ) {}

  private call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    return call<T>({ url: this.baseUrl, ...(this.key ? { key: this.key } : {}) }, method, path, body, true);
  }

  async health(): Promise<{ status: string; [k: string]: unknown }> {
    return (await this.call<{ status: string }>("GET", "/ai/health")).body;
  }

  async submit(type: "lead_analysis" | "follow_up", body: Record<string, unknown>): Promise<{ task_id: string; status: string }> {
    const path = type === "lead_analysis" ? "/ai/analyze-lead" : "/ai/generate-follow-up";
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
