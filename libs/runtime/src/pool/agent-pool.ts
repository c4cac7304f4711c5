import { hostname } from "node:os";
import { jetstream, jetstreamManager, type JetStreamClient, type JsMsg } from "@nats-io/jetstream";
import { BANDS, Headers, Streams, agentTypes, consumerName, type AgentHeartbeat, type AgentType, type Band, type TaskEvent } from "@gardenos/contracts";
import { DeadLetterWriter } from "../dead-letter-writer.js";
import { JS_SETUP_TIMEOUT_MS, ensureTaskConsumers } from "../topology.js";
import { AgentRoster } from "./agent-roster.js";
import { AttemptRunner } from "./attempt-runner.js";
import { BandFeed } from "./band-feed.js";
import { BandScheduler } from "./band-scheduler.js";
import type { Logger } from "../logger.js";
import { DeliveryGuard, askOverNats, taskLookupOverNats } from "./delivery-guard.js";
import { Heartbeats } from "./heartbeats.js";
import { LeanPublisher } from "./lean-publisher.js";
import { MaxDeliveriesWatch } from "./max-deliveries.js";
import { ResultPublisher } from "./result-publisher.js";
import { TaskReader } from "./task-reader.js";
import { DEFAULT_ACK_WAIT_SECONDS, type AgentPoolOptions, type AgentState, type TaskAttempt } from "./types.js";

/** A band with tasks waiting in its feed. */
interface Offer {
  band: Band;
}

/**
 * A pool of agents of one type, pulling from the band consumers every replica shares.
 * Each band has a feed holding a small batch of pulled tasks; an idle agent takes the next task
 * from the band the scheduler picks (6:3:1). Then: validate, check for a duplicate delivery, run
 * under a deadline, publish the result (awaiting JetStream's ack), and only then ack the task.
 * Every message held here is kept alive with working(), so the consumers' ack wait is short.
 */
export class AgentPool<E extends TaskEvent, R> {
  readonly type: AgentType;
  readonly service: string;
  /** This process among the service's replicas. */
  readonly replicaId: string;
  private readonly js: JetStreamClient;
  private readonly roster: AgentRoster;
  private readonly scheduler = new BandScheduler<Offer>();
  private readonly guard: DeliveryGuard;
  private readonly reader: TaskReader<E, R>;
  private readonly runner: AttemptRunner<E, R>;
  private readonly publisher: ResultPublisher;
  private readonly heartbeats: Heartbeats;
  private readonly maxDeliveries: MaxDeliveriesWatch;
  private readonly feeds = new Map<Band, BandFeed>();
  private readonly inFlight = new Set<Promise<void>>();
  /** Results being published and acked after their agent moved on (bounded, see dispatch). */
  private readonly finishing = new Set<Promise<void>>();
  private running = false;
  /** Agents working on a task (processing): while every agent is, dispatch need not look for an idle one. */
  private busy = 0;
  private hardStop = new AbortController();
  private readonly ackWaitSeconds: number;
  /** working() for the messages waiting in this process (see keepWaitingAlive). */
  private keepAliveTimer: NodeJS.Timeout | undefined;

  constructor(private readonly o: AgentPoolOptions<E, R>) {
    this.type = o.handler.type;
    this.service = agentTypes.require(this.type).service;
    this.js = jetstream(o.nc);
    const host = hostname();
    this.replicaId = o.replicaId ?? `${host}:${process.pid}`;
    this.roster = new AgentRoster(o.agentIdPrefix ?? (o.replicaId ? `${this.service}-${o.replicaId}` : this.service), o.maxAgents, o.agents);
    const maxDeliver = o.maxRetries + 1;
    const hardStop = () => this.hardStop.signal;
    const deadLetters = new DeadLetterWriter(this.js);
    this.ackWaitSeconds = o.ackWaitSeconds ?? DEFAULT_ACK_WAIT_SECONDS;
    this.guard = new DeliveryGuard(taskLookupOverNats(o.nc), undefined, o.cancelled);
    this.runner = new AttemptRunner({ handler: o.handler, timeoutSeconds: o.timeoutSeconds, hardStop, ackWaitSeconds: this.ackWaitSeconds, ask: askOverNats(o.nc), isLogged: (level) => o.log.isLevelEnabled(level) });
    // task.started and results: published without nats.js's per-request cost (see LeanPublisher).
    this.publisher = new ResultPublisher({ type: this.type, js: new LeanPublisher(o.nc), deadLetters, guard: this.guard, timeoutSeconds: o.timeoutSeconds, maxDeliver, retryBaseMs: o.retryBaseMs, hardStop });
    this.reader = new TaskReader(o.handler.eventSchema);
    this.heartbeats = new Heartbeats({
      nc: o.nc,
      type: this.type,
      roster: this.roster,
      host,
      replicaId: this.replicaId,
      intervalSeconds: o.heartbeatIntervalSeconds,
      isRunning: () => this.running,
      handlerStatus: () => o.handler.status?.(),
    });
    this.maxDeliveries = new MaxDeliveriesWatch({ nc: o.nc, js: this.js, deadLetters, type: this.type, service: this.service, maxDeliver, log: o.log });
  }

