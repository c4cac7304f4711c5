import type { ServerResponse } from "node:http";
import { LiveEventNames, type LiveEvent, type TaskStatus } from "@gardenos/contracts";
import type { WebSocket } from "ws";
import type { AiInteraction } from "../db/schema.js";
import type { SinkTransport } from "./stream-sink.js";

/** How stream events reach a client: SSE frames or WebSocket messages (routes-stream.ts). */

/** The state of a task as a `task.state` event (the first message of GET /ai/tasks/:id/events). */
export function stateEvent(row: AiInteraction): LiveEvent {
  return {
    event: LiveEventNames.state,
    seq: null,
    task_id: row.taskId,
    type: row.type,
    status: row.status as TaskStatus,
    lead_id: row.leadId,
    at: (row.completedAt ?? row.startedAt ?? row.createdAt).toISOString(),
    trace_id: null,
    data: { attempts: row.attempts, agent_id: row.agentId, result: row.result ?? null, error: row.error ?? null, latency_ms: row.latencyMs, cost_usd: row.costUsd },
  };
}

/**
 * The shortest time between two writes to one SSE connection. A connection that was idle for that
 * long is written to at the end of the current event-loop turn (a CRM stream watching one lead
 * gets its event at once); a busy one (an unfiltered stream) gets what came in meanwhile as one
 * write: under load a stream costs at most one socket write per 10 ms, not one per event or batch.
 * Busy streams are flushed together, by one timer (they fall in step after their first write).
 */
export const SSE_MIN_WRITE_GAP_MS = 10;

/**
 * What one flush pass shares between the streams it writes: streams with the same frames pending
 * (the unfiltered ones, in step) get the same buffer, copied once. Keyed by the first frame.
 */
type SharedWrites = Map<Buffer, { chunks: Buffer[]; chunked: boolean; out: Buffer }[]>;

/** A stream's flush, called by a pass with the pass's shared buffers. */
type Flush = (shared: SharedWrites | undefined) => void;

function flushAll(set: Set<Flush>): void {
  const due = [...set];
  set.clear();
  const shared: SharedWrites = new Map();
  for (const flush of due) flush(shared);
}

/** SSE transports with frames pending for the end of this turn (idle ones): flushed together by one setImmediate. */
const dueNow = new Set<Flush>();
let dueScheduled = false;
function flushDue(): void {
  dueScheduled = false;
  flushAll(dueNow);
}

/** Busy SSE transports (written less than SSE_MIN_WRITE_GAP_MS ago) with frames pending: flushed together by one timer. */
const dueLater = new Set<Flush>();
let laterTimer: NodeJS.Timeout | undefined;
function flushLater(): void {
  laterTimer = undefined;
  flushAll(dueLater);
}

/** One SSE frame as the bytes of one HTTP/1.1 chunk: size line, frame, CRLF. */
export function httpChunk(frame: string): Buffer {
  const size = Buffer.byteLength(frame);
  const head = `${size.toString(16)}\r\n`;
  const out = Buffer.allocUnsafe(head.length + size + 2);
  out.write(head, 0, "latin1");
  out.write(frame, head.length, "utf8");
  out[out.length - 2] = 13;
  out[out.length - 1] = 10;
  return out;
}

/** The frame inside an httpChunk() (a view, no copy). */
function frameOf(chunk: Buffer): Buffer {
  return chunk.subarray(chunk.indexOf(10) + 1, chunk.length - 2);
}

/** Several chunks' frames copied into one buffer, as one HTTP chunk when `chunked`. */
function joined(chunks: readonly Buffer[], chunked: boolean): Buffer {
  const frames = chunks.map(frameOf);
  let size = 0;
  for (const f of frames) size += f.length;
  const head = chunked ? `${size.toString(16)}\r\n` : "";
  const out = Buffer.allocUnsafe(head.length + size + (chunked ? 2 : 0));
  let at = out.write(head, 0, "latin1");
  for (const f of frames) at += f.copy(out, at);
  if (chunked) out.write("\r\n", at, "latin1");
  return out;
}

/** The same chunks (by reference: each event's chunk is one shared buffer) in the same order. */
function sameChunks(a: readonly Buffer[], b: readonly Buffer[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = a.length - 1; i >= 0; i--) if (a[i] !== b[i]) return false;
  return true;
}

/** joined(), or the buffer an earlier stream of the same pass got for the same chunks. */
function joinedShared(chunks: Buffer[], chunked: boolean, shared: SharedWrites | undefined): Buffer {
  if (!shared) return joined(chunks, chunked);
  const first = chunks[0]!;
  let list = shared.get(first);
  const hit = list?.find((w) => w.chunked === chunked && sameChunks(w.chunks, chunks));
  if (hit) return hit.out;
  const out = joined(chunks, chunked);
  if (!list) shared.set(first, (list = []));
  list.push({ chunks, chunked, out });
  return out;
}

