import type { ServerResponse } from "node:http";
import { LiveEventNames, StreamQuery } from "@gardenos/contracts";
import { errorMessage, type Logger } from "@gardenos/runtime";
import type { NatsConnection } from "@nats-io/transport-node";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { WebSocket } from "ws";
import { z } from "zod";
import { encodeEvent, matches, type LiveFilter, type LiveHub } from "../live/live-hub.js";
import { replayResults } from "../live/replay.js";
import type { StatusTicker } from "../live/status-ticker.js";
import { StreamSink, type CutOff } from "../live/stream-sink.js";
import { EndAfterTerminal } from "../live/end-after-terminal.js";
import { sseTransport, stateEvent, wsTransport } from "../live/transports.js";
import type { TaskReader } from "../recording/task-store.js";
import { readScope } from "./auth.js";
import { ErrorResponse, HttpError } from "./errors.js";

export interface StreamLimits {
  /** Bytes a client may leave unread before it is cut off (STREAM_MAX_BUFFER_BYTES). */
  maxBufferedBytes: number;
  /** How long a client may stay over maxBufferedBytes (STREAM_SLOW_CLIENT_GRACE_MS; 4× it cuts at once). */
  graceMs?: number;
  /** Open streams per gateway (STREAM_MAX_CLIENTS); more answer 503. */
  maxClients: number;
  /** Seconds between SSE keep-alive comments and WebSocket pings. */
  keepAliveSeconds: number;
}

export interface StreamDeps {
  nc: NatsConnection;
  hub: LiveHub;
  tasks: Pick<TaskReader, "get">;
  status: StatusTicker;
  limits: StreamLimits;
  log: Logger;
}

const FINAL = new Set(["completed", "failed", "cancelled"]);

/** Last-Event-ID: the header (EventSource sends it on reconnect) or, for WebSockets, `last_event_id`. */
function lastEventIdOf(req: FastifyRequest): number | undefined {
  const h = req.headers["last-event-id"];
  const q = (req.query as { last_event_id?: string } | undefined)?.last_event_id;
  const v = typeof h === "string" ? h : q;
  if (v === undefined || v === "") return undefined;
  if (!/^\d{1,15}$/.test(v)) throw new HttpError("ERR_VALIDATION", "Last-Event-ID: must be the id (a RESULTS sequence number) of an event this stream sent", { issues: [{ path: "last-event-id", message: "must be a sequence number" }] });
  return Number(v);
}

/**
 * Live streams: Server-Sent Events for one task (GET /ai/tasks/:id/events) and for every task the
 * caller may see (GET /ai/stream), and the same over WebSocket (/ai/ws). Resumable with Last-Event-ID (the RESULTS sequence): the missed events still
 * retained are replayed from the stream before the live ones.
 */