  /** Declares the band consumers and starts pulling. */
  async start(): Promise<void> {
    const jsm = await jetstreamManager(this.o.nc, { timeout: JS_SETUP_TIMEOUT_MS });
    await ensureTaskConsumers(jsm, this.type, {
      ackWaitSeconds: this.ackWaitSeconds,
      maxDeliver: this.o.maxRetries + 1,
      maxAckPending: 10_000,
    });
    // A pool can be started again after stop() (the scaler parks a replica whose share is 0).
    if (this.hardStop.signal.aborted) this.hardStop = new AbortController();
    this.feeds.clear();
    this.running = true;
    this.roster.resize();
    const prefetch = Math.max(1, this.o.prefetch ?? Math.min(this.o.maxAgents, 64));
    for (const band of BANDS) {
      const consumer = await this.js.consumers.get(Streams.tasks, consumerName(this.type, band));
      const feed = new BandFeed({ band, consumer, prefetch, log: this.o.log, onMessage: (b) => this.offer(b) });
      this.feeds.set(band, feed);
      feed.start();
    }
    this.maxDeliveries.start(jsm);
    this.heartbeats.start();
    this.keepAliveTimer = setInterval(() => this.keepWaitingAlive(), (this.ackWaitSeconds * 1000) / 3);
    this.keepAliveTimer.unref();
    this.o.log.info({ agents: this.roster.desired, type: this.type, prefetch }, "agent pool started");
  }

  /**
   * Keeps the messages that wait in this process for an agent alive (a running attempt keeps its
   * own alive). Their ack wait started when the server handed them over, and with a short ack wait
   * a waiting task would otherwise be delivered again elsewhere while it waits here.
   */
  private keepWaitingAlive(): void {
    for (const feed of this.feeds.values()) for (const m of feed.waiting()) m.working();
  }

  /** A band's feed has tasks: put the band up for the scheduler (once) and hand out work. */
  private offer(band: Band): void {
    if (!this.scheduler.has(band)) this.scheduler.offer({ band });
    this.dispatch();
  }

  /** Desired number of agents in this process (scale up or down; bounded by maxAgents). */
  scale(n: number): number {
    const desired = this.roster.scale(n);
    this.dispatch();
    return desired;
  }

  /**
   * Drains and restarts agents (all, or those named): an idle agent restarts at once, a busy one
   * after its current task, so nothing is lost or run twice. Returns the ids restarted or pending.
   */
  restart(agentIds?: readonly string[]): string[] {
    const chosen = this.roster.select(agentIds);
    for (const a of chosen) {
      if (a.status === "processing") a.restartPending = true;
      else this.restartNow(a);
    }
    this.dispatch();
    return chosen.map((a) => a.id);
  }

  private restartNow(agent: AgentState): void {
    const fresh = this.roster.replace(agent);
    this.o.log.info({ agent_id: fresh.id }, "agent restarted");
  }

  /** The ids of the agents this pool runs now. */
  agentIds(): string[] {
    return this.roster.ids();
  }

  get agentCount(): number {
    return this.roster.desired;
  }

  /** True while the pool pulls work. */
  get isRunning(): boolean {
    return this.running;
  }

  /** Current state of every agent of this pool (heartbeat payloads). */
  snapshot(): AgentHeartbeat[] {
    return this.heartbeats.snapshot();
  }

