import type { IncomingMessage } from "node:http";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";

// Through getBuiltinModule, not `import`: an ES import of `node:http` reads the module's
// WebSocket/MessageEvent getters and loads undici (≈ 13 MB), which this client exists to avoid.
const { Agent: HttpAgent, request: httpRequest } = process.getBuiltinModule("node:http");
const { Agent: HttpsAgent, request: httpsRequest } = process.getBuiltinModule("node:https");

/** Statuses the global fetch follows (redirect: "follow"). */
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * A `fetch` for the openai SDK over node:http keep-alive agents. For what the SDK sends us — a
 * JSON request with a string body and an abort signal, answered by a JSON body — it gives the SDK
 * the same status, headers and body as the global fetch for about half its CPU: the global fetch
 * (undici) runs every request and answer through WHATWG streams and a WebAssembly HTTP parser,
 * and took 2–3 ms more per call between the SDK's request and the bytes on the wire in the llm
 * bench. Anything else goes through the global fetch unchanged: a body that is not a string, a
 * redirect (asked again through the global fetch, which follows it), or a process that routes
 * fetch through a proxy (NODE_USE_ENV_PROXY / --use-env-proxy). Unlike the global fetch it does
 * not ask for compressed answers, but decodes one a server sends anyway.
 */
export function createHttpFetch(): { fetch: typeof fetch; close(): void } {
  const http = new HttpAgent({ keepAlive: true });
  const https = new HttpsAgent({ keepAlive: true });
  const proxied = !!process.env.NODE_USE_ENV_PROXY || process.execArgv.includes("--use-env-proxy") || /--use-env-proxy\b/.test(process.env.NODE_OPTIONS ?? "");
  const lean = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const body = init?.body;
    if (proxied || input instanceof Request || (body !== undefined && body !== null && typeof body !== "string") || (init?.redirect !== undefined && init.redirect !== "follow")) return fetch(input, init);
    const url = new URL(input);
    if (url.protocol !== "http:" && url.protocol !== "https:") return fetch(input, init);
    const signal = init?.signal ?? undefined;
    if (signal?.aborted) throw abortError(signal);
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
    if (typeof body === "string") headers["content-length"] = String(Buffer.byteLength(body));
    const secure = url.protocol === "https:";
    const answer = await new Promise<Response>((resolve, reject) => {
      const fail = (e: unknown) => reject(signal?.aborted ? abortError(signal) : e);
      const req = (secure ? httpsRequest : httpRequest)(url, { method: (init?.method ?? "GET").toUpperCase(), headers, agent: secure ? https : http, ...(signal ? { signal } : {}) }, (res) => {
        readAll(res).then((buf) => {
          try {
            resolve(toResponse(res, buf));
          } catch (e) {
            reject(e); // e.g. a status a Response cannot carry
          }
        }, fail);
      });
      req.on("error", fail);
      req.end(body ?? undefined);
    });
    if (REDIRECTS.has(answer.status) && answer.headers.has("location")) return fetch(input, init);
    return answer;
  };
  return {
    fetch: lean as typeof fetch,
    close() {
      http.destroy();
      https.destroy();
    },
  };
}

function readAll(res: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on("data", (c: Buffer) => chunks.push(c));
    res.on("end", () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    res.on("error", reject);
    res.on("aborted", () => reject(Object.assign(new Error("the connection closed before the whole answer arrived"), { code: "ECONNRESET" })));
  });
}

/** A body a server compressed though we did not ask (some proxies do): decoded as the global fetch would. */
const DECODERS: Record<string, (b: Buffer) => Buffer> = { gzip: gunzipSync, "x-gzip": gunzipSync, deflate: inflateSync, br: brotliDecompressSync };

function toResponse(res: IncomingMessage, raw: Buffer): Response {
  const headers = new Headers();
  const rawHeaders = res.rawHeaders;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) headers.append(rawHeaders[i]!, rawHeaders[i + 1]!);
  const encoding = headers.get("content-encoding")?.trim().toLowerCase();
  let buf = raw;
  if (encoding && encoding !== "identity" && raw.length > 0) {
    const decode = DECODERS[encoding];
    if (!decode) throw Object.assign(new Error(`the answer is encoded as ${encoding}, which this client cannot read`), { code: "ERR_CONTENT_ENCODING" });
    buf = decode(raw);
    headers.delete("content-encoding");
    headers.delete("content-length");
  }
  const status = res.statusCode ?? 500;
  const nullBody = status === 204 || status === 205 || status === 304;
  return new Response(nullBody ? null : buf, { status, statusText: res.statusMessage ?? "", headers });
}

/** What the global fetch rejects with when its signal aborts (the SDK tells a timeout from a cancel by its own signal). */
function abortError(signal: AbortSignal): Error {
  const e = new DOMException("This operation was aborted", "AbortError");
  Object.defineProperty(e, "cause", { value: signal.reason, configurable: true, writable: true });
  return e;
}
