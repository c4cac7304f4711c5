import { hostname } from "node:os";
import type { KV, KvEntry } from "@nats-io/kv";
import type { NatsConnection, Subscription } from "@nats-io/transport-node";
import { TimeoutError } from "@nats-io/transport-node";
import {
  ControlSubjects,
  ReplicaPresence,
  RestartRequest,
  desiredKey,
  replicaSlotKey,
  replicaSubject,
  restartSubject,
  type AgentType,
  type ReplicaPresence as Presence,
  type RestartReply,
} from "@gardenos/contracts";
import { REPLICA_SLOT_TTL_SECONDS, openAgentsKv, openReplicasKv, parseDesired, readDesired } from "./control-kv.js";
import { isCode } from "./topology.js";
import type { Logger } from "./logger.js";

/** What the scaler needs of an agent pool. */
export interface ScalablePool {
  scale(n: number): number;
  restart(agentIds?: readonly string[]): string[];
  agentIds(): string[];
  readonly agentCount: number;
  /**
   * With these, a replica whose share is 0 parks its pool (stops pulling, so it holds no tasks
   * other replicas could run) and starts it again when it gets agents back.
   */
  readonly isRunning?: boolean;
  start?(): Promise<void>;
  stop?(deadlineMs?: number): Promise<void>;
}

/** Parking waits for running tasks to finish (they have their own timeout); never abort them. */
const NO_HARD_STOP_MS = 2_147_483_647;

/** Heartbeat intervals after which a silent replica no longer counts. */
const MISSED_FOR_GONE = 3;

/**
 * Splits `total` agents over replicas ordered by slot: evenly, the first `total % n` one more,
 * no replica above its own bound (what one cannot take goes to the others).
 */
export function splitAgents(total: number, caps: readonly number[]): number[] {
  const shares = caps.map(() => 0);
  let remaining = Math.max(0, Math.floor(total));
  for (;;) {
    const open = caps.map((c, i) => i).filter((i) => (shares[i] ?? 0) < (caps[i] ?? 0));
    if (remaining <= 0 || open.length === 0) break;
    const per = Math.floor(remaining / open.length);
    const extra = remaining % open.length;
    let given = 0;
    open.forEach((i, k) => {
      const room = (caps[i] ?? 0) - (shares[i] ?? 0);
      const give = Math.min(room, per + (k < extra ? 1 : 0));
      shares[i] = (shares[i] ?? 0) + give;
      given += give;
    });
    remaining -= given;
    if (given === 0) break;
  }
  return shares;
}

/** JetStream "wrong last sequence": a KV compare-and-set lost the race. */
const WRONG_LAST_SEQUENCE = 10071;

/**
 * Claims the lowest free replica slot of a type in the `gardenos_replicas` bucket. KV create is a
 * compare-and-set (it fails when the key exists), so two replicas never hold the same slot;
 * slots of dead replicas expire with the bucket's TTL, and a replica that stops frees its slot.
 */
export async function claimReplicaSlot(kv: KV, type: AgentType, replicaId: string, maxSlots = 1000): Promise<number> {
  for (let slot = 0; slot < maxSlots; slot++) {
    const key = replicaSlotKey(type, slot);
    const cur = await getRetryingTimeouts(kv, key);
    if (cur?.operation === "PUT") {
      if (cur.string() === replicaId) return slot;
      continue;
    }
    try {
      if (cur) await kv.update(key, replicaId, cur.revision);
      else await kv.create(key, replicaId);
      return slot;
    } catch (e) {
      if (!isCode(e, WRONG_LAST_SEQUENCE)) throw e;
    }
  }
  throw new Error(`no free replica slot for ${type} among ${maxSlots}`);
}

/**
 * A KV read at start-up, tried again when it times out: services starting together (compose,
 * Kubernetes) on a busy broker or a busy machine can miss one request's deadline.
 */
async function getRetryingTimeouts(kv: KV, key: string, attempts = 3): Promise<KvEntry | null> {
  for (let i = 1; ; i++) {
    try {
      return await kv.get(key);
    } catch (e) {
      if (i >= attempts || !(e instanceof TimeoutError)) throw e;
    }
  }
}

/** How many slots of a type are held now (live or not yet expired), for the first share estimate. */
export async function countReplicaSlots(kv: KV, type: AgentType): Promise<number> {
  let n = 0;
  const keys = await kv.keys(`${type}.>`);
  for await (const _ of keys) n++;
  return n;
}

export interface ScalerOptions {
  nc: NatsConnection;
  log: Logger;
  type: AgentType;
  pool: ScalablePool;
  agentsKv: KV;
  replicasKv: KV;
  replicaId: string;
  slot: number;
  /** Agents this replica runs when no cluster-wide count is set (LEAD_ANALYSIS_AGENTS …). */
  configuredAgents: number;
  /** Most agents this replica may run (MAX_LEAD_ANALYSIS_AGENTS …). */
  maxAgents: number;
  heartbeatIntervalSeconds: number;
}

