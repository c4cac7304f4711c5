import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  type ConsumerConfig,
  type JetStreamManager,
  type StreamConfig,
} from "@nats-io/jetstream";
import { nanos } from "@nats-io/transport-node";
import {
  BANDS,
  agentTypes,
  INTAKE_CONSUMER,
  RECORDER_CONSUMER,
  OUTCOME_CONSUMER,
  REACTION_CONSUMER,
  REACTION_SUBJECT_PREFIX,
  Streams,
  tenantIntakeSubjects,
  Subjects,
  consumerName,
  taskSubject,
  type AgentType,
  type Band,
} from "@gardenos/contracts";
import type { BaseConfig } from "./config.js";

/**
 * The JetStream topology, declared by each service at start. Re-declaring an identical stream or
 * consumer is a no-op, and a changed one is updated, so every replica can run this safely.
 */

type TopologyConfig = Pick<
  BaseConfig,
  "STREAM_REPLICAS" | "TASKS_MAX_MSGS" | "TASKS_MAX_BYTES" | "TASKS_MAX_AGE" | "RESULTS_MAX_AGE" | "DLQ_MAX_AGE" | "RESULTS_MAX_BYTES" | "DLQ_MAX_BYTES"
>;

const SECOND_NS = 1_000_000_000;

/**
 * How long a JetStream API call made while a service starts (stream, consumer and KV set-up) may
 * take. nats.js waits 5 s by default; with many services starting at once on a small or busy
 * machine the server can take longer, and a start that fails for that helps nobody.
 */
export const JS_SETUP_TIMEOUT_MS = 20_000;

/** JetStream API error codes we branch on (nats-server `jetstream_errors_generated.go`). */
export const JsCodes = {
  ConsumerNameExist: 10013,
  ConsumerNotFound: 10014,
  StreamNameExist: 10058,
  StreamNotFound: 10059,
  /** Stream limits reached with discard new ("maximum messages/bytes exceeded"). */
  StreamStoreFailed: 10077,
  ConsumerAlreadyExists: 10148,
} as const;

export function streamConfigs(cfg: TopologyConfig): (Partial<StreamConfig> & { name: string })[] {
  const types = agentTypes.list();
  const taskSubjects = types.flatMap((t) => BANDS.map((b) => taskSubject(t.type, b)));
  return [
    {
      name: Streams.tasks,
      subjects: taskSubjects,
      retention: RetentionPolicy.Workqueue,
      storage: StorageType.File,
      // A full queue refuses new tasks (publishers get an error) instead of dropping old ones.
      discard: DiscardPolicy.New,
      max_msgs: cfg.TASKS_MAX_MSGS,
      max_bytes: cfg.TASKS_MAX_BYTES,
      max_age: cfg.TASKS_MAX_AGE * SECOND_NS,
      max_msg_size: 1024 * 1024,
      duplicate_window: 120 * SECOND_NS,
      num_replicas: cfg.STREAM_REPLICAS,
    },
    {
      name: Streams.results,
      subjects: [...types.map((t) => t.resultSubject), Subjects.taskFailed, Subjects.taskStarted, Subjects.taskRetrying, Subjects.leadOutcome, Subjects.leadOutcomeRefused, Subjects.taskCancelled, `${REACTION_SUBJECT_PREFIX}.>`],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      discard: DiscardPolicy.Old,
      max_age: cfg.RESULTS_MAX_AGE * SECOND_NS,
      // A flood of (possibly hostile) events cannot fill the disk: past the limit the oldest go.
      max_bytes: cfg.RESULTS_MAX_BYTES,
      duplicate_window: 120 * SECOND_NS,
      num_replicas: cfg.STREAM_REPLICAS,
    },
    {
      name: Streams.deadLetters,
      subjects: [`${Subjects.deadLetterPrefix}.>`],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      discard: DiscardPolicy.Old,
      max_age: cfg.DLQ_MAX_AGE * SECOND_NS,
      max_bytes: cfg.DLQ_MAX_BYTES,
      duplicate_window: 120 * SECOND_NS,
      num_replicas: cfg.STREAM_REPLICAS,
    },
  ];
}

export function isCode(e: unknown, code: number): boolean {
  return e instanceof JetStreamApiError && e.code === code;
}

/**
 * Creates the streams, or brings their settings up to date. Subjects are only ever added: a
 * service that knows fewer agent types (no plugin loaded) never takes another type's subjects away.
 */
export async function ensureStreams(jsm: JetStreamManager, cfg: TopologyConfig): Promise<void> {
  for (const sc of streamConfigs(cfg)) await addOrUpdateStream(jsm, sc);
}