/** An SSE comment that keeps an idle connection (and the proxies on its way) open. */
const KEEP_ALIVE = httpChunk(": keep-alive\n\n");

/** An SSE transport: a sink transport that also keeps an idle connection alive. */
export interface SseTransport extends SinkTransport {
  /** Writes a keep-alive comment unless something was written (or is pending) within `idleMs`. */
  keepAlive(idleMs: number): void;
}

/**
 * An SSE response as a sink transport. Each event's frame is encoded once, as the bytes of an HTTP
 * chunk shared by every stream it goes to (EncodedEvent.chunk); a stream queues references to
 * them and writes them straight to its socket, at most once per SSE_MIN_WRITE_GAP_MS: one write
 * call for one frame or for several copied into one buffer as one HTTP chunk (no per-stream
 * encoding) — and streams flushed in the same pass with the same frames pending (the unfiltered
 * ones) share that buffer, copied once.
 * `res.write` would encode the text again for every stream and queue size line, data and CRLF
 * separately. `res.end()` still writes the last chunk; a client without chunked encoding
 * (HTTP/1.0) gets the bare frames.
 */
export function sseTransport(res: ServerResponse): SseTransport {
  let pending: Buffer[] = [];
  let scheduled = false;
  let lastWrite = -Infinity;
  const flush: Flush = (shared) => {
    scheduled = false;
    if (pending.length === 0) return;
    const chunks = pending;
    pending = [];
    const socket = res.socket;
    if (res.destroyed || !socket || socket.destroyed) return;
    lastWrite = performance.now();
    // Straight to the socket only when the response owns it and holds nothing back itself (its
    // headers and earlier writes are on the socket, in order); the bytes are framed exactly as
    // res.write() frames them. Otherwise (headers unsent, a pipelined response ahead) res.write().
    // (`headersSent` is true as soon as writeHead() has run; the header's bytes go out with the
    // first write: `_headerSent`.)
    const owner = (socket as unknown as { _httpMessage?: unknown })._httpMessage;
    const headerOut = (res as unknown as { _headerSent?: boolean })._headerSent === true;
    if (!headerOut || owner !== res || res.writableLength !== socket.writableLength) {
      for (const c of chunks) res.write(frameOf(c));
      return;
    }
    const chunked = res.chunkedEncoding;
    if (chunks.length === 1) return void socket.write(chunked ? chunks[0]! : frameOf(chunks[0]!));
    // Several frames: copied into one buffer, as one HTTP chunk (a client's parser sees one body
    // piece), for one write. A write per frame corked into one writev costs a stream request per frame.
    socket.write(joinedShared(chunks, chunked, shared));
  };
  const unschedule = () => {
    dueNow.delete(flush);
    dueLater.delete(flush);
    scheduled = false;
  };
  const add = (chunk: Buffer) => {
    pending.push(chunk);
    if (scheduled) return;
    scheduled = true;
    const wait = lastWrite + SSE_MIN_WRITE_GAP_MS - performance.now();
    if (wait > 1) {
      dueLater.add(flush);
      laterTimer ??= setTimeout(flushLater, wait);
      return;
    }
    dueNow.add(flush);
    if (!dueScheduled) {
      dueScheduled = true;
      setImmediate(flushDue);
    }
  };
  return {
    send: (e) => add((e.chunk ??= e.sseChunk?.() ?? httpChunk(e.sse))),
    sendOther: (name, data) => add(httpChunk(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`)),
    keepAlive: (idleMs) => {
      if (pending.length > 0 || performance.now() - lastWrite < idleMs) return;
      add(KEEP_ALIVE);
    },
    // What the client has not taken: what the socket holds beyond the kernel's buffers
    // (res.writableLength counts it). Not the frames waiting for this stream's next write (at
    // most 10 ms, or one dispatched batch, away; references to buffers shared with every other
    // stream): a batch dispatched after a pause of the gateway's own event loop is no slow client.
    buffered: () => res.writableLength,
    end: () => {
      unschedule();
      flush(undefined);
      res.end();
    },
    destroy: () => {
      unschedule();
      pending = [];
      res.destroy();
    },
  };
}

/** A WebSocket as a sink transport: each message is one JSON object with its `event`. */
export function wsTransport(socket: WebSocket): SinkTransport {
  return {
    // The same bytes for every socket (encoded once per event), sent as a text message.
    send: (e) => socket.send((e.jsonBytes ??= Buffer.from(e.json)), { binary: false }),
    sendOther: (name, data) => socket.send(JSON.stringify({ event: name, data })),
    buffered: () => socket.bufferedAmount,
    end: () => socket.close(1000, "stream ended"),
    destroy: () => socket.terminate(),
  };
}
