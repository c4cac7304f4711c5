import type { JetStreamManager, MsgRequest } from "@nats-io/jetstream";
import {
  BANDS,
  agentTypes,
  RECORDER_CONSUMER,
  Streams,
  consumerName,
  taskSubject,
  type AgentType,
  type Band,
  type ConsumerDebug,
  type QueuesDebug,
  type StreamDebug,
} from "@gardenos/contracts";
import { JsCodes, isCode } from "@gardenos/runtime";

type Depths = Record<AgentType, Record<Band, { pending: number; ack_pending: number }>>;

function missing(e: unknown): boolean {
  return isCode(e, JsCodes.ConsumerNotFound) || isCode(e, JsCodes.StreamNotFound);
}

async function streamDebug(jsm: JetStreamManager, name: string): Promise<{ view: StreamDebug; subjects?: Record<string, number> }> {
  try {
    const si = await jsm.streams.info(name, name === Streams.deadLetters ? { subjects_filter: ">" } : undefined);
    return {
      view: {
        stream: name,
        messages: si.state.messages,
        bytes: si.state.bytes,
        first_seq: si.state.first_seq,
        last_seq: si.state.last_seq,
        consumers: si.state.consumer_count,
        present: true,
      },
      subjects: si.state.subjects ?? {},
    };
  } catch (e) {
    if (!missing(e)) throw e;
    return { view: { stream: name, messages: 0, bytes: 0, first_seq: 0, last_seq: 0, consumers: 0, present: false } };
  }
}

/** Age in seconds of the first task on `subject` after the consumer's delivered sequence. */
async function oldestWaitingAge(jsm: JetStreamManager, subject: string, afterSeq: number, now: number): Promise<number | null> {
  try {
    // STREAM.MSG.GET with next_by_subj (nats-server ≥ 2.9): the first message on the subject from `seq`.
    const m = await jsm.streams.getMessage(Streams.tasks, { seq: afterSeq + 1, next_by_subj: subject } as unknown as MsgRequest);
    if (!m) return null;
    return Math.max(0, Math.round((now - m.time.getTime()) / 100) / 10);
  } catch {
    return null;
  }
}

/** Tasks waiting or running per type (`queue_sizes`: the seed's keys `lead_analysis`, `follow_up`, plus any other type). */
export function queueSizes(depths: Depths, types: readonly AgentType[]): Record<AgentType, number> {
  return Object.fromEntries(types.map((t) => [t, BANDS.reduce((n, b) => n + (depths[t]?.[b].pending ?? 0) + (depths[t]?.[b].ack_pending ?? 0), 0)]));
}

/**
 * Streams, consumers (with the oldest waiting task's age), dead letters — read from JetStream now.
 * `types`: the agent types whose consumers are listed (default: every registered type).
 */
export async function collectQueues(
  jsm: JetStreamManager,
  failures: QueuesDebug["last_failures"],
  types: readonly AgentType[] = agentTypes.names(),
  now = Date.now(),
): Promise<{ debug: QueuesDebug; depths: Depths }> {
  const streams = await Promise.all([Streams.tasks, Streams.results, Streams.deadLetters].map((s) => streamDebug(jsm, s)));
  const consumers: ConsumerDebug[] = [];
  const depths = {} as Depths;
  for (const type of types) {
    const byBand = {} as Record<Band, { pending: number; ack_pending: number }>;
    depths[type] = byBand;
    for (const band of BANDS) {
      const name = consumerName(type, band);
      const subject = taskSubject(type, band);
      try {
        const ci = await jsm.consumers.info(Streams.tasks, name);
        byBand[band] = { pending: ci.num_pending, ack_pending: ci.num_ack_pending };
        consumers.push({
          stream: Streams.tasks,
          consumer: name,
          agent_type: type,
          band,
          filter_subject: subject,
          pending: ci.num_pending,
          ack_pending: ci.num_ack_pending,
          redelivered: ci.num_redelivered,
          waiting_pulls: ci.num_waiting,
          oldest_waiting_age_seconds: ci.num_pending > 0 ? await oldestWaitingAge(jsm, subject, ci.delivered.stream_seq, now) : null,
          present: true,
        });
      } catch (e) {
        if (!missing(e)) throw e;
        byBand[band] = { pending: 0, ack_pending: 0 };
        consumers.push({
          stream: Streams.tasks,
          consumer: name,
          agent_type: type,
          band,
          filter_subject: subject,
          pending: 0,
          ack_pending: 0,
          redelivered: 0,
          waiting_pulls: 0,
          oldest_waiting_age_seconds: null,
          present: false,
        });
      }
    }
  }
  try {
    const ci = await jsm.consumers.info(Streams.results, RECORDER_CONSUMER);
    consumers.push({
      stream: Streams.results,
      consumer: RECORDER_CONSUMER,
      pending: ci.num_pending,
      ack_pending: ci.num_ack_pending,
      redelivered: ci.num_redelivered,
      waiting_pulls: ci.num_waiting,
      oldest_waiting_age_seconds: null,
      present: true,
    });
  } catch (e) {
    if (!missing(e)) throw e;
    consumers.push({ stream: Streams.results, consumer: RECORDER_CONSUMER, pending: 0, ack_pending: 0, redelivered: 0, waiting_pulls: 0, oldest_waiting_age_seconds: null, present: false });
  }
  const dlq = streams.find((s) => s.view.stream === Streams.deadLetters);
  const bySubject = dlq?.subjects ?? {};
  return {
    depths,
    debug: {
      streams: streams.map((s) => s.view),
      consumers,
      dead_letters: { total: dlq?.view.messages ?? 0, by_subject: bySubject },
      last_failures: failures,
      queue_sizes: queueSizes(depths, types),
      generated_at: new Date(now).toISOString(),
    },
  };
}
