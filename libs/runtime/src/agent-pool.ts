import { hostname } from "node:os";
import { jetstream, jetstreamManager, type ConsumerMessages, type JetStreamClient, type JetStreamManager, type JsMsg } from "@nats-io/jetstream";
import { headers as natsHeaders, type NatsConnection, type Subscription } from "@nats-io/transport-node";
import {
  BANDS,
  Headers,
  Streams,
  Subjects,
  agentTypes,
  EVENT_SCHEMA_VERSION,
  type AgentTypeDefinition,
  consumerName,
  deadLetterSubject,
  heartbeatSubject,
  issuesMessage,
  priorityForBand,
  toIssues,
  ErrorCodes,
  type AgentHeartbeat,
  type AgentType,
  type Band,
  type ErrorCode,
  type TaskError,
  type TaskEvent,
  type TaskFailedEvent,
  type TaskStartedEvent,
  type TaskRetryingEvent,
  type Usage,
} from "@gardenos/contracts";
import type { z } from "zod";
import { TransientError, errorMessage, isUnrecoverable } from "./errors.js";
import type { Logger } from "./logger.js";
import { ensureTaskConsumers } from "./topology.js";

/** What a handler gets besides the task: who runs it, which attempt, and a deadline. */
export interface AgentContext {
  readonly taskId: string;
  readonly agentId: string;
  readonly attempt: number;
  /** Aborted when the task's timeout passes or the pool is stopped hard. */
  readonly signal: AbortSignal;
  readonly log: Logger;
}

/** What a handler returns: the result and how it was made. */
export interface AgentOutput<R> {
  result: R;
  /** Model id, or "builtin-heuristic" / "builtin-template" for the built-in agents. */
  model: string;
  provider: string;
  degraded: boolean;
  degradedReason?: string;
  usage: Usage;
  costUsd: number;
}

/** An agent type: the contract it reads, the contract it writes, and the work in between. */
export interface AgentHandler<E extends TaskEvent, R> {
  readonly type: AgentType;
  readonly eventSchema: z.ZodType<E>;
  readonly resultSchema: z.ZodType<R>;
  process(event: E, ctx: AgentContext): Promise<AgentOutput<R>>;
  /** Optional state carried on every heartbeat as `handler` (e.g. breaker states, budget left). */
  status?(): Record<string, unknown>;
}

export interface AgentPoolOptions<E extends TaskEvent, R> {
  nc: NatsConnection;
  log: Logger;
  handler: AgentHandler<E, R>;
  /** Agents (concurrent tasks) in this process. */
  agents: number;
  /** Upper bound for `agents` (MAX_LEAD_ANALYSIS_AGENTS / MAX_FOLLOW_UP_AGENTS). */
  maxAgents: number;
  /** Seconds one task may take before it is abandoned (and retried). */
  timeoutSeconds: number;
  /** Retries after the first failed attempt. */
  maxRetries: number;
  heartbeatIntervalSeconds: number;
  /** Distinguishes replicas in agent ids: `<service>-<replica>-<n>`; empty gives `<service>-<n>`. */
  replicaId?: string;
  /** Messages each band consumer may buffer locally. Default: the agent bound, at most 64. */
  prefetch?: number;
  /** First retry delay in ms; doubles each attempt, with jitter. Default 1000. */
  retryBaseMs?: number;
  /** Agent ids are `<agentIdPrefix>-<n>`. Default `<service>-<replicaId>` or `<service>`. */
  agentIdPrefix?: string;
}

/**
 * Ack wait derived from the task timeout: long enough for one whole attempt plus publishing,
 * while a running task also keeps its message alive with working().
 */
export function ackWaitSeconds(timeoutSeconds: number): number {
  // A buffered task may wait about one task duration for an agent; a running one is kept alive
  // with working() every ack_wait / 3.
  return Math.ceil(timeoutSeconds * 1.5 + 5);
}

/** Band weights for the fairness rule: of every 10 picks with all bands waiting, 6 high, 3 normal, 1 low. */
export const BAND_WEIGHTS: Readonly<Record<Band, number>> = { high: 6, normal: 3, low: 1 };

