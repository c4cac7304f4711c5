import type { JetStreamClient, JetStreamManager } from "@nats-io/jetstream";
import type { Msg, NatsConnection, Subscription } from "@nats-io/transport-node";
import { BANDS, Headers, Streams, Subjects, consumerName, type AgentType, type TaskError, type TaskFailedEvent, EVENT_SCHEMA_VERSION } from "@gardenos/contracts";
import type { DeadLetterWriter } from "../dead-letter-writer.js";
import { errorMessage } from "../errors.js";
import type { Logger } from "../logger.js";

export interface MaxDeliveriesWatchOptions {
  nc: NatsConnection;
  js: Pick<JetStreamClient, "publish">;
  deadLetters: DeadLetterWriter;
  type: AgentType;
  service: string;
  /** Attempts in all; reported when the advisory does not say. */
  maxDeliver: number;
  log: Logger;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

/**
 * Safety net for a task whose last attempt never finished (its agent was killed): JetStream stops
 * delivering it and announces MAX_DELIVERIES; one replica (queue group) moves it to the dead
 * letters and publishes task.failed, so no task is left stuck in the work queue.
 */
export class MaxDeliveriesWatch {
  private readonly subs: Subscription[] = [];

  constructor(private readonly o: MaxDeliveriesWatchOptions) {}

  start(jsm: JetStreamManager): void {
    this.subs.length = 0;
    for (const band of BANDS) {
      const consumer = consumerName(this.o.type, band);
      this.subs.push(
        this.o.nc.subscribe(`$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${Streams.tasks}.${consumer}`, {
          queue: `gardenos-${this.o.service}-max-deliveries`,
          callback: (err, m) => {
            if (err) return;
            void this.exhausted(jsm, m);
          },
        }),
      );
    }
  }

  stop(): void {
    for (const sub of this.subs) sub.unsubscribe();
  }

  private async exhausted(jsm: JetStreamManager, m: Msg): Promise<void> {
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
    const attempts = adv.deliveries ?? this.o.maxDeliver;
    const message = `no attempt finished: the task was delivered ${attempts} times and timed out each time`;
    const error: TaskError = { code: "ERR_ATTEMPTS_EXHAUSTED", message, retryable: false };
    try {
      await this.o.deadLetters.write({
        subject: stored.subject,
        data: stored.data,
        taskId,
        seq: stored.seq,
        code: error.code,
        message,
        attempts,
        recordSubject: true,
      });
      const failed: TaskFailedEvent = {
        schema_version: EVENT_SCHEMA_VERSION,
        task_id: taskId,
        type: this.o.type,
        subject: stored.subject,
        agent_id: `${this.o.service}-supervisor`,
        attempts,
        error,
        failed_at: new Date().toISOString(),
      };
      await this.o.js.publish(Subjects.taskFailed, enc.encode(JSON.stringify(failed)), { msgID: `${taskId}:failed:${stored.seq}` });
      await jsm.streams.deleteMessage(Streams.tasks, stored.seq, false);
      this.o.log.warn({ task_id: taskId, seq: stored.seq }, "task exhausted its deliveries; moved to the dead letters");
    } catch (e) {
      this.o.log.error({ err: errorMessage(e), task_id: taskId }, "could not move an exhausted task to the dead letters");
    }
  }
}
