import { headers as natsHeaders, type MsgHdrs } from "@nats-io/transport-node";
import {
  ErrorCodes,
  Headers,
  Subjects,
  EVENT_SCHEMA_VERSION,
  agentTypes,
  boundedTaskError,
  type AgentType,
  type AgentTypeDefinition,
  type ErrorCode,
  type TaskError,
  type TaskEvent,
  type TaskFailedEvent,
  type TaskRetryingEvent,
  type TaskStartedEvent,
} from "@gardenos/contracts";
import type { DeadLetterWriter } from "../dead-letter-writer.js";
import { TransientError, errorMessage, isUnrecoverable } from "../errors.js";
import type { DeliveryGuard } from "./delivery-guard.js";
import { taskStartedFields } from "./task-input.js";
import { ackWaitSeconds, type TaskAttempt, type TaskMessage } from "./types.js";

/** Publishes into JetStream (the pool's LeanPublisher; nats.js's client works too). */
export interface StreamPublisher {
  /** Resolves once JetStream stored the message (its PubAck). */
  publish(subject: string, data: Uint8Array, o?: { msgID?: string; headers?: MsgHdrs }): Promise<unknown>;
  /** Stores the message without asking for a PubAck, where the publisher can. */
  send?(subject: string, data: Uint8Array, o?: { msgID?: string; headers?: MsgHdrs }): void;
}

export interface ResultPublisherOptions {
  type: AgentType;
  js: StreamPublisher;
  deadLetters: Pick<DeadLetterWriter, "write">;
  guard: Pick<DeliveryGuard, "completed" | "terminated">;
  timeoutSeconds: number;
  /** Attempts in all (retries + 1): the last one that fails dead-letters the task. */
  maxDeliver: number;
  /** First retry delay in ms; doubles each attempt, with jitter. Default 1000. */
  retryBaseMs?: number | undefined;
  /** The pool's hard-stop signal (it is replaced when a stopped pool starts again). */
  hardStop: () => AbortSignal;
}

/** Why a task fails for good, as task.failed and the dead letter report it. */
export interface Failure {
  code: ErrorCode;
  message: string;
  issues?: { path: string; message: string }[] | undefined;
  /** The event could not be read: task.failed carries its first 4 KiB. */
  invalidEvent?: boolean;
  /** The lead an unreadable event names (the task reader's), for task.failed. */
  leadId?: string | undefined;
}

const enc = new TextEncoder();
const dec = new TextDecoder();


/**
 * Settles a task's message and tells everyone how it went: task.started; the result (first) and
 * the ack (second); task.retrying and a nak with back-off; or a dead letter, task.failed and term.
 */
export class ResultPublisher {
  private readonly def: AgentTypeDefinition;

  constructor(private readonly o: ResultPublisherOptions) {
    this.def = agentTypes.require(o.type);
  }

  /**
   * Publishes task.started. With a publisher that can, without a PubAck (nothing waits for it:
   * the result published after it on the same connection is stored after it, and a lost
   * task.started only means the row skips "processing"); otherwise its PubAck is kept on the
   * attempt and awaited later.
   */
  started(a: TaskAttempt): void {
    const startedEvent: TaskStartedEvent = {
      schema_version: EVENT_SCHEMA_VERSION,
      task_id: a.taskId,
      type: this.o.type,
      agent_id: a.agent.id,
      attempt: a.attempt,
      started_at: new Date(a.startedAt).toISOString(),
      subject: a.msg.subject,
      priority: a.priority,
      ...taskStartedFields(this.def, a.event!),
    };
    const msgID = `${a.taskId}:started:${a.msg.seq}:${a.attempt}`;
    if (this.o.js.send) {
      try {
        this.o.js.send(Subjects.taskStarted, enc.encode(JSON.stringify(startedEvent)), { msgID, headers: this.headersOf(a.msg) });
      } catch (e) {
        a.log.warn({ err: errorMessage(e) }, "task.started not published");
      }
      return;
    }
    a.startedAck = this.publish(Subjects.taskStarted, startedEvent, msgID, a.msg).catch((e: unknown) => e);
  }