/** Creates a stream, or updates its settings; subjects are only ever added. */
async function addOrUpdateStream(jsm: JetStreamManager, sc: Partial<StreamConfig> & { name: string }): Promise<void> {
  try {
    await jsm.streams.add(sc);
  } catch (e) {
    // 10058: stream name already in use with a different configuration → update it.
    if (!isCode(e, JsCodes.StreamNameExist)) throw e;
    const { name, retention: _r, storage: _s, ...editable } = sc;
    const current = await jsm.streams.info(name).catch(() => undefined);
    const subjects = [...new Set([...(current?.config.subjects ?? []), ...(sc.subjects ?? [])])];
    await jsm.streams.update(name, { ...editable, subjects });
  }
}

export interface TaskConsumerOptions {
  /** Seconds one delivery may go unacknowledged (agents extend it with working()). */
  ackWaitSeconds: number;
  /** Deliveries in all: first attempt + retries. */
  maxDeliver: number;
  /** Most tasks in flight across all replicas. */
  maxAckPending: number;
}

export function taskConsumerConfig(type: AgentType, band: Band, o: TaskConsumerOptions): Partial<ConsumerConfig> {
  return {
    durable_name: consumerName(type, band),
    filter_subject: taskSubject(type, band),
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(o.ackWaitSeconds * 1000),
    max_deliver: o.maxDeliver,
    max_ack_pending: o.maxAckPending,
    description: `GardenOS ${type} agents, ${band} band`,
  };
}

/**
 * Creates a durable consumer, or brings the settings that may change (ack wait, max deliver, max
 * ack pending, description: editable on nats-server 2.9) of an existing one up to date, so a
 * consumer created by an older version picks up a new ack wait at the next start.
 */
export async function ensureDurableConsumer(jsm: JetStreamManager, stream: string, cc: Partial<ConsumerConfig> & { durable_name: string }): Promise<void> {
  return ensureConsumer(jsm, stream, cc);
}

async function ensureConsumer(jsm: JetStreamManager, stream: string, cc: Partial<ConsumerConfig>): Promise<void> {
  const name = cc.durable_name!;
  try {
    const info = await jsm.consumers.info(stream, name);
    const c = info.config;
    if (c.ack_wait !== cc.ack_wait || c.max_deliver !== cc.max_deliver || c.max_ack_pending !== cc.max_ack_pending) {
      await jsm.consumers.update(stream, name, {
        ack_wait: cc.ack_wait,
        max_deliver: cc.max_deliver,
        max_ack_pending: cc.max_ack_pending,
        description: cc.description,
      });
    }
  } catch (e) {
    if (!isCode(e, JsCodes.ConsumerNotFound)) throw e;
    try {
      await jsm.consumers.add(stream, cc);
    } catch (e2) {
      // Another replica created it a moment ago.
      if (!isCode(e2, JsCodes.ConsumerNameExist) && !isCode(e2, JsCodes.ConsumerAlreadyExists)) throw e2;
    }
  }
}

/** The band consumers of one agent type. */
export async function ensureTaskConsumers(jsm: JetStreamManager, type: AgentType, o: TaskConsumerOptions): Promise<void> {
  for (const band of BANDS) await ensureConsumer(jsm, Streams.tasks, taskConsumerConfig(type, band, o));
}

/**
 * Ack wait of the gateway's recorder consumer, in seconds: short, because the recorder keeps the
 * events it holds alive with working() while it stores them; after a crash of the gateway the
 * events it held come back within this.
 */
export const RECORDER_ACK_WAIT_SECONDS = 10;

/**
 * Ack wait of the gateway's other work consumers (INTAKE, outcomes, reactions, webhooks), in
 * seconds: short, because the gateway keeps every message it holds alive with working() until it
 * settles it (HeldMessages); after a crash of the gateway what it held comes back within this.
 */
export const GATEWAY_ACK_WAIT_SECONDS = 10;

/** The gateway's durable consumer of every result event. */
export async function ensureRecorderConsumer(jsm: JetStreamManager): Promise<void> {
  await ensureConsumer(jsm, Streams.results, {
    durable_name: RECORDER_CONSUMER,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(RECORDER_ACK_WAIT_SECONDS * 1000),
    max_ack_pending: 10_000,
    description: "GardenOS gateway: records results into ai_interactions",
  });
}

/** The gateway's durable consumer of `lead.outcome` (outcomes published by CRM services). */
export async function ensureOutcomeConsumer(jsm: JetStreamManager): Promise<void> {
  await ensureConsumer(jsm, Streams.results, {
    durable_name: OUTCOME_CONSUMER,
    filter_subject: Subjects.leadOutcome,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(GATEWAY_ACK_WAIT_SECONDS * 1000),
    max_ack_pending: 10_000,
    description: "GardenOS gateway: stores lead outcomes into lead_outcomes",
  });
}

/**
 * The gateway's reactions to classified reply e-mails: a durable consumer of `resultSubject`
 * (`email.classified`, when the e-mail classification type is registered) on RESULTS.
 */
