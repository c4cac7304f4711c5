import { jetstream } from "@nats-io/jetstream";
import { Kvm, type KV } from "@nats-io/kv";
import { JS_SETUP_TIMEOUT_MS, JsCodes, isCode } from "./topology.js";
import type { NatsConnection } from "@nats-io/transport-node";
import { KvBuckets, desiredKey, type AgentType } from "@gardenos/contracts";

/**
 * The control plane's KV buckets. Every service opens them the same way (same options), so
 * whichever starts first creates them and the others open them.
 */

/** Seconds an unrefreshed replica slot is kept (its holder refreshes it every heartbeat). */
export const REPLICA_SLOT_TTL_SECONDS = 30;

/** `gardenos_agents`: the desired agent count per type, `desired.<agent_type>`. */
export async function openAgentsKv(nc: NatsConnection, replicas = 1): Promise<KV> {
  return new Kvm(jetstream(nc, { timeout: JS_SETUP_TIMEOUT_MS })).create(KvBuckets.agents, { history: 10, replicas });
}

/**
 * `gardenos_agents` for a service that only reads it (metrics): bound when it exists; created
 * when it does not and the broker lets this user create it (no per-role users); otherwise the
 * broker's refusal is thrown, and retryUntilCreated waits until the gateway or an agent has.
 */
export async function openAgentsKvToRead(nc: NatsConnection, replicas = 1): Promise<KV> {
  const js = jetstream(nc, { timeout: JS_SETUP_TIMEOUT_MS });
  const exists = await (await js.jetstreamManager()).streams.info(`KV_${KvBuckets.agents}`).then(
    () => true,
    (e: unknown) => {
      if (isCode(e, JsCodes.StreamNotFound)) return false;
      throw e;
    },
  );
  return exists ? new Kvm(js).open(KvBuckets.agents) : openAgentsKv(nc, replicas);
}

/** `gardenos_replicas`: replica slots `<agent_type>.<slot>`, expiring when their holder stops refreshing them. */
export async function openReplicasKv(nc: NatsConnection, replicas = 1, ttlSeconds = REPLICA_SLOT_TTL_SECONDS): Promise<KV> {
  return new Kvm(jetstream(nc, { timeout: JS_SETUP_TIMEOUT_MS })).create(KvBuckets.replicas, { history: 1, replicas, ttl: ttlSeconds * 1000 });
}

/**
 * `gardenos_cancelled`: tasks cancelled before an agent started them. Entries expire after
 * `ttlSeconds` (the longest a task can wait on TASKS, TASKS_MAX_AGE): by then the task is gone anyway.
 */
export async function openCancelledKv(nc: NatsConnection, replicas = 1, ttlSeconds = 7 * 86_400): Promise<KV> {
  return new Kvm(jetstream(nc, { timeout: JS_SETUP_TIMEOUT_MS })).create(KvBuckets.cancelled, { history: 1, replicas, ttl: ttlSeconds * 1000 });
}

/** `gardenos_models`: each tenant's active conversion model under `active.<tenant>` (written by the gateway, watched by lead-analysis). */
export async function openModelsKv(nc: NatsConnection, replicas = 1): Promise<KV> {
  return new Kvm(jetstream(nc, { timeout: JS_SETUP_TIMEOUT_MS })).create(KvBuckets.models, { history: 5, replicas, maxValueSize: 1024 * 1024 });
}

/** `gardenos_scheduled`: delayed tasks `<tenant>.<task id>` (ScheduledTaskRecord), released by the gateway when due. */
export async function openScheduledKv(nc: NatsConnection, replicas = 1): Promise<KV> {
  return new Kvm(jetstream(nc, { timeout: JS_SETUP_TIMEOUT_MS })).create(KvBuckets.scheduled, { history: 1, replicas, maxValueSize: 256 * 1024 });
}

/** Parses a desired count as stored (plain integer text, so `nats kv put gardenos_agents desired.lead_analysis 8` works). */
export function parseDesired(text: string): number | undefined {
  const n = Number(text.trim());
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** The desired count of a type, or undefined when none is set (or it is not a count). */
export async function readDesired(kv: KV, type: AgentType): Promise<number | undefined> {
  const e = await kv.get(desiredKey(type));
  if (!e || e.operation !== "PUT") return undefined;
  return parseDesired(e.string());
}

/** Stores the desired count of a type (absolute, never a delta). Returns the KV revision. */
export async function writeDesired(kv: KV, type: AgentType, count: number): Promise<number> {
  return kv.put(desiredKey(type), String(count));
}
