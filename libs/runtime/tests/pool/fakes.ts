import { headers as natsHeaders, type MsgHdrs } from "@nats-io/transport-node";
import type { PubAck } from "@nats-io/jetstream";
import type { TaskEvent } from "@gardenos/contracts";
import { createLogger } from "../../src/logger.js";
import type { AgentState, TaskAttempt, TaskMessage } from "../../src/pool/types.js";

/** Everything the fakes were asked to do, in order: "publish <subject>", "ack", "nak 1234", "term", "working". */
export type Journal = string[];

export const silentLog = createLogger({ name: "test", level: "silent", format: "json" });

export const lead = { id: "crm-1", company: { name: "Acme" }, contact: { name: "Jane Doe", email: "jane@acme.example" } };

/** A task message that records how it was settled. */
export function fakeMsg(journal: Journal, o: { seq?: number; attempt?: number; subject?: string; body?: unknown; raw?: string; headers?: MsgHdrs } = {}): TaskMessage {
  const data = new TextEncoder().encode(o.raw ?? JSON.stringify(o.body ?? { task_id: "t-1", lead }));
  const msg = {
    subject: o.subject ?? "lead.analyze",
    seq: o.seq ?? 7,
    data,
    headers: o.headers,
    info: { deliveryCount: o.attempt ?? 1 },
    ack: () => void journal.push("ack"),
    nak: (delay?: number) => void journal.push(delay === undefined ? "nak" : `nak ${delay}`),
    term: () => void journal.push("term"),
    working: () => void journal.push("working"),
  };
  return msg as unknown as TaskMessage;
}

export interface Published {
  subject: string;
  msgID: string | undefined;
  headers: MsgHdrs | undefined;
  data: Uint8Array;
  json: () => Record<string, unknown>;
}

/** A JetStream publisher that stores what it is given; `failures` makes the next publishes to a subject fail. */
export function fakeJs(journal: Journal, failures: Record<string, number> = {}) {
  const published: Published[] = [];
  return {
    published,
    async publish(subject: string, data?: string | Uint8Array, opts?: { msgID?: string; headers?: MsgHdrs }): Promise<PubAck> {
      if ((failures[subject] ?? 0) > 0) {
        failures[subject]!--;
        journal.push(`publish failed ${subject}`);
        throw new Error("no responders");
      }
      const bytes = typeof data === "string" ? new TextEncoder().encode(data) : (data ?? new Uint8Array());
      journal.push(`publish ${subject}`);
      published.push({ subject, msgID: opts?.msgID, headers: opts?.headers, data: bytes, json: () => JSON.parse(new TextDecoder().decode(bytes)) });
      return { stream: "TEST", seq: published.length, duplicate: false, domain: "" } as PubAck;
    },
  };
}

export function fakeAgent(): AgentState {
  return { id: "lead-analysis-0", index: 0, status: "processing", processed: 0, errors: 0, currentTaskId: null, startedAt: Date.now(), lastActivityAt: null, latencyTotalMs: 0, retiring: false, restartPending: false };
}

export function fakeAttempt<E extends TaskEvent = TaskEvent, R = unknown>(msg: TaskMessage, over: Partial<TaskAttempt<E, R>> = {}): TaskAttempt<E, R> {
  return {
    msg,
    band: "normal",
    agent: fakeAgent(),
    attempt: msg.info.deliveryCount,
    startedAt: Date.now(),
    taskId: "t-1",
    log: silentLog,
    event: undefined,
    priority: 5,
    startedAck: undefined,
    keepAlive: undefined,
    output: undefined,
    result: undefined,
    ...over,
  };
}

export function headersOf(entries: Record<string, string>): MsgHdrs {
  const h = natsHeaders();
  for (const [k, v] of Object.entries(entries)) h.set(k, v);
  return h;
}
