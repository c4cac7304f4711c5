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
 */
export const SSE_MIN_WRITE_GAP_MS = 10;

/** SSE transports with frames pending for the end of this turn: flushed together by one setImmediate. */
const dueNow = new Set<() => void>();
let dueScheduled = false;
function flushDue(): void {
  dueScheduled = false;
  const due = [...dueNow];
  dueNow.clear();
  for (const flush of due) flush();
}

/**
 * An SSE response as a sink transport. Frames are collected into one string and written straight
 * to the socket as one HTTP/1.1 chunk (one write call; `res.write` would cork the socket, queue the
 * size line, the data and the CRLF separately and write them with writev on the next tick), at most
 * once per SSE_MIN_WRITE_GAP_MS. `res.end()` still writes the last chunk and the trailer; a client
 * without chunked encoding (HTTP/1.0) gets the bare bytes.
 */
export function sseTransport(res: ServerResponse): SinkTransport {
  let pending = "";
  let scheduled = false;
  let timer: NodeJS.Timeout | undefined;
  let lastWrite = -Infinity;
  const flush = () => {
    scheduled = false;
    timer = undefined;
    if (!pending) return;
    const data = pending;
    pending = "";
    const socket = res.socket;
    if (res.destroyed || !socket || socket.destroyed) return;
    lastWrite = performance.now();
    // Straight to the socket only when the response owns it and holds nothing back itself (its
    // headers and earlier writes are on the socket, in order); the bytes are framed exactly as
    // res.write() frames them. Otherwise (headers unsent, a pipelined response ahead) res.write().
    const owner = (socket as unknown as { _httpMessage?: unknown })._httpMessage;
    if (!res.headersSent || owner !== res || res.writableLength !== socket.writableLength) res.write(data);
    else if (res.chunkedEncoding) socket.write(`${Buffer.byteLength(data).toString(16)}\r\n${data}\r\n`);
    else socket.write(data);
  };
  const add = (frame: string) => {
    pending += frame;
    if (scheduled) return;
    scheduled = true;
    const wait = lastWrite + SSE_MIN_WRITE_GAP_MS - performance.now();
    if (wait > 1) {
      timer = setTimeout(flush, wait);
      return;
    }
    dueNow.add(flush);
    if (!dueScheduled) {
      dueScheduled = true;
      setImmediate(flushDue);
    }
  };
  return {
    send: (e) => add(e.sse),
    sendOther: (name, data) => add(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`),
    // What the socket holds (res.writableLength counts it) plus what waits for the next write.
    buffered: () => res.writableLength + pending.length,
    end: () => {
      if (timer) clearTimeout(timer);
      dueNow.delete(flush);
      flush();
      res.end();
    },
    destroy: () => {
      if (timer) clearTimeout(timer);
      dueNow.delete(flush);
      pending = "";
      res.destroy();
    },
  };
}

/** A WebSocket as a sink transport: each message is one JSON object with its `event`. */
export function wsTransport(socket: WebSocket): SinkTransport {
  return {
    send: (e) => socket.send(e.json),
    sendOther: (name, data) => socket.send(JSON.stringify({ event: name, data })),
    buffered: () => socket.bufferedAmount,
    end: () => socket.close(1000, "stream ended"),
    destroy: () => socket.terminate(),
  };
}