interface AgentState {
  id: string;
  index: number;
  status: "idle" | "processing" | "stopping";
  processed: number;
  errors: number;
  currentTaskId: string | null;
  startedAt: number;
  lastActivityAt: number | null;
  latencyTotalMs: number;
  /** Set when scaled down: finish the current task, then leave. */
  retiring: boolean;
  /** Set by restart(): finish the current task, then start afresh (new start time, counters reset). */
  restartPending: boolean;
}

interface Offer {
  band: Band;
  msg: JsMsg;
  taken: () => void;
}

/** A set that forgets its oldest entries beyond `max` (insertion order). */
class RecentSet {
  private readonly items = new Set<string>();
  constructor(private readonly max: number) {}
  has(k: string): boolean {
    return this.items.has(k);
  }
  add(k: string): void {
    this.items.add(k);
    if (this.items.size > this.max) this.items.delete(this.items.values().next().value as string);
  }
}

const enc = new TextEncoder();
const dec = new TextDecoder();

/**
 * A pool of agents of one type, pulling from the band consumers every replica shares.
 * Each band has one pull subscription with a small buffer; an idle agent takes the next task by
 * smooth weighted round robin over the bands that have work (6:3:1), so high goes first while
 * the low band always progresses. Then: validate, process under a deadline, publish the result
 * (awaiting JetStream's ack), and only then ack the task.
 */
