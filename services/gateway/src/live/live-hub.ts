import { DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages, type JsMsg } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { DEFAULT_TENANT, Streams, type LiveEvent, type TaskStatus } from "@gardenos/contracts";
import { errorMessage, type Logger } from "@gardenos/runtime";
import { decodeResult, type ResultMessage } from "./live-event.js";
import type { TaskMetaCache } from "./task-meta.js";

/** Which events a subscriber wants (all given conditions must hold). */
export interface LiveFilter {
  taskId?: string | undefined;
  type?: string | undefined;
  statuses?: readonly TaskStatus[] | undefined;
  leadId?: string | undefined;
}

/** An event encoded once for every subscriber: the JSON text and the SSE frame (their bytes made by the first transport that needs them). */
export interface EncodedEvent {
  readonly json: string;
  readonly sse: string;
  /** The SSE frame as an HTTP/1.1 chunk (transports.ts). */
  chunk?: Buffer;
  /** The JSON text's UTF-8 bytes (WebSocket). */
  jsonBytes?: Buffer;
  /** The chunk made straight from the payload's own bytes, when the event has them (else undefined: from `sse`). */
  sseChunk?(): Buffer | undefined;
}

/**
 * An event whose JSON is put together around the payload's own text: `json` and `sse` are strings
 * made only when asked for (a WebSocket, a held replay); the SSE chunk is made from the payload's
 * own UTF-8 bytes, copied once between the event's fields and the frame's end — no string of the
 * whole frame, no second UTF-8 encoding of the payload.
 */
class AroundPayload implements EncodedEvent {
  chunk?: Buffer;
  jsonBytes?: Buffer;
  private jsonText: string | undefined;
  private sseText: string | undefined;
  constructor(
    /** `id: …\nevent: …\ndata: ` */
    private readonly lead: string,
    /** The event's JSON up to its `data` value. */
    private readonly head: string,
    private readonly dataJson: string,
    private readonly dataBytes: Uint8Array | undefined,
  ) {}
  get json(): string {
    return (this.jsonText ??= `${this.head}${this.dataJson}}`);
  }
  get sse(): string {
    return (this.sseText ??= `${this.lead}${this.json}\n\n`);
  }
  sseChunk(): Buffer | undefined {
    const body = this.dataBytes;
    if (!body) return undefined;
    const pre = this.lead + this.head;
    const size = Buffer.byteLength(pre) + body.length + 3;
    const sizeLine = `${size.toString(16)}\r\n`;
    const out = Buffer.allocUnsafe(sizeLine.length + size + 2);
    let at = out.write(sizeLine, 0, "latin1");
    at += out.write(pre, at, "utf8");
    out.set(body, at);
    out.write("}\n\n\r\n", at + body.length, "latin1");
    return out;
  }
}

export interface LiveSubscriber {
  /** The tenant whose tasks it may see; undefined: every tenant (a global admin). */
  readonly tenant: string | undefined;
  readonly filter: LiveFilter;
  deliver(e: LiveEvent, encoded: EncodedEvent): void;
}

/**
 * Encodes an event for the wire (SSE: `id` is the RESULTS sequence, for Last-Event-ID). With the
 * payload's own JSON text (`dataJson`, from decodeResult) the event's JSON is put together around
 * it, key for key what JSON.stringify(e) gives, without stringifying the payload again.
 */
export function encodeEvent(e: LiveEvent, dataJson?: string, dataBytes?: Uint8Array): EncodedEvent {
  const lead = `${e.seq !== null ? `id: ${e.seq}\n` : ""}event: ${e.event}\ndata: `;
  if (dataJson === undefined) {
    const json = JSON.stringify(e);
    return { json, sse: `${lead}${json}\n\n` };
  }
  const head = `{"event":${JSON.stringify(e.event)},"seq":${JSON.stringify(e.seq)},"task_id":${JSON.stringify(e.task_id)},"type":${JSON.stringify(e.type)},"status":${JSON.stringify(e.status)},"lead_id":${JSON.stringify(e.lead_id)},"at":${JSON.stringify(e.at)},"trace_id":${JSON.stringify(e.trace_id)},"data":`;
  return new AroundPayload(lead, head, dataJson, dataBytes);
}

