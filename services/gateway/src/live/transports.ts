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
 * An SSE response as a sink transport. The frames of one batch of events (dispatched in one go) are
 * written with one call: under load a stream costs one socket write per batch, not one per event.
 */
export function sseTransport(res: ServerResponse): SinkTransport {
  let pending = "";
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending && !res.destroyed) res.write(pending);
    pending = "";
  };
  const add = (frame: string) => {
    pending += frame;
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
  return {
    send: (e) => add(e.sse),
    sendOther: (name, data) => add(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`),
    // What the socket holds; the pending batch (at most one) is written at the next turn.
    buffered: () => res.writableLength,
    end: () => {
      flush();
      res.end();
    },
    destroy: () => void res.destroy(),
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
