import type { NatsConnection } from "@nats-io/transport-node";
import { heartbeatSubject, type AgentHeartbeat, type AgentType } from "@gardenos/contracts";
import type { AgentRoster } from "./agent-roster.js";

export interface HeartbeatsOptions {
  nc: Pick<NatsConnection, "publish" | "isClosed">;
  type: AgentType;
  roster: AgentRoster;
  host: string;
  replicaId: string;
  intervalSeconds: number;
  /** False once the pool stops: every agent reports "stopping". */
  isRunning: () => boolean;
  /** The handler's own state, carried as `handler`. */
  handlerStatus?: () => Record<string, unknown> | undefined;
}

/** Publishes each agent's state every interval (agent.heartbeat.<type>.<agent id>). */
export class Heartbeats {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly o: HeartbeatsOptions) {}

  /** Sends one heartbeat now and then every interval. */
  start(): void {
    this.timer = setInterval(() => this.beat(), this.o.intervalSeconds * 1000);
    this.timer.unref();
    this.beat();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Current state of every agent (heartbeat payloads). */
  snapshot(): AgentHeartbeat[] {
    const now = Date.now();
    const handlerStatus = this.o.handlerStatus?.();
    const running = this.o.isRunning();
    return this.o.roster.agents.map((a) => ({
      agent_id: a.id,
      agent_type: this.o.type,
      status: a.retiring || !running ? "stopping" : a.status,
      processed_count: a.processed,
      error_count: a.errors,
      uptime_seconds: Math.round((now - a.startedAt) / 1000),
      current_task_id: a.currentTaskId,
      started_at: new Date(a.startedAt).toISOString(),
      last_activity_at: a.lastActivityAt ? new Date(a.lastActivityAt).toISOString() : null,
      avg_latency_ms: a.processed ? Math.round((a.latencyTotalMs / a.processed) * 100) / 100 : 0,
      host: this.o.host,
      pid: process.pid,
      sent_at: new Date(now).toISOString(),
      interval_seconds: this.o.intervalSeconds,
      replica_id: this.o.replicaId,
      ...(handlerStatus ? { handler: handlerStatus } : {}),
    }));
  }

  /** Publishes every agent's heartbeat; retired agents are reported once as stopping, then forgotten. */
  beat(): void {
    if (this.o.nc.isClosed()) return;
    for (const hb of this.snapshot()) this.o.nc.publish(heartbeatSubject(this.o.type, hb.agent_id), JSON.stringify(hb));
    this.o.roster.dropRetired();
  }
}
