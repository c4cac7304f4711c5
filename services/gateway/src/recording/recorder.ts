import { jetstream, type ConsumerMessages, type JsMsg } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { RECORDER_CONSUMER, Streams, issuesMessage, parseResultEvent, toIssues } from "@gardenos/contracts";
import { DeadLetterWriter, RECORDER_ACK_WAIT_SECONDS, errorMessage, summarizeDatabaseError, type Logger } from "@gardenos/runtime";
import { ZodError } from "zod";
import type { RecordedEvent, TaskStore } from "./task-store.js";
import type { StoredResult } from "./tenant-results.js";

const BATCH = 500;

/** Names of the Postgres errors a stored event can meet (the code alone goes to logs and dead letters). */
const PG_CONDITIONS: Record<string, string> = {
  "22001": "string_data_right_truncation",
  "22003": "numeric_value_out_of_range",
  "22007": "invalid_datetime_format",
  "22008": "datetime_field_overflow",
  "22P02": "invalid_text_representation",
  "22P05": "untranslatable_character",
  "23502": "not_null_violation",
  "23514": "check_violation",
  "54000": "program_limit_exceeded",
};

/**
 * The SQLSTATE of a database error (drizzle wraps the driver's error as `cause`), else undefined.
 * Only the code is ever logged: the driver's error carries the query and every parameter.
 */
export function pgErrorCode(err: unknown): string | undefined {
  for (let e = err, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** What a log line may say of a failed write: the driver's or system's code (ECONNREFUSED…), else the error's type — never the statement or its parameters. */
function failureCode(err: unknown): string {
  const summary = summarizeDatabaseError(err);
  return summary.code ?? summary.type;
}

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
  /** The batch being stored now. */
  private storing: readonly JsMsg[] = [];
  private keepAlive: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private stopped = false;
  private deadLetters: DeadLetterWriter;
  recorded = 0;

  constructor(
    private readonly nc: NatsConnection,
    private readonly store: TaskStore,
    private readonly log: Logger,
    /** Told of each stored result and task.failed after its commit (the tenants' live copies). */
    private readonly onStored?: (results: StoredResult[]) => void,
  ) {
    this.deadLetters = new DeadLetterWriter(jetstream(nc));
  }

  private stored(parsed: readonly { m: JsMsg; e: RecordedEvent }[]): void {
    if (!this.onStored) return;
    const out: StoredResult[] = [];
    for (const { m, e } of parsed) if (e.kind === "completed" || e.kind === "failed") out.push({ subject: m.subject, data: m.data, taskId: e.event.task_id });
    if (out.length) this.onStored(out);
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
    // The consumer's ack wait is short (a crashed gateway's events come back soon): every event
    // held here, waiting or being stored, is kept alive meanwhile.
    this.keepAlive = setInterval(() => {
      for (const m of this.storing) m.working();
      for (const m of this.buffer) m.working();
    }, (RECORDER_ACK_WAIT_SECONDS * 1000) / 3);
    this.keepAlive.unref();
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
    this.storing = batch;
    try {
      await this.record(batch);
    } finally {
      this.storing = [];
    }
  }

  private async record(batch: JsMsg[]): Promise<void> {
    const parsed: { m: JsMsg; e: RecordedEvent }[] = [];
    const settled: JsMsg[] = [];
    for (const m of batch) {
      try {
        const e = parse(m);
        if (e) parsed.push({ m, e });
        else settled.push(m);
      } catch (err) {
        // If it does not parse it never will: it goes to the dead letters (where it can be read and
        // replayed once fixed) and is skipped here.
        const message = err instanceof ZodError ? issuesMessage(toIssues(err)) : errorMessage(err);
        if (await this.deadLetter(m, "ERR_EVENT_INVALID", message)) settled.push(m);
        else m.nak(2000);
      }
    }
    try {
      if (parsed.length) await this.store.apply(parsed.map((p) => p.e));
      for (const m of settled) m.ack();
      for (const p of parsed) p.m.ack();
      this.recorded += parsed.length;
      this.stored(parsed);
    } catch (err) {
      for (const m of settled) m.ack();
      if (await this.store.ping()) {
        // The database is up but refused the batch: one of its events cannot be stored. Apply
        // them one by one (in order, so the end state is the batch's) and set aside each that
        // still fails, so that one event does not stop the recording of all the others.
        this.log.warn({ code: pgErrorCode(err), events: parsed.length }, "a batch of results was refused; recording its events one by one");
        await this.applyOneByOne(parsed);
        return;
      }
      // The database is down: nothing is acked, the events come back and are written once it is up.
      this.log.error({ code: failureCode(err), events: parsed.length }, "could not record results (database unreachable); retrying");
      this.storing = []; // handed back: no more working() for them
      for (const p of parsed) p.m.nak(2000);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }

  private async applyOneByOne(parsed: readonly { m: JsMsg; e: RecordedEvent }[]): Promise<void> {
    for (let i = 0; i < parsed.length; i++) {
      const { m, e } = parsed[i]!;
      try {
        await this.store.apply([e]);
        m.ack();
        this.recorded++;
        this.stored([parsed[i]!]);
      } catch (err) {
        if (!(await this.store.ping())) {
          // The database went away meanwhile: this event and the rest come back later.
          this.log.error({ code: failureCode(err), events: parsed.length - i }, "could not record results (database unreachable); retrying");
          for (const rest of parsed.slice(i)) rest.m.nak(2000);
          return;
        }
        const code = pgErrorCode(err);
        const message = code ? `the database refused the event (Postgres error ${code}${PG_CONDITIONS[code] ? ` ${PG_CONDITIONS[code]}` : ""})` : "the database refused the event";
        if (await this.deadLetter(m, "ERR_EVENT_INVALID", message)) m.ack();
        else m.nak(2000);
      }
    }
  }

  /** Moves a result message the recorder cannot use to the dead letters; false if that failed. */
  private async deadLetter(m: JsMsg, code: string, message: string): Promise<boolean> {
    const taskId = m.headers?.get("Nats-Msg-Id")?.split(":")[0] || `result-${m.seq}`;
    this.log.error({ subject: m.subject, seq: m.seq, task_id: taskId, code, error: message }, "result event cannot be recorded; moved to the dead letters");
    try {
      await this.deadLetters.write({ subject: m.subject, data: m.data, taskId, seq: m.seq, code, message, attempts: 1, recordSubject: true });
      return true;
    } catch (e) {
      this.log.warn({ err: errorMessage(e), seq: m.seq }, "could not dead-letter the result event; it comes back later");
      return false;
    }
  }

  async stop(): Promise<void> {
    await this.messages?.close().catch(() => undefined);
    clearInterval(this.keepAlive);
    await this.flushing;
    if (this.buffer.length) await this.flush();
    this.stopped = true;
  }
}
