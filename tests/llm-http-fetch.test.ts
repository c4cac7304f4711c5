import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIUserAbortError, RateLimitError } from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpFetch } from "../libs/llm/src/http-fetch.js";

/** The chat answers a test server gives, by path. */
type Route = (req: IncomingMessage, body: string, res: ServerResponse) => void;

const completion = (content: string) =>
  JSON.stringify({ id: "c1", object: "chat.completion", created: 1, model: "m", choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop", logprobs: null }], usage: { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 } });

describe("the LLM providers' fetch (node:http keep-alive) answers the openai SDK as the global fetch does", () => {
  let server: Server;
  let base: string;
  const seen: { path: string; body: string; headers: IncomingMessage["headers"] }[] = [];
  const routes: Record<string, Route> = {
    "/v1/chat/completions": (req, body, res) => res.writeHead(200, { "content-type": "application/json", "x-request-id": "req-1" }).end(completion(`echo ${JSON.parse(body).messages[0].content}`)),
    "/v2/chat/completions": (_req, _body, res) => res.writeHead(429, { "content-type": "application/json", "retry-after": "3" }).end(JSON.stringify({ error: { message: "slow down" } })),
    "/v3/chat/completions": (_req, _body, res) => void setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end(completion("late")), 1000),
    "/v4/chat/completions": (_req, _body, res) => res.writeHead(307, { location: "/v1/chat/completions" }).end(),
    // A proxy that compresses though nobody asked.
    "/v5/chat/completions": (_req, _body, res) => res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" }).end(gzipSync(completion("zipped"))),
    // The connection drops half-way through the answer.
    "/v6/chat/completions": (_req, _body, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "500" });
      res.write(completion("cut").slice(0, 40));
      setTimeout(() => res.socket?.destroy(), 20);
    },
  };
  const http = createHttpFetch();

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        seen.push({ path: req.url ?? "", body, headers: req.headers });
        const route = routes[req.url ?? ""];
        if (route) route(req, body, res);
        else res.writeHead(404).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    http.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const clients = (path: string) => [
    ["node:http", new OpenAI({ baseURL: `${base}${path}`, apiKey: "k-123", maxRetries: 0, fetch: http.fetch })],
    ["global fetch", new OpenAI({ baseURL: `${base}${path}`, apiKey: "k-123", maxRetries: 0 })],
  ] as const;
  const ask = (c: OpenAI, o: { signal?: AbortSignal; timeout?: number } = {}) => c.chat.completions.create({ model: "m", messages: [{ role: "user", content: "hi" }] }, o);

  it("sends the same request and reads the same answer", async () => {
    const answers = [];
    for (const [, c] of clients("/v1")) {
      const { data, response } = await ask(c).withResponse();
      answers.push({ content: data.choices[0]?.message.content, usage: data.usage, status: response.status, requestId: response.headers.get("x-request-id") });
    }
    expect(answers[0]).toEqual({ content: "echo hi", usage: { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 }, status: 200, requestId: "req-1" });
    expect(answers[1]).toEqual(answers[0]);
    const [lean, global] = seen.slice(-2);
    expect(lean!.body).toBe(global!.body);
    expect(lean!.headers.authorization).toBe("Bearer k-123");
    expect(lean!.headers["content-type"]).toBe("application/json");
  });

  it("a refusal keeps its status and headers (429 with retry-after)", async () => {
    for (const [, c] of clients("/v2")) {
      const e = await ask(c).catch((err: unknown) => err);
      expect(e).toBeInstanceOf(RateLimitError);
      expect((e as RateLimitError).headers.get("retry-after")).toBe("3");
    }
  });

  it("the caller's signal cancels the call, and the SDK's timeout is a timeout", async () => {
    for (const [, c] of clients("/v3")) {
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 100);
      await expect(ask(c, { signal: ac.signal })).rejects.toBeInstanceOf(APIUserAbortError);
      await expect(ask(c, { timeout: 100 })).rejects.toBeInstanceOf(APIConnectionTimeoutError);
    }
  });

  it("follows a redirect", async () => {
    for (const [, c] of clients("/v4")) expect((await ask(c)).choices[0]?.message.content).toBe("echo hi");
  });

  it("reads a compressed answer it did not ask for", async () => {
    for (const [, c] of clients("/v5")) expect((await ask(c)).choices[0]?.message.content).toBe("zipped");
  });

  it("an answer cut off by a dropped connection is an error, as with the global fetch", async () => {
    for (const [name, c] of clients("/v6")) {
      const e = await ask(c).catch((err: unknown) => err);
      expect(e, name).toBeInstanceOf(Error);
    }
  });

  it("an unreachable provider is a connection error naming the cause (ECONNREFUSED)", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const c = new OpenAI({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: "k", maxRetries: 0, fetch: http.fetch });
    const e = await ask(c).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(APIConnectionError);
    expect(((e as APIConnectionError).cause as { code?: string }).code).toBe("ECONNREFUSED");
  });
});