export class AgentPool<E extends TaskEvent, R> {
  readonly type: AgentType;
  readonly service: string;
  private readonly def: AgentTypeDefinition;
  private readonly js: JetStreamClient;
  private readonly agents: AgentState[] = [];
  private readonly offers = new Map<Band, Offer>();
  private readonly wrrCurrent: Record<Band, number> = { high: 0, normal: 0, low: 0 };
  private readonly subscriptions: ConsumerMessages[] = [];
  private readonly advisorySubs: Subscription[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  /** Results being published and acked after their agent moved on (bounded by maxFinishing). */
  private readonly finishing = new Set<Promise<void>>();
  /** Task ids being worked on in this process. */
  private readonly runningTasks = new Set<string>();
  /** Task ids this process completed lately (bounded), to recognise a message delivered again. */
  private readonly recentlyDone = new RecentSet(10_000);
  private readonly host = hostname();
  /** This process among the service's replicas. */
  readonly replicaId: string;
  private desired: number;
  private running = false;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private hardStop = new AbortController();

  constructor(private readonly o: AgentPoolOptions<E, R>) {
    this.type = o.handler.type;
    this.def = agentTypes.require(this.type);
    this.service = this.def.service;
    this.js = jetstream(o.nc);
    this.desired = this.clamp(o.agents);
    this.replicaId = o.replicaId ?? `${this.host}:${process.pid}`;
  }

  private clamp(n: number): number {
    return Math.max(0, Math.min(this.o.maxAgents, Math.floor(n)));
  }

  private get maxDeliver(): number {
    return this.o.maxRetries + 1;
  }

  /** Declares the band consumers and starts pulling. */
  async start(): Promise<void> {
    const jsm = await jetstreamManager(this.o.nc);
    await ensureTaskConsumers(jsm, this.type, {
      ackWaitSeconds: ackWaitSeconds(this.o.timeoutSeconds),
      maxDeliver: this.maxDeliver,
      maxAckPending: 10_000,
    });
    // A pool can be started again after stop() (the scaler parks a replica whose share is 0).
    if (this.hardStop.signal.aborted) this.hardStop = new AbortController();
    this.subscriptions.length = 0;
    this.advisorySubs.length = 0;
    this.running = true;
    this.resize();
    const prefetch = Math.max(1, this.o.prefetch ?? Math.min(this.o.maxAgents, 64));
    for (const band of BANDS) {
      const consumer = await this.js.consumers.get(Streams.tasks, consumerName(this.type, band));
      const messages = await consumer.consume({ max_messages: prefetch, expires: 5000 });
      this.subscriptions.push(messages);
      void this.watchStatus(band, messages);
      void this.bandLoop(band, messages);
    }
    this.watchMaxDeliveries(jsm);
    this.heartbeatTimer = setInterval(() => this.heartbeat(), this.o.heartbeatIntervalSeconds * 1000);
    this.heartbeatTimer.unref();
    this.heartbeat();
    this.o.log.info({ agents: this.desired, type: this.type, prefetch }, "agent pool started");
  }

  /**
   * Safety net for a task whose last attempt never finished (its agent was killed): JetStream
   * stops delivering it and announces MAX_DELIVERIES; one replica (queue group) moves it to the
   * dead letters and publishes task.failed, so no task is left stuck in the work queue.
   */
  private watchMaxDeliveries(jsm: JetStreamManager): void {
    for (const band of BANDS) {
      const consumer = consumerName(this.type, band);
      this.advisorySubs.push(
        this.o.nc.subscribe(`$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${Streams.tasks}.${consumer}`, {
          queue: `gardenos-${this.service}-max-deliveries`,
          callback: (err, m) => {
            if (err) return;
            void (async () => {
              const adv = m.json() as { stream_seq?: number; deliveries?: number };
              if (!adv.stream_seq) return;
              let stored;
              try {
                stored = await jsm.streams.getMessage(Streams.tasks, { seq: adv.stream_seq });
              } catch {
                return; // already handled by someone else
              }
              if (!stored) return;
              let taskId = stored.header?.get(Headers.msgId) || `evt-${stored.seq}`;
              try {
                const body = JSON.parse(dec.decode(stored.data)) as { task_id?: unknown };
                if (typeof body.task_id === "string") taskId = body.task_id;
              } catch {
                // keep the header/seq id
              }
              const message = `no attempt finished: the task was delivered ${adv.deliveries ?? this.maxDeliver} times and timed out each time`;
              const error: TaskError = { code: "ERR_ATTEMPTS_EXHAUSTED", message, retryable: false };
              const h = natsHeaders();
              h.set("GardenOS-Error-Code", error.code);
              h.set("GardenOS-Error", message);
              h.set("GardenOS-Attempts", String(adv.deliveries ?? this.maxDeliver));
              h.set(Headers.taskId, taskId);
              h.set("GardenOS-Original-Subject", stored.subject);
              try {
                await this.js.publish(deadLetterSubject(stored.subject), stored.data, { msgID: `${taskId}:dlq:${stored.seq}`, headers: h });
                const failed: TaskFailedEvent = {
                  schema_version: EVENT_SCHEMA_VERSION,
                  task_id: taskId,
                  type: this.type,
                  subject: stored.subject,
                  agent_id: `${this.service}-supervisor`,
                  attempts: adv.deliveries ?? this.maxDeliver,
                  error,
                  failed_at: new Date().toISOString(),
                };
                await this.js.publish(Subjects.taskFailed, enc.encode(JSON.stringify(failed)), { msgID: `${taskId}:failed:${stored.seq}` });
                await jsm.streams.deleteMessage(Streams.tasks, stored.seq, false);
                this.o.log.warn({ task_id: taskId, seq: stored.seq }, "task exhausted its deliveries; moved to the dead letters");
              } catch (e) {
                this.o.log.error({ err: errorMessage(e), task_id: taskId }, "could not move an exhausted task to the dead letters");
              }
            })();
          },
        }),
      );
    }
  }

  private async watchStatus(band: Band, messages: ConsumerMessages): Promise<void> {
    for await (const s of messages.status()) {
      if (s.type === "heartbeats_missed" || s.type === "consumer_not_found" || s.type === "consumer_deleted") {
        this.o.log.warn({ band, status: s.type }, "band consumer status");
      }
    }
  }

  private async bandLoop(band: Band, messages: ConsumerMessages): Promise<void> {
    try {
      for await (const msg of messages) {
        if (!this.running) {
          msg.nak(); // hand it straight back to another replica
          continue;
        }
        await new Promise<void>((taken) => {
          this.offers.set(band, { band, msg, taken });
          this.dispatch();
        });
      }
    } catch (e) {
      if (this.running) this.o.log.error({ err: e, band }, "band consumer stopped");
    }
  }

  /** Desired number of agents in this process (scale up or down; bounded by maxAgents). */
  scale(n: number): number {
    this.desired = this.clamp(n);
    this.resize();
    this.dispatch();
    return this.desired;
  }

  /**
   * Drains and restarts agents (all, or those named): an idle agent restarts at once, a busy one
   * after its current task, so nothing is lost or run twice. Returns the ids restarted or pending.
   */
  restart(agentIds?: readonly string[]): string[] {
    const chosen = this.agents.filter((a, i) => i < this.desired && (!agentIds || agentIds.includes(a.id)));
    for (const a of chosen) {
      if (a.status === "processing") a.restartPending = true;
      else this.restartNow(a);
    }
    this.dispatch();
    return chosen.map((a) => a.id);
  }

  private restartNow(agent: AgentState): void {
    const fresh = this.newAgent(agent.index);
    this.agents[agent.index] = fresh;
    this.o.log.info({ agent_id: fresh.id }, "agent restarted");
  }

  /** The ids of the agents this pool runs now. */
  agentIds(): string[] {
    return this.agents.slice(0, this.desired).map((a) => a.id);
  }

  get agentCount(): number {
    return this.desired;
  }

  /** True while the pool pulls work. */
  get isRunning(): boolean {
    return this.running;
  }

  private resize(): void {
    // Agents keep their ids: index i is always `<service>[-replica]-i`.
    for (let i = 0; i < this.desired; i++) {
      const a = this.agents[i];
      if (!a) this.agents[i] = this.newAgent(i);
      else a.retiring = false;
    }
    for (let i = this.desired; i < this.agents.length; i++) {
      const a = this.agents[i];
      if (a) a.retiring = true;
    }
  }

  private newAgent(index: number): AgentState {
    const prefix = this.o.agentIdPrefix ?? (this.o.replicaId ? `${this.service}-${this.o.replicaId}` : this.service);
    return {
      id: `${prefix}-${index}`,
      index,
      status: "idle",
      processed: 0,
      errors: 0,
      currentTaskId: null,
      startedAt: Date.now(),
      lastActivityAt: null,
      latencyTotalMs: 0,
      retiring: false,
      restartPending: false,
    };
  }

  /** Smooth weighted round robin over the bands that have an offer. */
  private pickBand(): Band | undefined {
    let best: Band | undefined;
    let total = 0;
    for (const band of BANDS) {
      if (!this.offers.has(band)) continue;
      const w = BAND_WEIGHTS[band];
      this.wrrCurrent[band] += w;
      total += w;
      if (best === undefined || this.wrrCurrent[band] > this.wrrCurrent[best]) best = band;
    }
    if (best !== undefined) this.wrrCurrent[best] -= total;
    return best;
  }

  private dispatch(): void {
    while (this.running && this.offers.size > 0 && this.finishing.size < 2 * Math.max(1, this.desired)) {
      const agent = this.agents.find((a, i) => i < this.desired && !a.retiring && !a.restartPending && a.status === "idle");
      if (!agent) return;
      const band = this.pickBand();
      if (!band) return;
      const offer = this.offers.get(band)!;
      this.offers.delete(band);
      offer.taken();
      agent.status = "processing";
      const p = this.run(agent, offer.band, offer.msg).finally(() => {
        this.inFlight.delete(p);
        agent.status = "idle";
        agent.currentTaskId = null;
        if (agent.restartPending) this.restartNow(agent);
        this.dispatch();
      });
      this.inFlight.add(p);
    }
  }

  private taskIdOf(msg: JsMsg, event?: { task_id?: string | undefined }): string {
    return event?.task_id || msg.headers?.get(Headers.taskId) || msg.headers?.get(Headers.msgId) || `evt-${msg.seq}`;
  }

  private async run(agent: AgentState, band: Band, msg: JsMsg): Promise<void> {
    const started = Date.now();
    const attempt = msg.info.deliveryCount;
    let taskId = this.taskIdOf(msg);
    agent.currentTaskId = taskId;
    agent.lastActivityAt = started;
    const traceId = msg.headers?.get(Headers.traceparent)?.split("-")[1];
    let log = this.o.log.child({ task_id: taskId, agent_id: agent.id, attempt, ...(traceId ? { trace_id: traceId } : {}) });
    log.debug({ seq: msg.seq, subject: msg.subject, band }, "task received");
    if (this.recentlyDone.has(`#${msg.seq}`)) {
      // Already dead-lettered here; delivered again by the server's delivery-count regression.
      msg.term();
      return;
    }

    // 1. Read and validate the event. A bad event can never succeed: fail it at once.
    let raw: unknown;
    try {
      raw = JSON.parse(dec.decode(msg.data));
    } catch {
      await this.fail(msg, agent, taskId, attempt, "ERR_EVENT_MALFORMED", "The event is not valid JSON", undefined, log, true);
      return;
    }
    const parsed = this.o.handler.eventSchema.safeParse(raw);
    if (!parsed.success) {
      const idFromBody = typeof raw === "object" && raw && typeof (raw as { task_id?: unknown }).task_id === "string" ? (raw as { task_id: string }).task_id : undefined;
      if (idFromBody) taskId = idFromBody;
      const issues = toIssues(parsed.error);
      await this.fail(msg, agent, taskId, attempt, "ERR_EVENT_INVALID", issuesMessage(issues), issues, log, true);
      return;
    }
    const event = parsed.data;
    if (event.task_id && event.task_id !== taskId) {
      taskId = event.task_id;
      log = log.child({ task_id: taskId });
    }
    agent.currentTaskId = taskId;
    const priority = event.priority ?? priorityForBand(band);

    // 2. A redelivered task may already have a result (the agent died between publishing it and
    //    acking): ask the store of record before running the work again. nats-server before
    //    2.10.14 can also hand out a message again with its delivery count going *back* to 1 after
    //    a failed delivery (nats-server PR #5305); tasks this process finished recently are
    //    recognised locally whatever the count says.
    if (this.runningTasks.has(taskId)) {
      // The same task is being worked on here right now: leave this copy alone (no ack, no nak);
      // the running copy's ack settles the message.
      log.info({ seq: msg.seq }, "task delivered again while this process is working on it; ignoring the copy");
      return;
    }
    if (this.recentlyDone.has(taskId)) {
      log.info({ seq: msg.seq }, "task delivered again after this process finished it; acknowledging without running it again");
      msg.ack();
      return;
    }
    if (attempt > 1 && (await this.alreadyFinished(taskId))) {
      log.info("redelivered task already has a result; acknowledging without running it again");
      msg.ack();
      return;
    }

    this.runningTasks.add(taskId);
    let done: { finishing: Promise<void> } | undefined;
    try {
      done = await this.work(agent, msg, event, taskId, attempt, priority, started, log);
    } finally {
      if (!done) this.runningTasks.delete(taskId);
    }
    if (done) {
      const p: Promise<void> = done.finishing.finally(() => {
        this.runningTasks.delete(taskId);
        this.finishing.delete(p);
        this.dispatch();
      });
      this.finishing.add(p);
    }
  }

  /** Runs the task; when it has a result, returns the promise that publishes it and acks. */
  private async work(agent: AgentState, msg: JsMsg, event: E, taskId: string, attempt: number, priority: number, started: number, log: Logger): Promise<{ finishing: Promise<void> } | undefined> {
    // 3. Tell the recorder (and anyone listening) that the task is being worked on.
    const startedEvent: TaskStartedEvent = {
      schema_version: EVENT_SCHEMA_VERSION,
      task_id: taskId,
      type: this.type,
      agent_id: agent.id,
      attempt,
      started_at: new Date(started).toISOString(),
      subject: msg.subject,
      priority,
      ...this.def.pickInput(event),
      ...(event.created_at ? { created_at: event.created_at } : {}),
    };
    const startedAck = this.publish(Subjects.taskStarted, startedEvent, `${taskId}:started:${msg.seq}:${attempt}`, msg).catch((e: unknown) => e);

    // 4. Process under a deadline, keeping the message alive while we work.
    const keepAlive = setInterval(() => msg.working(), (ackWaitSeconds(this.o.timeoutSeconds) * 1000) / 3);
    // One controller per task, its timer and listeners removed when the task ends, so a finished
    // task keeps nothing alive (AbortSignal.timeout/any would hold it for the whole timeout).
    const ac = new AbortController();
    const onHardStop = () => ac.abort(new TransientError("shutting down"));
    this.hardStop.signal.addEventListener("abort", onHardStop, { once: true });
    const deadline = setTimeout(() => ac.abort(new TransientError(`timed out after ${this.o.timeoutSeconds} s`)), this.o.timeoutSeconds * 1000);
    let output: AgentOutput<R>;
    let result: R;
    try {
      output = await new Promise<AgentOutput<R>>((resolve, reject) => {
        const onAbort = () => reject(ac.signal.reason);
        ac.signal.addEventListener("abort", onAbort, { once: true });
        this.o.handler
          .process(event, { taskId, agentId: agent.id, attempt, signal: ac.signal, log })
          .then(resolve, reject)
          .finally(() => ac.signal.removeEventListener("abort", onAbort));
      });
      const check = this.o.handler.resultSchema.safeParse(output.result);
      if (!check.success) throw new TransientError(`agent produced an invalid result: ${issuesMessage(toIssues(check.error, "result"))}`);
      result = check.data;
    } catch (e) {
      clearInterval(keepAlive);
      await startedAck;
      agent.lastActivityAt = Date.now();
      if (this.hardStop.signal.aborted) {
        log.info("task handed back at shutdown");
        msg.nak();
      } else if (isUnrecoverable(e)) {
        await this.fail(msg, agent, taskId, attempt, (e.code in ErrorCodes ? e.code : "ERR_AGENT_FAILED") as ErrorCode, e.message, e.issues, log, false);
      } else if (attempt >= this.maxDeliver) {
        await this.fail(msg, agent, taskId, attempt, "ERR_ATTEMPTS_EXHAUSTED", `failed after ${attempt} attempts; last error: ${errorMessage(e)}`, undefined, log, false);
      } else {
        agent.errors++;
        const delay = this.retryDelay(attempt, e instanceof TransientError ? e.retryAfterMs : undefined);
        log.warn({ err: errorMessage(e), retry_in_ms: delay }, "task attempt failed; will retry");
        const retrying: TaskRetryingEvent = {
          schema_version: EVENT_SCHEMA_VERSION,
          task_id: taskId,
          type: this.type,
          agent_id: agent.id,
          attempt,
          subject: msg.subject,
          error: { code: "ERR_AGENT_FAILED", message: errorMessage(e), retryable: true },
          failed_at: new Date().toISOString(),
          retry_in_ms: delay,
        };
        await this.publish(Subjects.taskRetrying, retrying, `${taskId}:retrying:${msg.seq}:${attempt}`, msg).catch((err: unknown) =>
          log.warn({ err: errorMessage(err) }, "task.retrying not published"),
        );
        msg.nak(delay);
      }
      return;
    } finally {
      clearTimeout(deadline);
      this.hardStop.signal.removeEventListener("abort", onHardStop);
    }

    // 5. Result first (deduplicated by msgID), ack second: a crash in between only repeats the
    //    publish, which JetStream drops. A broker hiccup here does not cost an attempt: the
    //    publish is retried while the message is kept alive. This runs after the agent is free
    //    again (the next task does not wait for the PubAck round trip); the number of tasks
    //    finishing this way is bounded (see dispatch).
    const completed = Date.now();
    return { finishing: this.finish(agent, msg, event, taskId, attempt, started, completed, output, result, startedAck, keepAlive, log) };
  }

  private async finish(
    agent: AgentState,
    msg: JsMsg,
    event: E,
    taskId: string,
    attempt: number,
    started: number,
    completed: number,
    output: AgentOutput<R>,
    result: R,
    startedAck: Promise<unknown>,
    keepAlive: NodeJS.Timeout,
    log: Logger,
  ): Promise<void> {
    try {
      const leadId = this.def.leadIdOf(event);
      const resultEvent = {
        schema_version: EVENT_SCHEMA_VERSION,
        task_id: taskId,
        type: this.type,
        status: "completed" as const,
        ...(leadId ? { lead_id: leadId } : {}),
        agent_id: agent.id,
        model: output.model,
        provider: output.provider,
        degraded: output.degraded,
        ...(output.degradedReason ? { degraded_reason: output.degradedReason } : {}),
        usage: output.usage,
        cost_usd: output.costUsd,
        latency_ms: completed - started,
        attempts: attempt,
        started_at: new Date(started).toISOString(),
        completed_at: new Date(completed).toISOString(),
        result,
      };
      // task.started went out first on this connection, so it is stored first; its PubAck need
      // not be awaited before the result's.
      void startedAck.then((sErr) => {
        if (sErr instanceof Error) log.warn({ err: errorMessage(sErr) }, "task.started not published");
      });
      await this.publishPersistently(this.def.resultSubject, resultEvent, `${taskId}:result`, msg, log);
      msg.ack();
      this.recentlyDone.add(taskId);
      agent.processed++;
      agent.latencyTotalMs += completed - started;
      agent.lastActivityAt = Date.now();
      log.debug({ latency_ms: completed - started }, "task completed");
    } catch (e) {
      // Could not publish within the ack wait: let JetStream redeliver it.
      log.error({ err: errorMessage(e) }, "result not published; the task will be redelivered");
      agent.errors++;
      msg.nak(this.retryDelay(attempt));
    } finally {
      clearInterval(keepAlive);
    }
  }

  /** Asks the gateway whether the task already ended (at most 1 s; unknown when nobody answers). */
  private async alreadyFinished(taskId: string): Promise<boolean> {
    try {
      const r = await this.o.nc.request(Subjects.taskLookup, JSON.stringify({ task_id: taskId }), { timeout: 1000 });
      const status = (r.json() as { status?: string }).status;
      return status === "completed";
    } catch {
      return false;
    }
  }

  /**
   * Publishes until JetStream acknowledges, for up to half the ack wait (the caller keeps the
   * task alive meanwhile). Same msgID each time, so a publish that did land is not duplicated.
   */
  private async publishPersistently(subject: string, payload: unknown, msgID: string, cause: JsMsg, log: Logger): Promise<void> {
    const deadline = Date.now() + (ackWaitSeconds(this.o.timeoutSeconds) * 1000) / 2;
    for (let i = 0; ; i++) {
      try {
        await this.publish(subject, payload, msgID, cause);
        return;
      } catch (e) {
        if (Date.now() > deadline || this.hardStop.signal.aborted) throw e;
        if (i === 0) log.warn({ err: errorMessage(e) }, "publishing the result failed; retrying");
        await new Promise((r) => setTimeout(r, Math.min(2000, 100 * 2 ** i)));
      }
    }
  }

  /** Exponential back-off with ±25 % jitter, at least a provider's Retry-After. */
  private retryDelay(attempt: number, retryAfterMs?: number): number {
    const base = (this.o.retryBaseMs ?? 1000) * 2 ** (attempt - 1);
    const jittered = base * (0.75 + Math.random() * 0.5);
    return Math.round(Math.min(5 * 60_000, Math.max(jittered, retryAfterMs ?? 0)));
  }

  /**
   * Ends a task as failed: copy to the dead-letter stream, publish task.failed, then remove it
   * from the work queue. Each publish awaits its ack; if one fails the task is retried later.
   */
  private async fail(
    msg: JsMsg,
    agent: AgentState,
    taskId: string,
    attempt: number,
    code: ErrorCode,
    message: string,
    issues: { path: string; message: string }[] | undefined,
    log: Logger,
    invalidEvent: boolean,
  ): Promise<void> {
    agent.errors++;
    const error: TaskError = { code, message, retryable: false, ...(issues ? { issues } : {}) };
    const failed: TaskFailedEvent = {
      schema_version: EVENT_SCHEMA_VERSION,
      task_id: taskId,
      type: this.type,
      subject: msg.subject,
      agent_id: agent.id,
      attempts: attempt,
      error,
      failed_at: new Date().toISOString(),
      ...(invalidEvent ? { payload: dec.decode(msg.data.subarray(0, 4096)) } : {}),
    };
    try {
      const h = natsHeaders();
      msg.headers?.keys().forEach((k) => msg.headers?.values(k).forEach((v) => h.append(k, v)));
      h.set("GardenOS-Error-Code", code);
      h.set("GardenOS-Error", message.slice(0, 1000).replace(/[\r\n]+/g, " "));
      h.set("GardenOS-Attempts", String(attempt));
      h.set(Headers.taskId, taskId);
      h.delete(Headers.msgId);
      await this.js.publish(deadLetterSubject(msg.subject), msg.data, { msgID: `${taskId}:dlq:${msg.seq}`, headers: h });
      await this.publish(Subjects.taskFailed, failed, `${taskId}:failed:${msg.seq}`, msg);
      msg.term();
      // This message has ended (a replay is a new message and runs again).
      this.recentlyDone.add(`#${msg.seq}`);
      log.warn({ code, error: message }, "task failed");
    } catch (e) {
      log.error({ err: e }, "could not record the failure; the task will be redelivered");
      msg.nak(this.retryDelay(attempt));
    }
  }

  private async publish(subject: string, payload: unknown, msgID: string, cause: JsMsg): Promise<void> {
    const h = natsHeaders();
    const tp = cause.headers?.get(Headers.traceparent);
    if (tp) h.set(Headers.traceparent, tp);
    await this.js.publish(subject, enc.encode(JSON.stringify(payload)), { msgID, headers: h });
  }

  /** Current state of every agent of this pool (heartbeat payloads). */
  snapshot(): AgentHeartbeat[] {
    const now = Date.now();
    const handlerStatus = this.o.handler.status?.();
    return this.agents.map((a) => ({
      agent_id: a.id,
      agent_type: this.type,
      status: a.retiring || !this.running ? "stopping" : a.status,
      processed_count: a.processed,
      error_count: a.errors,
      uptime_seconds: Math.round((now - a.startedAt) / 1000),
      current_task_id: a.currentTaskId,
      started_at: new Date(a.startedAt).toISOString(),
      last_activity_at: a.lastActivityAt ? new Date(a.lastActivityAt).toISOString() : null,
      avg_latency_ms: a.processed ? Math.round((a.latencyTotalMs / a.processed) * 100) / 100 : 0,
      host: this.host,
      pid: process.pid,
      sent_at: new Date(now).toISOString(),
      interval_seconds: this.o.heartbeatIntervalSeconds,
      replica_id: this.replicaId,
      ...(handlerStatus ? { handler: handlerStatus } : {}),
    }));
  }

  private heartbeat(): void {
    if (this.o.nc.isClosed()) return;
    for (const hb of this.snapshot()) this.o.nc.publish(heartbeatSubject(this.type, hb.agent_id), JSON.stringify(hb));
    // Retired agents are reported once as stopping, then forgotten.
    while (this.agents.length > this.desired && this.agents.at(-1)?.status !== "processing") this.agents.pop();
  }

  /**
   * Graceful stop: stop pulling, hand back what waits locally, let running tasks finish within
   * `deadlineMs` (then abort them; they are redelivered), send a last heartbeat.
   */
  async stop(deadlineMs = 10_000): Promise<void> {
    if (!this.running) return;
    this.running = false;
    for (const offer of this.offers.values()) {
      offer.msg.nak();
      offer.taken();
    }
    this.offers.clear();
    await Promise.all(this.subscriptions.map((s) => s.close().catch(() => undefined)));
    // Tasks the client had buffered but not yet handed out go straight back to the server
    // (otherwise they would wait out their ack wait). nats.js keeps them in the iterator's queue.
    for (const s of this.subscriptions) {
      const queued = (s as unknown as { yields?: unknown[] }).yields;
      if (!Array.isArray(queued)) continue;
      for (const m of queued.splice(0)) {
        if (m && typeof (m as JsMsg).nak === "function") (m as JsMsg).nak();
      }
    }
    const all = Promise.allSettled([...this.inFlight]).then(() => Promise.allSettled([...this.finishing]));
    const timer = setTimeout(() => this.hardStop.abort(new Error("shutting down")), deadlineMs);
    await all;
    clearTimeout(timer);
    clearInterval(this.heartbeatTimer);
    for (const sub of this.advisorySubs) sub.unsubscribe();
    this.heartbeat();
    this.o.log.info({ type: this.type }, "agent pool stopped");
  }
}