/**
 * Keeps one replica's share of the cluster-wide desired agent count. It watches
 * `gardenos_agents/desired.<type>`, hears the other replicas of its type (presence messages),
 * and scales its pool to its share; it also acts on restart requests for its agents.
 * With no desired count set, the replica runs its configured count.
 */
export class Scaler {
  private readonly peers = new Map<string, { p: Presence; at: number }>();
  private desired: number | null = null;
  private timer: NodeJS.Timeout | undefined;
  private slotTimer: NodeJS.Timeout | undefined;
  private subs: Subscription[] = [];
  private watchStop: (() => void) | undefined;
  private stopped = false;
  private isParked = false;
  private busy: Promise<void> | undefined;
  private again = false;
  private readonly host = hostname();

  constructor(private readonly o: ScalerOptions) {}

  /** The current cluster-wide desired count (null: none set). */
  get desiredCount(): number | null {
    return this.desired;
  }

  async start(): Promise<void> {
    const { nc, type } = this.o;
    this.subs.push(
      nc.subscribe(`${ControlSubjects.replicaPrefix}.${type}.*`, {
        callback: (err, msg) => {
          if (err) return;
          try {
            const p = ReplicaPresence.safeParse(msg.json());
            if (!p.success || p.data.replica_id === this.o.replicaId) return;
            if (p.data.leaving) this.peers.delete(p.data.replica_id);
            else this.peers.set(p.data.replica_id, { p: p.data, at: Date.now() });
            this.rebalance();
          } catch {
            // not JSON: ignore
          }
        },
      }),
      nc.subscribe(restartSubject(type), {
        callback: (err, msg) => {
          if (err) return;
          let ids: string[] | undefined;
          try {
            ids = msg.data.length ? RestartRequest.parse(msg.json()).agent_ids : undefined;
          } catch {
            ids = undefined;
          }
          const restarted = this.o.pool.restart(ids);
          if (restarted.length) this.o.log.info({ restarted }, "restarting agents on request");
          const reply: RestartReply = { replica_id: this.o.replicaId, restarted };
          if (msg.reply) msg.respond(JSON.stringify(reply));
        },
      }),
    );
    const watch = await this.o.agentsKv.watch({ key: desiredKey(type) });
    this.watchStop = () => watch.stop();
    void (async () => {
      for await (const e of watch) {
        const n = e.operation === "PUT" ? parseDesired(e.string()) : undefined;
        if (e.operation === "PUT" && n === undefined) this.o.log.warn({ key: e.key, value: e.string() }, "ignored a desired count that is not a whole number ≥ 0");
        const next = n ?? (e.operation === "PUT" ? this.desired : null);
        if (next !== this.desired) {
          this.desired = next;
          this.o.log.info({ desired: next }, next === null ? "no cluster-wide agent count: running the configured count" : "cluster-wide agent count changed");
        }
        this.rebalance();
      }
    })();
    this.timer = setInterval(() => this.tick(), this.o.heartbeatIntervalSeconds * 1000);
    this.timer.unref();
    // The slot expires with the bucket's TTL unless refreshed: well within it, whatever the heartbeat interval.
    this.slotTimer = setInterval(() => this.refreshSlot(), Math.min(this.o.heartbeatIntervalSeconds, REPLICA_SLOT_TTL_SECONDS / 3) * 1000);
    this.slotTimer.unref();
    this.presence();
  }

  private tick(): void {
    if (this.stopped) return;
    this.presence();
    this.rebalance();
  }

  private refreshSlot(): void {
    if (this.stopped) return;
    const key = replicaSlotKey(this.o.type, this.o.slot);
    void (async () => {
      const cur = await this.o.replicasKv.get(key);
      // Our slot expired while we were cut off and another replica took it: do not fight over it.
      if (cur?.operation === "PUT" && cur.string() !== this.o.replicaId) {
        this.o.log.warn({ slot: this.o.slot, holder: cur.string() }, "replica slot taken by another replica; agent ids may repeat until this replica restarts");
        return;
      }
      await this.o.replicasKv.put(key, this.o.replicaId);
    })().catch((e: unknown) => {
      this.o.log.debug({ err: e }, "could not refresh the replica slot");
    });
  }

  private presence(leaving = false): void {
    if (this.o.nc.isClosed()) return;
    const p: Presence = {
      replica_id: this.o.replicaId,
      agent_type: this.o.type,
      slot: this.o.slot,
      max_agents: this.o.maxAgents,
      agents: leaving ? 0 : this.o.pool.agentCount,
      desired: this.desired,
      host: this.host,
      pid: process.pid,
      interval_seconds: this.o.heartbeatIntervalSeconds,
      sent_at: new Date().toISOString(),
      ...(leaving ? { leaving: true } : {}),
    };
    this.o.nc.publish(replicaSubject(this.o.type, this.o.replicaId), JSON.stringify(p));
  }