export async function ensureReactionConsumer(jsm: JetStreamManager, resultSubject: string): Promise<void> {
  await ensureConsumer(jsm, Streams.results, {
    durable_name: REACTION_CONSUMER,
    filter_subject: resultSubject,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(GATEWAY_ACK_WAIT_SECONDS * 1000),
    max_ack_pending: 1000,
    description: "GardenOS gateway: reacts to classified reply e-mails (follow-ups, suppressions, scheduled tasks, outcomes)",
  });
}

/**
 * The INTAKE stream and the gateway's consumer of it (only when tenants publish over NATS):
 * `tenant.<tenant>.<task subject>` messages wait there, durable, until the gateway has recorded
 * each for its tenant and queued it on TASKS. Limits as TASKS: a full intake refuses new tasks.
 */
export async function ensureTenantIntake(jsm: JetStreamManager, cfg: TopologyConfig): Promise<void> {
  const sc: Partial<StreamConfig> & { name: string } = {
    name: Streams.intake,
    subjects: tenantIntakeSubjects(),
    retention: RetentionPolicy.Workqueue,
    storage: StorageType.File,
    discard: DiscardPolicy.New,
    max_msgs: cfg.TASKS_MAX_MSGS,
    max_bytes: cfg.TASKS_MAX_BYTES,
    max_age: cfg.TASKS_MAX_AGE * SECOND_NS,
    max_msg_size: 1024 * 1024,
    duplicate_window: 120 * SECOND_NS,
    num_replicas: cfg.STREAM_REPLICAS,
  };
  await addOrUpdateStream(jsm, sc);
  await ensureConsumer(jsm, Streams.intake, {
    durable_name: INTAKE_CONSUMER,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(GATEWAY_ACK_WAIT_SECONDS * 1000),
    max_ack_pending: 1000,
    description: "GardenOS gateway: takes in tenants' tasks",
  });
}

/** Tasks waiting or in flight per agent type (num_pending + num_ack_pending over the bands). */
export async function queueDepths(jsm: JetStreamManager, types: readonly AgentType[] = agentTypes.names()): Promise<Record<AgentType, Record<Band, { pending: number; ack_pending: number }>>> {
  const out = {} as Record<AgentType, Record<Band, { pending: number; ack_pending: number }>>;
  for (const type of types) {
    out[type] = {} as Record<Band, { pending: number; ack_pending: number }>;
    for (const band of BANDS) {
      try {
        const ci = await jsm.consumers.info(Streams.tasks, consumerName(type, band));
        out[type][band] = { pending: ci.num_pending, ack_pending: ci.num_ack_pending };
      } catch (e) {
        if (!isCode(e, JsCodes.ConsumerNotFound) && !isCode(e, JsCodes.StreamNotFound)) throw e;
        // No agent service has started yet: count what waits on the subject instead.
        out[type][band] = { pending: 0, ack_pending: 0 };
      }
    }
  }
  return out;
}

/** True for the broker refusing a publish or subscribe this connection's user may not make. */
export function isPermissionViolation(e: unknown): boolean {
  for (let c: unknown = e, depth = 0; c instanceof Error && depth < 5; c = c.cause, depth++) {
    if (c.name === "PermissionViolationError") return true;
  }
  return false;
}

/**
 * Runs a set-up step of a role that may not create what it reads (the read-only metrics user):
 * while the broker refuses the step, or what it opens does not exist yet, tries again until
 * another service created it (at most `timeoutMs`).
 */
export async function retryUntilCreated<T>(step: () => Promise<T>, timeoutMs = JS_SETUP_TIMEOUT_MS * 3): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await step();
    } catch (e) {
      const waitable = isPermissionViolation(e) || isCode(e, JsCodes.StreamNotFound) || isCode(e, JsCodes.ConsumerNotFound);
      if (!waitable || Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/**
 * For a role that may only read the streams (metrics): declares them only when one is missing
 * (and when the broker refuses that, waits until another service has).
 */
export async function ensureStreamsIfMissing(jsm: JetStreamManager, cfg: TopologyConfig): Promise<void> {
  const present = await Promise.all(streamConfigs(cfg).map((sc) => jsm.streams.info(sc.name).then(() => true, () => false)));
  if (present.every(Boolean)) return;
  await ensureStreams(jsm, cfg).catch(async (e: unknown) => {
    if (!isPermissionViolation(e)) throw e;
    await awaitStreams(jsm, cfg);
  });
}

/** Streams as they are, for a role that may only read them: waits until each exists. */
export async function awaitStreams(jsm: JetStreamManager, cfg: TopologyConfig, timeoutMs?: number): Promise<void> {
  for (const sc of streamConfigs(cfg)) await retryUntilCreated(() => jsm.streams.info(sc.name), timeoutMs);
}