  /**
   * Result first (deduplicated by msgID), ack second: a crash in between only repeats the publish,
   * which JetStream drops. A broker hiccup here does not cost an attempt: the publish is retried
   * while the message is kept alive (the attempt's keep-alive timer, stopped here).
   */
  async completed(a: TaskAttempt): Promise<void> {
    const { agent, msg } = a;
    const completedAt = Date.now();
    const latency = completedAt - a.startedAt;
    try {
      const output = a.output!;
      const leadId = this.def.leadIdOf(a.event!);
      const resultEvent = {
        schema_version: EVENT_SCHEMA_VERSION,
        task_id: a.taskId,
        type: this.o.type,
        status: "completed" as const,
        ...(leadId ? { lead_id: leadId } : {}),
        agent_id: agent.id,
        model: output.model,
        provider: output.provider,
        degraded: output.degraded,
        ...(output.degradedReason ? { degraded_reason: output.degradedReason } : {}),
        usage: output.usage,
        cost_usd: output.costUsd,
        latency_ms: latency,
        attempts: a.attempt,
        started_at: new Date(a.startedAt).toISOString(),
        completed_at: new Date(completedAt).toISOString(),
        result: a.result,
      };
      // task.started went out first on this connection, so it is stored first; its PubAck need
      // not be awaited before the result's.
      void a.startedAck?.then((sErr) => {
        if (sErr instanceof Error) a.log.warn({ err: errorMessage(sErr) }, "task.started not published");
      });
      await this.publishPersistently(this.def.resultSubject, resultEvent, `${a.taskId}:result`, a);
      msg.ack();
      this.o.guard.completed(a.taskId);
      agent.processed++;
      agent.latencyTotalMs += latency;
      agent.lastActivityAt = Date.now();
    } catch (e) {
      // Could not publish within the ack wait: let JetStream redeliver it.
      a.log.error({ err: errorMessage(e) }, "result not published; the task will be redelivered");
      agent.errors++;
      msg.nak(this.retryDelay(a.attempt));
    } finally {
      clearInterval(a.keepAlive);
    }
  }

  /**
   * An attempt threw: hand it back at shutdown, fail an unrecoverable or last attempt, otherwise
   * announce task.retrying and nak with back-off (at least a provider's Retry-After).
   */
  async attemptFailed(a: TaskAttempt, e: unknown): Promise<void> {
    const { agent, msg, log } = a;
    await a.startedAck;
    agent.lastActivityAt = Date.now();
    if (this.o.hardStop().aborted) {
      log.info("task handed back at shutdown");
      msg.nak();
    } else if (isUnrecoverable(e)) {
      await this.fail(a, { code: (e.code in ErrorCodes ? e.code : "ERR_AGENT_FAILED") as ErrorCode, message: e.message, issues: e.issues });
    } else if (a.attempt >= this.o.maxDeliver) {
      await this.fail(a, { code: "ERR_ATTEMPTS_EXHAUSTED", message: `failed after ${a.attempt} attempts; last error: ${errorMessage(e)}` });
    } else {
      agent.errors++;
      const delay = this.retryDelay(a.attempt, e instanceof TransientError ? e.retryAfterMs : undefined);
      log.warn({ err: errorMessage(e), retry_in_ms: delay }, "task attempt failed; will retry");
      const retrying: TaskRetryingEvent = {
        schema_version: EVENT_SCHEMA_VERSION,
        task_id: a.taskId,
        type: this.o.type,
        agent_id: agent.id,
        attempt: a.attempt,
        subject: msg.subject,
        error: boundedTaskError({ code: "ERR_AGENT_FAILED", message: errorMessage(e), retryable: true }),
        failed_at: new Date().toISOString(),
        retry_in_ms: delay,
      };
      await this.publish(Subjects.taskRetrying, retrying, `${a.taskId}:retrying:${msg.seq}:${a.attempt}`, msg).catch((err: unknown) =>
        log.warn({ err: errorMessage(err) }, "task.retrying not published"),
      );
      msg.nak(delay);
    }
  }

