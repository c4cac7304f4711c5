import type { JetStreamClient, PubAck } from "@nats-io/jetstream";
import { headers as natsHeaders, type MsgHdrs } from "@nats-io/transport-node";
import { DeadLetterHeaders, Headers, deadLetterSubject } from "@gardenos/contracts";

/** A message to move to the dead letters, and why. */
export interface DeadLetter {
  /** Subject of the original message; the dead letter goes to `dlq.<subject>`. */
  subject: string;
  /** The original payload, unchanged (a replay publishes it again). */
  data: Uint8Array;
  taskId: string;
  /** Stream sequence of the original message: with the task id, the dead letter's msgID. */
  seq: number;
  code: string;
  message: string;
  attempts: number;
  /** Headers of the original message to keep (its Nats-Msg-Id is dropped so a replay is new). */
  headers?: MsgHdrs | undefined;
  /** Also record the original subject in a header (when the letter is not a delivered copy). */
  recordSubject?: boolean;
}

/**
 * Writes dead letters: a copy of the task on `dlq.<subject>` (the DEAD_LETTERS stream) with the
 * GardenOS-Error-Code / -Error / -Attempts / -Task-Id headers, deduplicated by the msgID
 * `<task id>:dlq:<seq>`. Every component that gives up on a message writes it through this.
 */
export class DeadLetterWriter {
  constructor(private readonly js: Pick<JetStreamClient, "publish">) {}

  /** Publishes the dead letter and resolves once JetStream has stored it. */
  write(letter: DeadLetter): Promise<PubAck> {
    const h = natsHeaders();
    letter.headers?.keys().forEach((k) => letter.headers?.values(k).forEach((v) => h.append(k, v)));
    h.set(DeadLetterHeaders.errorCode, letter.code);
    h.set(DeadLetterHeaders.error, letter.message.slice(0, 1000).replace(/[\r\n]+/g, " "));
    h.set(DeadLetterHeaders.attempts, String(letter.attempts));
    h.set(DeadLetterHeaders.taskId, letter.taskId);
    if (letter.recordSubject) h.set(DeadLetterHeaders.originalSubject, letter.subject);
    h.delete(Headers.msgId);
    return this.js.publish(deadLetterSubject(letter.subject), letter.data, { msgID: `${letter.taskId}:dlq:${letter.seq}`, headers: h });
  }
}
