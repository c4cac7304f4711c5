import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/**
 * A real HTTP server speaking the OpenAI wire format (`POST /v1/chat/completions`,
 * `GET /v1/models`), scriptable per test. Every request is recorded so tests can assert on the
 * prompts. Behaviours are used in the order queued; when the queue is empty, the default one.
 */

export type FakeBehaviour =
  /** A 200 answer: `content` (object → JSON text), else a valid answer for the agent type asked. */
  | { kind: "ok"; content?: string | object; usage?: ({ prompt_tokens: number; completion_tokens: number } & Record<string, unknown>) | null; delayMs?: number; finishReason?: string }
  /** Any HTTP error status (500, 502, 503, 400, 401…) with an OpenAI-style error body. */
  | { kind: "status"; status: number; message?: string }
  | { kind: "rate_limit"; retryAfterSeconds: number }
  /** Never answers (until the client gives up or the server closes). */
  | { kind: "hang" }
  /** Destroys the connection without an answer. */
  | { kind: "drop" }
  /** 200 with text that is not JSON. */
  | { kind: "invalid_json" }
  /** 200 with JSON lacking the required fields. */
  | { kind: "wrong_fields" }
  /** 200 with JSON whose numbers are out of range (score 14, probability 180). */
  | { kind: "out_of_range" }
  /** 200 with half an answer and finish_reason "length". */
  | { kind: "truncated" };

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: any;
  at: number;
  /** The HTTP status sent back (unset while the request is open, or when it was dropped). */
  status?: number;
}

/** The fake embeddings endpoint's vector of a text: 16 buckets of its words' character sums. */
export function fakeEmbedding(text: string): number[] {
  const v = new Array<number>(16).fill(0);
  for (const w of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    let h = 0;
    for (const ch of w) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
    v[h % 16]! += 1;
  }
  return v;
}

export const goodAnalysis = {
  lead_quality_score: 8,
  conversion_probability: 72,
  recommended_action: "Book a demo with the VP of Operations",
  follow_up_timeline: "Within 24 hours",
  key_insights: ["Senior buyer engaged", "Requested a demo"],
  top_positive_factors: [{ factor: "Demo request", impact: 15, detail: "Asked for a demo" }],
  top_negative_factors: [{ factor: "Two vendors", impact: -5, detail: "Evaluating a competitor" }],
};

export const goodFollowUp = {
  subject: "Next steps after your demo",
  body: "Hi Jane,\n\nThanks for your time today. Shall we plan the pilot next week?\n\nThe GardenOS team",
  full_message: "Subject: Next steps after your demo\n\nHi Jane,\n\nThanks for your time today. Shall we plan the pilot next week?\n\nThe GardenOS team",
};

/** The agent type a request is for (the follow-up prompt asks for a subject). */
export function isFollowUpRequest(body: any): boolean {
  const system = body?.messages?.find((m: any) => m.role === "system")?.content ?? "";
  return /"subject"/.test(system);
}

