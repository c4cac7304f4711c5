import type { NatsConnection } from "@nats-io/transport-node";
import { ClusterStatus, Subjects } from "@gardenos/contracts";
import { errorMessage, type Logger } from "@gardenos/runtime";

/**
 * The cluster status for every stream client that asked for it (`include=status`, the dashboard):
 * one request to the metrics service every `intervalMs` while at least one client listens, shared
 * by all of them — no polling loop per client or per widget.
 */
export class StatusTicker {
  private readonly listeners = new Set<(status: unknown) => void>();
  private timer: NodeJS.Timeout | undefined;
  private last: unknown;

  constructor(
    private readonly nc: NatsConnection,
    private readonly log: Logger,
    private readonly intervalMs: number,
    private readonly timeoutMs: number,
  ) {}

  /** Adds a listener (it gets the last status at once, if any); returns its removal. */
  listen(fn: (status: unknown) => void): () => void {
    this.listeners.add(fn);
    if (this.last !== undefined) fn(this.last);
    if (!this.timer) {
      this.timer = setInterval(() => void this.tick(), this.intervalMs);
      void this.tick();
    }
    return () => {
      this.listeners.delete(fn);
      if (this.listeners.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  }

  private async tick(): Promise<void> {
    try {
      const m = await this.nc.request(Subjects.metricsStatus, "", { timeout: this.timeoutMs });
      const { agents, ...rest } = ClusterStatus.parse(m.json());
      // The dashboard shows each agent's state and current task (no host or pid details needed).
      this.last = { ...rest, agents: agents.map((a) => ({ agent_id: a.agent_id, agent_type: a.agent_type, state: a.state, status: a.status, current_task_id: a.current_task_id, processed_count: a.processed_count, error_count: a.error_count })) };
      for (const fn of this.listeners) fn(this.last);
    } catch (e) {
      this.log.debug({ err: errorMessage(e) }, "status for the live streams unavailable");
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.listeners.clear();
  }
}