export function matches(f: LiveFilter, e: LiveEvent): boolean {
  return (
    (f.taskId === undefined || f.taskId === e.task_id) &&
    (f.type === undefined || f.type === e.type) &&
    (f.statuses === undefined || f.statuses.includes(e.status)) &&
    (f.leadId === undefined || f.leadId === e.lead_id)
  );
}

/** One event on its way to the subscribers (encoded and its tenant looked up at most once). */
interface Dispatch {
  e: LiveEvent;
  dataJson: string | undefined;
  dataBytes: Uint8Array | undefined;
  encoded: EncodedEvent | undefined;
  tenant: string | undefined;
}

function addTo<K>(map: Map<K, Set<LiveSubscriber>>, key: K, s: LiveSubscriber): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(s);
}

function removeFrom<K>(map: Map<K, Set<LiveSubscriber>>, key: K, s: LiveSubscriber): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(s);
  if (set.size === 0) map.delete(key);
}

/**
 * The gateway's one reader of RESULTS for everything live: an ordered consumer (ephemeral, no
 * acks) from the end of the stream, fanning each event out to the subscribers whose tenant and
 * filter match. Subscribers are indexed by task id and lead id, so a thousand CRM subscribers each
 * watching one lead cost one map lookup per event, not a thousand filter checks. With no
 * subscriber an event is not even parsed. Events are dispatched in stream order.
 */
export class LiveHub {
  private messages: ConsumerMessages | undefined;
  private incoming: (ResultMessage & { time?: Date })[] = [];
  /** Told, per dispatched batch, how long its newest event took from RESULTS to dispatch (ms). */
  onLag: ((ms: number) => void) | undefined;
  private scheduled = false;
  private chain: Promise<void> = Promise.resolve();
  private readonly byTask = new Map<string, Set<LiveSubscriber>>();
  private readonly byLead = new Map<string, Set<LiveSubscriber>>();
  private readonly broad = new Set<LiveSubscriber>();
  /** Stream subscribers scoped to a tenant (not per task): each event's task tenant must be known. */
  private tenantScoped = 0;
  private lastSeq = 0;
  private count = 0;
  readonly stats = { events: 0, delivered: 0, lookups: 0 };

  constructor(
    private readonly nc: NatsConnection,
    private readonly meta: TaskMetaCache,
    private readonly log: Logger,
    /**
     * False when every task belongs to the default tenant (a gateway with no keys: nobody can act
     * for another tenant), so no tenant needs looking up. Default true.
     */
    private readonly multiTenant = true,
  ) {}

  /** The last RESULTS sequence this hub has taken in. */
  get position(): number {
    return this.lastSeq;
  }

  get subscribers(): number {
    return this.count;
  }

  async start(): Promise<void> {
    const jsm = await jetstreamManager(this.nc);
    const info = await jsm.streams.info(Streams.results);
    this.lastSeq = info.state.last_seq;
    const consumer = await jetstream(this.nc).consumers.get(Streams.results, { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: this.lastSeq + 1 });
    this.messages = await consumer.consume({
      max_messages: 1000,
      callback: (m: JsMsg) => {
        this.incoming.push(m);
        if (!this.scheduled) {
          this.scheduled = true;
          setImmediate(() => this.take());
        }
      },
    });
  }

  private take(): void {
    this.scheduled = false;
    const batch = this.incoming;
    this.incoming = [];
    if (batch.length === 0) return;
    this.lastSeq = Math.max(this.lastSeq, batch[batch.length - 1]!.seq);
    if (this.subscribers === 0) return;
    this.chain = this.chain.then(() => this.dispatchBatch(batch)).catch((e: unknown) => this.log.warn({ err: errorMessage(e) }, "live events could not be dispatched"));
  }