export interface FakeLlm {
  /** Base URL for the SDK, ending in /v1. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Chat requests only. */
  readonly chats: () => RecordedRequest[];
  /** Most chat requests that were open at the same time. */
  readonly maxInFlight: number;
  /** Chat requests open right now (waiting for their answer). */
  readonly inFlight: number;
  /** Chat requests given a valid answer (behaviour "ok") so far. */
  readonly answered: number;
  /**
   * Holds every "ok" answer until `release()`: requests stay in flight, so a test can act (kill a
   * process, restart a server) at a moment when it knows which work is mid-call.
   */
  hold(): void;
  release(): void;
  /**
   * Resolves as soon as `pred` holds (checked at once and whenever a chat request starts, is
   * answered or closes); fails after `timeoutMs` with `what` and the fake's counters in the message.
   */
  waitFor(what: string, pred: (llm: FakeLlm) => boolean, timeoutMs?: number): Promise<void>;
  /** Models /v1/models lists and chat accepts (others → 404). Default ["fake-model"]. */
  models: string[];
  /** When set, requests without `Authorization: Bearer <key>` get 401. */
  requireKey: string | undefined;
  queue(...b: FakeBehaviour[]): void;
  setDefault(b: FakeBehaviour | ((req: RecordedRequest) => FakeBehaviour)): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeLlm(o: { models?: string[]; requireKey?: string } = {}): Promise<FakeLlm> {
  const requests: RecordedRequest[] = [];
  let queued: FakeBehaviour[] = [];
  let fallback: FakeBehaviour | ((req: RecordedRequest) => FakeBehaviour) = { kind: "ok" };
  const sockets = new Set<Socket>();
  let inFlight = 0;
  let maxInFlight = 0;
  let answered = 0;
  let held: Promise<void> | undefined;
  let releaseHeld: () => void = () => undefined;
  const waiters = new Set<() => void>();
  const changed = () => {
    for (const w of [...waiters]) w();
  };
  const state = { models: o.models ?? ["fake-model"], requireKey: o.requireKey };

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, rec?: RecordedRequest) => {
    if (rec) rec.status = status;
    const text = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
    res.end(text);
  };
  const completion = (req: RecordedRequest, content: string, finishReason = "stop", usage: ({ prompt_tokens: number; completion_tokens: number } & Record<string, unknown>) | null = { prompt_tokens: 1000, completion_tokens: 200 }) => ({
    id: `chatcmpl-${requests.length}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: req.body?.model,
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: finishReason }],
    ...(usage ? { usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } } : {}),
  });

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    let body: any;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const rec: RecordedRequest = { method: req.method ?? "", path: (req.url ?? "").split("?")[0] ?? "", authorization: req.headers.authorization, body, at: Date.now() };
    requests.push(rec);
    if (state.requireKey && rec.authorization !== `Bearer ${state.requireKey}`) {
      return send(res, 401, { error: { message: "Invalid API key", type: "invalid_request_error", code: "invalid_api_key" } });
    }
    if (rec.method === "GET" && rec.path === "/v1/models") {
      return send(res, 200, { object: "list", data: state.models.map((id) => ({ id, object: "model", created: 0, owned_by: "fake" })) });
    }
    if (rec.method === "POST" && rec.path === "/v1/embeddings") {
      // OpenAI's embeddings wire format: a deterministic 16-dimension vector per input (a bag of its words).
      if (!state.models.includes(body?.model)) return send(res, 404, { error: { message: `The model \`${body?.model}\` does not exist`, type: "invalid_request_error", code: "model_not_found" } });
      const inputs: string[] = Array.isArray(body?.input) ? body.input : [String(body?.input ?? "")];
      return send(res, 200, { object: "list", model: body.model, data: inputs.map((t, index) => ({ object: "embedding", index, embedding: fakeEmbedding(t) })), usage: { prompt_tokens: inputs.length, total_tokens: inputs.length } });
    }
    if (rec.method !== "POST" || rec.path !== "/v1/chat/completions") return send(res, 404, { error: { message: `no route ${rec.method} ${rec.path}` } });
    if (!state.models.includes(body?.model)) return send(res, 404, { error: { message: `The model \`${body?.model}\` does not exist`, type: "invalid_request_error", code: "model_not_found" } });

    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.once("close", () => {
      inFlight--;
      changed();
    });
    changed();
    const b = queued.shift() ?? (typeof fallback === "function" ? fallback(rec) : fallback);
    const followUp = isFollowUpRequest(body);
    const good = followUp ? goodFollowUp : goodAnalysis;
    switch (b.kind) {
      case "ok": {
        if (b.delayMs) await new Promise((r) => setTimeout(r, b.delayMs));
        while (held) await held;
        if (res.destroyed) return;
        answered++;
        const content = b.content === undefined ? JSON.stringify(good) : typeof b.content === "string" ? b.content : JSON.stringify(b.content);
        return send(res, 200, completion(rec, content, b.finishReason, b.usage === undefined ? undefined : b.usage), {}, rec);
      }
      case "status":
        return send(res, b.status, { error: { message: b.message ?? `upstream error ${b.status}`, type: "server_error" } }, {}, rec);
      case "rate_limit":
        return send(res, 429, { error: { message: "Rate limit exceeded", type: "rate_limit_error" } }, { "retry-after": String(b.retryAfterSeconds) }, rec);
      case "hang":
        return; // the socket stays open until the client aborts or close()
      case "drop":
        req.socket.destroy();
        return;
      case "invalid_json":
        return send(res, 200, completion(rec, "Sure! This lead looks great, I would give it an 8 out of 10."), {}, rec);
      case "wrong_fields":
        return send(res, 200, completion(rec, JSON.stringify(followUp ? { title: "Hello", text: "…" } : { score: 8, probability: 0.7, action: "call" })), {}, rec);
      case "out_of_range":
        return send(res, 200, completion(rec, JSON.stringify(followUp ? { ...good, subject: "" } : { ...good, lead_quality_score: 14, conversion_probability: 180 })), {}, rec);
      case "truncated": {
        const text = JSON.stringify(good);
        return send(res, 200, completion(rec, text.slice(0, Math.floor(text.length / 2)), "length"), {}, rec);
      }
    }
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;

  const fake: FakeLlm = {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    chats: () => requests.filter((r) => r.path === "/v1/chat/completions"),
    get maxInFlight() {
      return maxInFlight;
    },
    get inFlight() {
      return inFlight;
    },
    get answered() {
      return answered;
    },
    hold() {
      held ??= new Promise<void>((r) => (releaseHeld = r));
    },
    release() {
      held = undefined;
      releaseHeld();
    },
    waitFor(what, pred, timeoutMs = 30_000) {
      return new Promise<void>((resolve, reject) => {
        const done = () => {
          waiters.delete(check);
          clearTimeout(timer);
        };
        const check = () => {
          if (!pred(fake)) return;
          done();
          resolve();
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`fake LLM: ${what} not reached within ${timeoutMs} ms (in flight now ${inFlight}, at most ${maxInFlight}; ${fake.chats().length} chat requests, ${answered} answered${held ? "; answers held" : ""})`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    get models() {
      return state.models;
    },
    set models(m: string[]) {
      state.models = m;
    },
    get requireKey() {
      return state.requireKey;
    },
    set requireKey(k: string | undefined) {
      state.requireKey = k;
    },
    queue: (...b) => void queued.push(...b),
    setDefault: (b) => void (fallback = b),
    reset() {
      queued = [];
      fallback = { kind: "ok" };
      requests.length = 0;
      maxInFlight = inFlight;
      answered = 0;
      fake.release();
    },
    async close() {
      fake.release();
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  return fake;
}

/** LLM_PROVIDERS JSON for a chain of fake providers (prices in USD per 1M tokens). */
export function providersEnv(links: Array<{ name: string; fake: FakeLlm; model?: string; prices?: { input: number; output: number; cachedInput?: number }; timeoutSeconds?: number; maxConcurrency?: number; dailyBudgetUsd?: number }>): string {
  return JSON.stringify(
    links.map((l) => ({
      name: l.name,
      baseURL: l.fake.url,
      model: l.model ?? "fake-model",
      prices: l.prices ?? { input: 1, output: 2 },
      ...(l.timeoutSeconds !== undefined ? { timeoutSeconds: l.timeoutSeconds } : {}),
      ...(l.maxConcurrency !== undefined ? { maxConcurrency: l.maxConcurrency } : {}),
      ...(l.dailyBudgetUsd !== undefined ? { dailyBudgetUsd: l.dailyBudgetUsd } : {}),
    })),
  );
}

/** Messages of a recorded chat request by role. */
export function messagesOf(r: RecordedRequest, role: "system" | "user" | "assistant"): string[] {
  return (r.body?.messages ?? []).filter((m: any) => m.role === role).map((m: any) => String(m.content));
}

/** Chat requests whose prompt mentions `text` (e.g. a lead id). */
export function chatsAbout(fake: FakeLlm, text: string): RecordedRequest[] {
  return fake.chats().filter((r) => JSON.stringify(r.body?.messages ?? []).includes(text));
}
