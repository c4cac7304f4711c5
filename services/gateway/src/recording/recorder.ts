import { jetstream, type ConsumerMessages, type JsMsg } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { RECORDER_CONSUMER, Streams, issuesMessage, parseResultEvent, toIssues } from "@gardenos/contracts";
import { DeadLetterWriter, errorMessage, type Logger } from "@gardenos/runtime";
import { ZodError } from "zod";
import type { RecordedEvent, TaskStore } from "./task-store.js";

const BATCH = 500;

function parse(msg: JsMsg): RecordedEvent | undefined {
  return parseResultEvent(msg.subject, msg.json());
}

/**
 * Records result events into `ai_interactions`: a durable consumer of RESULTS, batched writes
 * in one transaction, acks only after the commit. When the database is down nothing is acked;
 * the events come back and are written once it is up again.
 */
export class Recorder {
  private messages: ConsumerMessages | undefined;
  private buffer: JsMsg[] = [];
  private flushing: Promise<void> | undefined;
  private stopped = false;
  private deadLetters: DeadLetterWriter;
  recorded = 0;

  constructor(
    private readonly nc: NatsConnection,
    private readonly store: TaskStore,
    private readonly log: Logger,
  ) {
    this.deadLetters = new DeadLetterWriter(jetstream(nc));
  }

  async start(): Promise<void> {
    const consumer = await jetstream(this.nc).consumers.get(Streams.results, RECORDER_CONSUMER);
    this.messages = await consumer.consume({
      max_messages: 1000,
      callback: (m) => {
        this.buffer.push(m);
        this.schedule();
      },
    });
  }

  private schedule(): void {
    if (this.flushing || this.stopped) return;
    this.flushing = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.flush())
      .finally(() => {
        this.flushing = undefined;
        if (this.buffer.length > 0) this.schedule();
      });
  }

  private async flush(): Promise<void> {
    const batch = this.buffer.splice(0, BATCH);
    if (batch.length === 0) return;
    const events: RecordedEvent[] = [];
    for (const m of batch) {
      try {
        const e = parse(m);
        if (e) events.push(e);
      } catch (err) {
        // If it does not parse it never will: it goes to the dead letters (where it can be read and
        // replayed once fixed) and is skipped here.
        await this.deadLetter(m, err);
      }
    }
    try {
      if (events.length) await this.store.apply(events);
      for (const m of batch) m.ack();
      this.recorded += events.length;
    } catch (err) {
      this.log.error({ err, events: events.length }, "could not record results; retrying");
      for (const m of batch) m.nak(2000);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }

  private async deadLetter(m: JsMsg, err: unknown): Promise<void> {
    const message = err instanceof ZodError ? issuesMessage(toIssues(err)) : errorMessage(err);
    const taskId = m.headers?.get("Nats-Msg-Id")?.split(":")[0] || `result-${m.seq}`;
    this.log.error({ subject: m.subject, seq: m.seq, task_id: taskId, error: message }, "result event does not follow the contract; moved to the dead letters");
    await this.deadLetters
      .write({ subject: m.subject, data: m.data, taskId, seq: m.seq, code: "ERR_EVENT_INVALID", message, attempts: 1, recordSubject: true })
      .catch((e: unknown) => this.log.warn({ err: errorMessage(e), seq: m.seq }, "could not dead-letter the result event"));
  }

  async stop(): Promise<void> {
    await this.messages?.close().catch(() => undefined);
    await this.flushing;
    if (this.buffer.length) await this.flush();
    this.stopped = true;
  }
}