  /**
   * Ends a task as failed: copy to the dead-letter stream, publish task.failed, then remove it
   * from the work queue. Each publish awaits its ack; if one fails the task is retried later.
   */
  async fail(a: TaskAttempt, f: Failure): Promise<void> {
    const { agent, msg, log } = a;
    agent.errors++;
    const error: TaskError = boundedTaskError({ code: f.code, message: f.message, retryable: false, ...(f.issues ? { issues: f.issues } : {}) });
    const leadId = a.event ? this.def.leadIdOf(a.event) : f.leadId;
    const failed: TaskFailedEvent = {
      schema_version: EVENT_SCHEMA_VERSION,
      task_id: a.taskId,
      type: this.o.type,
      ...(leadId ? { lead_id: leadId } : {}),
      subject: msg.subject,
      agent_id: agent.id,
      attempts: a.attempt,
      error,
      failed_at: new Date().toISOString(),
      ...(f.invalidEvent ? { payload: dec.decode(msg.data.subarray(0, 4096)) } : {}),
    };
    try {
      await this.o.deadLetters.write({
        subject: msg.subject,
        data: msg.data,
        taskId: a.taskId,
        seq: msg.seq,
        code: f.code,
        message: f.message,
        attempts: a.attempt,
        headers: msg.headers,
      });
      await this.publish(Subjects.taskFailed, failed, `${a.taskId}:failed:${msg.seq}`, msg);
      msg.term();
      // This message has ended (a replay is a new message and runs again).
      this.o.guard.terminated(msg.seq);
      log.warn({ code: f.code, error: f.message }, "task failed");
    } catch (e) {
      log.error({ err: e }, "could not record the failure; the task will be redelivered");
      msg.nak(this.retryDelay(a.attempt));
    }
  }

  /** Exponential back-off with ±25 % jitter, at least a provider's Retry-After. */
  retryDelay(attempt: number, retryAfterMs?: number): number {
    const base = (this.o.retryBaseMs ?? 1000) * 2 ** (attempt - 1);
    const jittered = base * (0.75 + Math.random() * 0.5);
    return Math.round(Math.min(5 * 60_000, Math.max(jittered, retryAfterMs ?? 0)));
  }

  /**
   * Publishes until JetStream acknowledges, for up to half the ack wait (the caller keeps the
   * task alive meanwhile). Same msgID each time, so a publish that did land is not duplicated.
   */
  private async publishPersistently(subject: string, payload: unknown, msgID: string, a: TaskAttempt): Promise<void> {
    const deadline = Date.now() + (ackWaitSeconds(this.o.timeoutSeconds) * 1000) / 2;
    for (let i = 0; ; i++) {
      try {
        await this.publish(subject, payload, msgID, a.msg);
        return;
      } catch (e) {
        if (Date.now() > deadline || this.o.hardStop().aborted) throw e;
        if (i === 0) a.log.warn({ err: errorMessage(e) }, "publishing the result failed; retrying");
        await new Promise((r) => setTimeout(r, Math.min(2000, 100 * 2 ** i)));
      }
    }
  }

  /** JSON payload with the task's traceparent, deduplicated by msgID. */
  private async publish(subject: string, payload: unknown, msgID: string, cause: TaskMessage): Promise<void> {
    await this.o.js.publish(subject, enc.encode(JSON.stringify(payload)), { msgID, headers: this.headersOf(cause) });
  }

  /** Headers carrying the task's traceparent (the msgID is added by the publisher). */
  private headersOf(cause: TaskMessage): MsgHdrs {
    const h = natsHeaders();
    const tp = cause.headers?.get(Headers.traceparent);
    if (tp) h.set(Headers.traceparent, tp);
    return h;
  }
}
