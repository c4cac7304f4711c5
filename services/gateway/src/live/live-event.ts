import { Headers, LiveEventNames, REACTION_SUBJECT_PREFIX, Subjects, agentTypes, emailClassification, type LiveEvent, type LiveEventName, type TaskStatus } from "@gardenos/contracts";

/** The parts of a RESULTS message the live side reads (a JetStream message; tests pass plain objects). */
export interface ResultMessage {
  subject: string;
  seq: number;
  data: Uint8Array;
  headers?: { get(name: string): string } | undefined;
}

const dec = new TextDecoder();
/** Throws on bytes that are not UTF-8: only then are the payload's own bytes not what its text encodes to. */
const strictDec = new TextDecoder("utf-8", { fatal: true });

function str(v: unknown): string | null {
  return typeof v === "string" && v.length > 0 ? v : null;
}

/**
 * Turns one RESULTS message into the event the streams and webhooks send, or undefined for a
 * subject that is no task event or a payload without a task id. Cheap on purpose (no schema
 * validation: thousands of events a second pass here); the raw task `payload` of a task.failed is
 * left out (it may hold a lead's data that failed validation).
 */
export function liveEventOf(m: ResultMessage, o: DecodeOptions = TASK_EVENTS_ONLY): LiveEvent | undefined {
  return decodeResult(m, o)?.event;
}

export interface DecodeOptions {
  /** Also `email.reaction.<kind>` events (as `email.reaction`, the classification's task, status completed): webhooks want them, the live streams do not. */
  reactions?: boolean;
}

const REACTION_PREFIX = `${REACTION_SUBJECT_PREFIX}.`;
/** The live streams' options (no reactions), shared so that the hot path allocates none per event. */
const TASK_EVENTS_ONLY: DecodeOptions = {};

/**
 * liveEventOf() plus the payload's own JSON text when it can stand as the event's `data` as it is
 * (one line, nothing left out), so that encoding the event does not stringify the payload again.
 */
export function decodeResult(m: ResultMessage, o: DecodeOptions = TASK_EVENTS_ONLY): { event: LiveEvent; dataJson: string | undefined; dataBytes?: Uint8Array | undefined } | undefined {
  let name: LiveEventName;
  let status: TaskStatus;
  switch (m.subject) {
    case Subjects.taskStarted:
      [name, status] = [LiveEventNames.started, "processing"];
      break;
    case Subjects.taskRetrying:
      [name, status] = [LiveEventNames.retrying, "queued"];
      break;
    case Subjects.taskFailed:
      [name, status] = [LiveEventNames.failed, "failed"];
      break;
    case Subjects.taskCancelled:
      [name, status] = [LiveEventNames.cancelled, "cancelled"];
      break;
    default:
      if (o.reactions && m.subject.startsWith(REACTION_PREFIX)) [name, status] = [LiveEventNames.reaction, "completed"];
      else if (!agentTypes.byResultSubject(m.subject)) return undefined;
      else [name, status] = [LiveEventNames.completed, "completed"];
  }
  let data: Record<string, unknown>;
  let text: string;
  let utf8 = true;
  try {
    text = strictDec.decode(m.data);
  } catch {
    text = dec.decode(m.data);
    utf8 = false;
  }
  let dataJson: string | undefined = text.includes("\n") || text.includes("\r") ? undefined : text;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return undefined;
    data = parsed as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const taskId = str(data.task_id);
  if (!taskId) return undefined;
  if (name === LiveEventNames.failed && "payload" in data) {
    const { payload: _payload, ...rest } = data;
    data = rest;
    dataJson = undefined;
  }
  const at = str(data.completed_at) ?? str(data.failed_at) ?? str(data.started_at) ?? str(data.cancelled_at) ?? new Date().toISOString();
  const traceparent = m.headers?.get(Headers.traceparent);
  const event: LiveEvent = {
    event: name,
    seq: m.seq,
    task_id: taskId,
    type: str(data.type) ?? agentTypes.byResultSubject(m.subject)?.type ?? (name === LiveEventNames.reaction ? emailClassification.type : null),
    status,
    lead_id: str(data.lead_id),
    at,
    trace_id: traceparent ? (traceparent.split("-")[1] ?? null) : null,
    data,
  };
  // The payload's own bytes are its text's UTF-8 when they are valid UTF-8 and start with the
  // object itself (a byte-order mark is dropped by the decoder, not by a copy of the bytes).
  return { event, dataJson, ...(dataJson !== undefined && utf8 && m.data[0] === 0x7b ? { dataBytes: m.data } : {}) };
}

/** True for the events after which a task does nothing more. */
export function isTerminal(e: Pick<LiveEvent, "status">): boolean {
  return e.status === "completed" || e.status === "failed" || e.status === "cancelled";
}