  /** The live replicas (this one included), ordered by slot. */
  replicas(now = Date.now()): Presence[] {
    const out: Presence[] = [];
    for (const [id, r] of this.peers) {
      if (now - r.at > MISSED_FOR_GONE * r.p.interval_seconds * 1000) this.peers.delete(id);
      else out.push(r.p);
    }
    out.push({
      replica_id: this.o.replicaId,
      agent_type: this.o.type,
      slot: this.o.slot,
      max_agents: this.o.maxAgents,
      agents: this.o.pool.agentCount,
      desired: this.desired,
      host: this.host,
      pid: process.pid,
      interval_seconds: this.o.heartbeatIntervalSeconds,
      sent_at: new Date(now).toISOString(),
    });
    return out.sort((a, b) => a.slot - b.slot || a.replica_id.localeCompare(b.replica_id));
  }

  /** This replica's share of the desired count. */
  share(): number {
    if (this.desired === null) return Math.min(this.o.configuredAgents, this.o.maxAgents);
    const replicas = this.replicas();
    const shares = splitAgents(this.desired, replicas.map((r) => r.max_agents));
    return shares[replicas.findIndex((r) => r.replica_id === this.o.replicaId)] ?? 0;
  }

  /** True while this replica's share is 0 and its pool is parked (not pulling). */
  get parked(): boolean {
    return this.isParked;
  }

  private rebalance(): void {
    if (this.stopped) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    const want = this.share();
    const pool = this.o.pool;
    const canPark = typeof pool.start === "function" && typeof pool.stop === "function" && pool.isRunning !== undefined;
    if (canPark && want === 0 && pool.isRunning) return this.serially(() => this.park());
    if (canPark && want > 0 && this.isParked) return this.serially(() => this.unpark(want));
    if (want === pool.agentCount) return;
    const before = pool.agentCount;
    const now = pool.scale(want);
    this.o.log.info({ from: before, to: now, desired: this.desired, replicas: this.replicas().length }, "scaled agents");
    this.presence();
  }

  /** Runs one park/unpark at a time; a rebalance asked for meanwhile runs after it. */
  private serially(op: () => Promise<void>): void {
    this.busy = op()
      .catch((e: unknown) => this.o.log.error({ err: e }, "could not change the agent pool"))
      .finally(() => {
        this.busy = undefined;
        if (this.again && !this.stopped) {
          this.again = false;
          this.rebalance();
        }
      });
  }

  private async park(): Promise<void> {
    const before = this.o.pool.agentCount;
    this.o.pool.scale(0);
    this.presence();
    await this.o.pool.stop!(NO_HARD_STOP_MS);
    this.isParked = true;
    this.o.log.info({ from: before, to: 0, desired: this.desired, replicas: this.replicas().length }, "no agents on this replica: stopped pulling tasks");
  }

  private async unpark(want: number): Promise<void> {
    if (this.stopped) return;
    this.o.pool.scale(want);
    await this.o.pool.start!();
    this.isParked = false;
    this.o.log.info({ from: 0, to: this.o.pool.agentCount, desired: this.desired, replicas: this.replicas().length }, "agents back on this replica: pulling tasks again");
    this.presence();
  }

  /** Leaves the cluster: tells the others (they take over at once) and frees the slot. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    clearInterval(this.slotTimer);
    this.watchStop?.();
    for (const s of this.subs) s.unsubscribe();
    this.presence(true);
    // A park or unpark in progress finishes first, so the service's own pool.stop() comes after it.
    await this.busy;
    await this.o.replicasKv.delete(replicaSlotKey(this.o.type, this.o.slot)).catch(() => undefined);
  }
}

export interface ReplicaSetup {
  replicaId: string;
  slot: number;
  /** Agent ids are `<prefix>-<n>`: `lead-analysis` for slot 0, `lead-analysis-r<slot>` for the others, `lead-analysis-<REPLICA_ID>` when set. */
  agentIdPrefix: string;
  /** The first share, before the other replicas are heard (estimated from the held slots). */
  initialAgents: number;
  agentsKv: KV;
  replicasKv: KV;
}

/**
 * Joins the cluster of one agent type before its pool starts: opens the control buckets,
 * claims a replica slot and estimates the first share of the desired count.
 */
export async function prepareReplica(o: {
  nc: NatsConnection;
  type: AgentType;
  service: string;
  replicaId?: string | undefined;
  configuredAgents: number;
  maxAgents: number;
  streamReplicas: number;
}): Promise<ReplicaSetup> {
  const agentsKv = await openAgentsKv(o.nc, o.streamReplicas);
  const replicasKv = await openReplicasKv(o.nc, o.streamReplicas);
  const replicaId = o.replicaId ?? `${hostname()}:${process.pid}`;
  const slot = await claimReplicaSlot(replicasKv, o.type, replicaId);
  const desired = await readDesired(agentsKv, o.type);
  let initialAgents = Math.min(o.configuredAgents, o.maxAgents);
  if (desired !== undefined) {
    const held = Math.max(1, await countReplicaSlots(replicasKv, o.type));
    const caps = Array.from({ length: held }, () => o.maxAgents);
    initialAgents = splitAgents(desired, caps)[Math.min(slot, held - 1)] ?? 0;
  }
  const agentIdPrefix = o.replicaId ? `${o.service}-${o.replicaId}` : slot === 0 ? o.service : `${o.service}-r${slot}`;
  return { replicaId, slot, agentIdPrefix, initialAgents, agentsKv, replicasKv };
}