  /**
   * Hands waiting tasks to idle agents. Results still being published count against a bound of
   * twice the agents, so a slow broker holds back new work instead of piling up results.
   */
  private dispatch(): void {
    while (this.running && this.scheduler.size > 0 && this.finishing.size < 2 * Math.max(1, this.roster.desired)) {
      // Called for every arriving message, finished task and settled result: with every agent
      // busy (the usual case while tasks wait) that is known without looking at each agent.
      if (this.busy >= this.roster.agents.length) return;
      const agent = this.roster.idle();
      if (!agent) return;
      const offer = this.scheduler.take();
      if (!offer) return;
      const feed = this.feeds.get(offer.band)!;
      const msg = feed.take();
      if (feed.size > 0) this.scheduler.offer(offer);
      if (!msg) continue;
      agent.status = "processing";
      this.busy++;
      const p = this.run(agent, offer.band, msg).finally(() => {
        this.inFlight.delete(p);
        this.busy--;
        agent.status = "idle";
        agent.currentTaskId = null;
        if (agent.restartPending) this.restartNow(agent);
        this.dispatch();
      });
      this.inFlight.add(p);
    }
  }

  /** One delivery: read the event, guard against duplicates, run it, settle the message. */
  private async run(agent: AgentState, band: Band, msg: JsMsg): Promise<void> {
    const startedAt = Date.now();
    const attempt = msg.info.deliveryCount;
    const taskId = msg.headers?.get(Headers.taskId) || msg.headers?.get(Headers.msgId) || `evt-${msg.seq}`;
    agent.currentTaskId = taskId;
    agent.lastActivityAt = startedAt;
    const traceId = msg.headers?.get(Headers.traceparent)?.split("-")[1];
    // The task's logger is made the first time something is logged (most tasks log nothing).
    const parent = this.o.log;
    const bindings = { task_id: taskId, agent_id: agent.id, attempt, ...(traceId ? { trace_id: traceId } : {}) };
    let log: Logger | undefined;
    if (parent.isLevelEnabled("debug")) parent.debug({ ...bindings, seq: msg.seq, subject: msg.subject, band }, "task received");
    // Already dead-lettered here; delivered again by the server's delivery-count regression.
    if (this.guard.endedHere(msg)) return;
    const a: TaskAttempt<E, R> = {
      msg,
      band,
      agent,
      attempt,
      startedAt,
      taskId,
      get log() {
        return (log ??= parent.child(bindings));
      },
      set log(l: Logger) {
        log = l;
      },
      event: undefined,
      priority: 0,
      startedAck: undefined,
      keepAlive: undefined,
      output: undefined,
      result: undefined,
    };

    const failure = this.reader.read(a);
    if (failure) return this.publisher.fail(a, failure);
    // Decided locally, without an await, unless a redelivery needs the lookup.
    let admitted = this.guard.admit(a);
    if (typeof admitted !== "boolean") admitted = await admitted;
    if (!admitted) return;

    let finishing: Promise<void> | undefined;
    try {
      this.publisher.started(a);
      try {
        await this.runner.run(a);
      } catch (e) {
        await this.publisher.attemptFailed(a, e);
        return;
      }
      // The result is published and acked after the agent is free again (the next task does not
      // wait for the PubAck round trip); the number finishing this way is bounded (see dispatch).
      finishing = this.publisher.completed(a);
    } finally {
      if (!finishing) this.guard.release(a.taskId);
    }
    const p: Promise<void> = finishing.finally(() => {
      this.guard.release(a.taskId);
      this.finishing.delete(p);
      this.dispatch();
    });
    this.finishing.add(p);
  }

  /**
   * Graceful stop: stop pulling, hand back what waits locally, let running tasks finish within
   * `deadlineMs` (then abort them; they are redelivered), send a last heartbeat.
   */
  async stop(deadlineMs = 10_000): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.scheduler.clear();
    clearInterval(this.keepAliveTimer);
    // Tasks waiting here for an agent go straight back to the server (another replica takes them).
    const waiting = await Promise.all([...this.feeds.values()].map((f) => f.stop()));
    for (const m of waiting.flat()) m.nak();
    const all = Promise.allSettled([...this.inFlight]).then(() => Promise.allSettled([...this.finishing]));
    const timer = setTimeout(() => this.hardStop.abort(new Error("shutting down")), deadlineMs);
    await all;
    clearTimeout(timer);
    this.heartbeats.stop();
    this.maxDeliveries.stop();
    this.heartbeats.beat();
    this.o.log.info({ type: this.type }, "agent pool stopped");
  }
}

