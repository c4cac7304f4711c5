import { AGENT_TYPES, AgentHeartbeat, type AgentHeartbeat as Heartbeat, type SystemStatus } from "@gardenos/contracts";

/** Heartbeats an agent may miss before it is shown as gone. */
export const MISSED_HEARTBEATS_FOR_GONE = 3;
/** Gone agents are listed this long, then forgotten (their counts stay in the totals). */
const FORGET_AFTER_MS = 60 * 60 * 1000;

interface Seen {
  hb: Heartbeat;
  lastSeen: number;
}

/**
 * Folds agent heartbeats into the system view. Counts survive agent restarts: when an agent id
 * comes back with a new start time, the counts of its previous life move into the retired tally.
 */
export class HeartbeatAggregator {
  private readonly agents = new Map<string, Seen>();
  private retiredProcessed = 0;
  private retiredErrors = 0;

  /** Accepts a raw heartbeat; returns false (and ignores it) when it does not follow the contract. */
  ingest(raw: unknown, now = Date.now()): boolean {
    const parsed = AgentHeartbeat.safeParse(raw);
    if (!parsed.success) return false;
    const hb = parsed.data;
    const prev = this.agents.get(hb.agent_id);
    if (prev && prev.hb.started_at !== hb.started_at) {
      this.retiredProcessed += prev.hb.processed_count;
      this.retiredErrors += prev.hb.error_count;
    }
    this.agents.set(hb.agent_id, { hb, lastSeen: now });
    return true;
  }

  private isGone(s: Seen, now: number): boolean {
    return now - s.lastSeen > MISSED_HEARTBEATS_FOR_GONE * s.hb.interval_seconds * 1000;
  }

  status(queueSizes: SystemStatus["queue_sizes"], now = Date.now()): SystemStatus {
    let processed = this.retiredProcessed;
    let errors = this.retiredErrors;
    const byType: SystemStatus["agents_by_type"] = {};
    for (const t of AGENT_TYPES) byType[t] = { running: 0, busy: 0, idle: 0 };
    const agents: SystemStatus["agents"] = [];
    for (const [id, s] of this.agents) {
      const gone = this.isGone(s, now) || s.hb.status === "stopping";
      if (gone && now - s.lastSeen > FORGET_AFTER_MS) {
        this.retiredProcessed += s.hb.processed_count;
        this.retiredErrors += s.hb.error_count;
        processed += 0;
        this.agents.delete(id);
        continue;
      }
      processed += s.hb.processed_count;
      errors += s.hb.error_count;
      agents.push({ ...s.hb, gone, last_seen_at: new Date(s.lastSeen).toISOString() });
      if (gone) continue;
      const t = (byType[s.hb.agent_type] ??= { running: 0, busy: 0, idle: 0 });
      t.running++;
      if (s.hb.status === "processing") t.busy++;
      else t.idle++;
    }
    agents.sort((a, b) => a.agent_id.localeCompare(b.agent_id, undefined, { numeric: true }));
    const total = agents.filter((a) => !a.gone).length;
    const typesUp = AGENT_TYPES.filter((t) => (byType[t]?.running ?? 0) > 0).length;
    return {
      orchestrator_status: total === 0 ? "stopped" : typesUp === AGENT_TYPES.length ? "running" : "degraded",
      total_agents: total,
      total_processed: processed,
      total_failed: errors,
      error_rate: processed + errors === 0 ? 0 : Math.round((errors / (processed + errors)) * 10_000) / 10_000,
      queue_sizes: queueSizes,
      agents_by_type: byType,
      agents,
      generated_at: new Date(now).toISOString(),
    };
  }
}