export function streamRoutes(deps: StreamDeps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const open = new Set<StreamSink>();
    fastify.addHook("preClose", async () => {
      for (const s of open) s.close();
    });

    function admit(): void {
      if (open.size >= deps.limits.maxClients) throw new HttpError("ERR_BROKER_UNAVAILABLE", `This gateway serves ${deps.limits.maxClients} streams at most (STREAM_MAX_CLIENTS); retry later`, { retryAfterSeconds: 5 });
    }

    /** Wires a sink to the hub (and the status ticker), replaying from Last-Event-ID first. */
    async function run(sink: StreamSink, o: { lastEventId?: number | undefined; withStatus: boolean; unsubscribe: (() => void)[] }): Promise<void> {
      open.add(sink);
      if (o.lastEventId !== undefined) sink.hold();
      o.unsubscribe.push(deps.hub.subscribe(sink));
      if (o.withStatus) o.unsubscribe.push(deps.status.listen((s) => sink.other("status", s)));
      if (o.lastEventId === undefined) return;
      sink.lastSeq = o.lastEventId;
      try {
        const { firstAvailable } = await replayResults(deps.nc, o.lastEventId + 1, async (events) => {
          if (sink.closed) return false;
          await deps.hub.resolve(events);
          // Replayed events are sent as they are read; a full client buffer holds the reading back.
          for (const raw of events) {
            const e = deps.hub.enrich(raw);
            if (sink.tenant !== undefined && deps.hub.tenantOf(e.task_id) !== sink.tenant) continue;
            if (!matches(sink.filter, e)) continue;
            sink.replayed(e, encodeEvent(e));
          }
          return sink.drained(10_000);
        });
        if (firstAvailable > o.lastEventId + 1) sink.other("gap", { message: "Events before first_available_id are no longer retained (RESULTS_MAX_AGE)", after_id: o.lastEventId, first_available_id: firstAvailable });
      } catch (e) {
        deps.log.warn({ err: errorMessage(e) }, "could not replay RESULTS for a resuming stream");
        sink.other("gap", { message: "The missed events could not be read; reload the state (GET /ai/tasks)", after_id: o.lastEventId });
      }
      sink.release();
    }

    function filterOf(q: z.infer<typeof StreamQuery>): LiveFilter {
      return { type: q.type, statuses: q.status, leadId: q.lead_id };
    }

    function sseStart(reply: { raw: ServerResponse; hijack(): void }): ServerResponse {
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", connection: "keep-alive", "x-accel-buffering": "no" });
      res.write("retry: 2000\n\n");
      return res;
    }

    /** The slow-client rules of every sink; a cut-off is logged (which rule, how much was unread). */
    const sinkLimits = {
      maxBufferedBytes: deps.limits.maxBufferedBytes,
      ...(deps.limits.graceMs !== undefined ? { graceMs: deps.limits.graceMs } : {}),
      onCutOff: (why: CutOff) => deps.log.warn(why, "stream client cut off as a slow consumer (ERR_SLOW_CONSUMER)"),
    };

    const keepAliveMs = deps.limits.keepAliveSeconds * 1000;
    /**
     * Every keepAliveSeconds: an SSE stream gets a keep-alive comment only if nothing was written
     * to it for half that long (a stream that gets events needs none: a thousand CRM streams are
     * not written to all at once for nothing; none stays silent longer than 1.5× the interval);
     * a WebSocket gets a ping.
     */
    function keepAlive(ping: () => void): NodeJS.Timeout {
      const t = setInterval(ping, keepAliveMs);
      t.unref();
      return t;
    }

    app.get(
      "/ai/tasks/:id/events",
      {
        schema: {
          summary: "A task's events as Server-Sent Events: its state now, then started, retrying, completed / failed / cancelled; the stream ends after the last",
          description: "A task already finished answers with its state and ends at once. Another tenant's task answers 404.",
          params: z.object({ id: z.string().min(1).max(200) }),
          response: { 404: ErrorResponse },
        },
      },
      async (req, reply) => {
        const tenant = readScope(req);
        const row = await deps.tasks.get(req.params.id, tenant);
        if (!row) throw new HttpError("ERR_TASK_NOT_FOUND", `No task with id ${req.params.id}`);
        admit();
        const res = sseStart(reply);
        const unsubscribe: (() => void)[] = [];
        let timer: NodeJS.Timeout | undefined;
        const transport = sseTransport(res);
        const sink = new StreamSink(transport, {
          tenant,
          filter: { taskId: row.taskId },
          ...sinkLimits,
          onClose: () => {
            open.delete(sink);
            for (const u of unsubscribe) u();
            if (timer) clearInterval(timer);
          },
        });
        res.on("close", () => sink.gone());
        sink.other(LiveEventNames.state, stateEvent(row));
        if (FINAL.has(row.status)) return sink.close();
        const ending = new EndAfterTerminal(sink);
        open.add(sink);
        unsubscribe.push(deps.hub.subscribe(ending));
        // Its last event may have passed between the read and the subscription, before the row was
        // final: the row is read again now and then (every keep-alive tick, the first after 1 s).
        const recheck = async () => {
          if (sink.closed || ending.ended) return;
          const again = await deps.tasks.get(row.taskId, tenant).catch(() => undefined);
          if (again && FINAL.has(again.status) && !ending.ended && !sink.closed) {
            sink.other(LiveEventNames.state, stateEvent(again));
            sink.close();
          }
        };
        timer = keepAlive(() => {
          if (!sink.closed) transport.keepAlive(keepAliveMs / 2);
          void recheck();
        });
        setTimeout(() => void recheck(), 1000).unref();
        await recheck();
      },
    );

    app.get(
      "/ai/stream",
      {
        schema: {
          summary: "Every task event the caller may see, as Server-Sent Events, filtered by type, status and lead id; resumable with Last-Event-ID",
          description:
            "Each event's id is its RESULTS sequence: reconnect with Last-Event-ID and the missed events still retained come first. A client that reads too slowly gets a final `error` event (ERR_SLOW_CONSUMER, with the last id sent) and the stream ends. `include=status` adds the cluster status every few seconds.",
          querystring: StreamQuery,
          response: { 400: ErrorResponse, 503: ErrorResponse },
        },
      },
      async (req, reply) => {
        const lastEventId = lastEventIdOf(req);
        admit();
        const res = sseStart(reply);
        const unsubscribe: (() => void)[] = [];
        const transport = sseTransport(res);
        const timer = keepAlive(() => sink.closed || transport.keepAlive(keepAliveMs / 2));
        const sink = new StreamSink(transport, {
          tenant: readScope(req),
          filter: filterOf(req.query),
          ...sinkLimits,
          onClose: () => {
            open.delete(sink);
            for (const u of unsubscribe) u();
            clearInterval(timer);
          },
        });
        res.on("close", () => sink.gone());
        await run(sink, { lastEventId, withStatus: req.query.include === "status", unsubscribe });
      },
    );

    app.get(
      "/ai/ws",
      {
        websocket: true,
        schema: {
          summary: "The same events as GET /ai/stream over a WebSocket (one JSON object per message); resume with ?last_event_id=",
          querystring: StreamQuery.extend({ last_event_id: z.string().max(20).optional() }),
        },
      },
      (socket: WebSocket, req) => {
        // A browser's WebSocket carries the session cookie to any site's page: only our own pages may use it.
        if (req.principal?.via === "session") {
          const origin = req.headers.origin;
          if (!origin || new URL(origin).host !== req.headers.host) {
            socket.close(1008, "cross-origin WebSocket with a session cookie");
            return;
          }
        }
        let lastEventId: number | undefined;
        try {
          lastEventId = lastEventIdOf(req);
          admit();
        } catch (e) {
          socket.send(JSON.stringify({ event: "error", data: { error: { code: (e as HttpError).code ?? "ERR_VALIDATION", message: (e as Error).message } } }));
          socket.close(1008, "refused");
          return;
        }
        const q = req.query as z.infer<typeof StreamQuery>;
        const unsubscribe: (() => void)[] = [];
        const timer = keepAlive(() => socket.ping());
        const sink = new StreamSink(wsTransport(socket), {
          tenant: readScope(req),
          filter: filterOf(q),
          ...sinkLimits,
          onClose: () => {
            open.delete(sink);
            for (const u of unsubscribe) u();
            clearInterval(timer);
          },
        });
        socket.on("close", () => sink.gone());
        socket.on("error", () => sink.gone());
        void run(sink, { lastEventId, withStatus: q.include === "status", unsubscribe });
      },
    );
  };
}