  private async dispatchBatch(batch: readonly (ResultMessage & { time?: Date })[]): Promise<void> {
    const events: LiveEvent[] = [];
    const texts: (string | undefined)[] = [];
    const bytes: (Uint8Array | undefined)[] = [];
    for (const m of batch) {
      const d = decodeResult(m);
      if (!d) continue;
      events.push(d.event);
      texts.push(d.dataJson);
      bytes.push(d.dataBytes);
    }
    this.stats.events += events.length;
    // Look-ups only where needed: the tenant for tenant-scoped streams (several tenants), the lead
    // of a task.retrying (it carries none) for lead-filtered ones.
    if (this.tenantScoped > 0 && this.multiTenant) await this.resolve(events);
    else if (this.byLead.size > 0 && events.some((e) => e.lead_id === null)) await this.resolve(events.filter((e) => e.lead_id === null));
    for (let i = 0; i < events.length; i++) this.dispatch(events[i]!, texts[i], bytes[i]);
    const stored = batch[0]?.time;
    if (this.onLag && stored) this.onLag(Date.now() - stored.getTime());
  }

  /** Looks up the tenant (and lead) of the events' tasks not known yet; on failure they stay unknown (default tenant). */
  async resolve(events: readonly LiveEvent[]): Promise<void> {
    try {
      const before = this.stats.lookups;
      await this.meta.resolve(events.map((e) => e.task_id));
      if (events.some((e) => !this.meta.get(e.task_id))) this.stats.lookups = before + 1;
    } catch (e) {
      this.log.warn({ err: errorMessage(e) }, "could not look up the tenants of live events");
    }
  }

  /** The tenant of a task (after resolve()): its row's, else the default tenant. */
  tenantOf(taskId: string): string {
    return this.multiTenant ? this.meta.tenantOf(taskId) : DEFAULT_TENANT;
  }

  /** The event with the lead id its task row knows (a task.retrying carries none). */
  enrich(e: LiveEvent): LiveEvent {
    if (e.lead_id !== null) return e;
    const m = this.meta.get(e.task_id);
    return m?.leadId ? { ...e, lead_id: m.leadId } : e;
  }

  /** Hands an event to the subscribers it concerns, encoded once (on the first match) for all of them. */
  private dispatch(raw: LiveEvent, dataJson: string | undefined, dataBytes: Uint8Array | undefined): void {
    const e = this.enrich(raw);
    const d: Dispatch = { e, dataJson, dataBytes, encoded: undefined, tenant: undefined };
    const forTask = this.byTask.get(e.task_id);
    if (forTask) this.send(forTask, d);
    if (e.lead_id !== null) {
      const forLead = this.byLead.get(e.lead_id);
      if (forLead) this.send(forLead, d);
    }
    if (this.broad.size) this.send(this.broad, d);
  }

  private send(set: Set<LiveSubscriber>, d: Dispatch): void {
    for (const s of set) {
      if (s.tenant !== undefined && s.filter.taskId === undefined && this.multiTenant) {
        d.tenant ??= this.meta.tenantOf(d.e.task_id);
        if (s.tenant !== d.tenant) continue;
      }
      if (!matches(s.filter, d.e)) continue;
      d.encoded ??= encodeEvent(d.e, d.dataJson, d.dataBytes);
      this.stats.delivered++;
      s.deliver(d.e, d.encoded);
    }
  }

  /**
   * Adds a subscriber; returns its unsubscribe function. A per-task subscriber's tenant must have
   * been checked by the caller (the task's row); other tenant-scoped subscribers are matched
   * against each task's row.
   */
  subscribe(s: LiveSubscriber): () => void {
    const scoped = s.filter.taskId === undefined && s.tenant !== undefined;
    if (s.filter.taskId !== undefined) addTo(this.byTask, s.filter.taskId, s);
    else if (s.filter.leadId !== undefined) addTo(this.byLead, s.filter.leadId, s);
    else this.broad.add(s);
    if (scoped) this.tenantScoped++;
    this.count++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.count--;
      if (scoped) this.tenantScoped--;
      if (s.filter.taskId !== undefined) removeFrom(this.byTask, s.filter.taskId, s);
      else if (s.filter.leadId !== undefined) removeFrom(this.byLead, s.filter.leadId, s);
      else this.broad.delete(s);
    };
  }

  async stop(): Promise<void> {
    await this.messages?.close().catch(() => undefined);
    await this.chain;
  }
}
