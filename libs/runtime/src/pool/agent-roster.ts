import type { AgentState } from "./types.js";

/**
 * The agents of a pool: `desired` of them run; agents beyond it are retiring (they finish their
 * task, are reported once as stopping, then forgotten). Agents keep their ids: index i is always
 * `<prefix>-i`.
 */
export class AgentRoster {
  readonly agents: AgentState[] = [];
  private desiredCount: number;

  constructor(
    private readonly idPrefix: string,
    private readonly maxAgents: number,
    desired: number,
  ) {
    this.desiredCount = this.clamp(desired);
  }

  get desired(): number {
    return this.desiredCount;
  }

  /** Sets the number of agents (bounded by maxAgents) and marks those beyond it retiring. */
  scale(n: number): number {
    this.desiredCount = this.clamp(n);
    this.resize();
    return this.desiredCount;
  }

  resize(): void {
    for (let i = 0; i < this.desiredCount; i++) {
      const a = this.agents[i];
      if (!a) this.agents[i] = this.newAgent(i);
      else a.retiring = false;
    }
    for (let i = this.desiredCount; i < this.agents.length; i++) {
      const a = this.agents[i];
      if (a) a.retiring = true;
    }
  }

  /** The ids of the agents that run now. */
  ids(): string[] {
    return this.agents.slice(0, this.desiredCount).map((a) => a.id);
  }

  /** An agent free to take a task, if any. */
  idle(): AgentState | undefined {
    const n = Math.min(this.desiredCount, this.agents.length);
    for (let i = 0; i < n; i++) {
      const a = this.agents[i]!;
      if (a.status === "idle" && !a.retiring && !a.restartPending) return a;
    }
    return undefined;
  }

  /** The running agents named (all when no names are given). */
  select(agentIds: readonly string[] | undefined): AgentState[] {
    return this.agents.filter((a, i) => i < this.desiredCount && (!agentIds || agentIds.includes(a.id)));
  }

  /** Replaces the agent by a fresh one with its id (new start time, counters reset); returns it. */
  replace(agent: AgentState): AgentState {
    const fresh = this.newAgent(agent.index);
    this.agents[agent.index] = fresh;
    return fresh;
  }

  /** Forgets retired agents at the end that are not busy (after their last heartbeat). */
  dropRetired(): void {
    while (this.agents.length > this.desiredCount && this.agents.at(-1)?.status !== "processing") this.agents.pop();
  }

  private clamp(n: number): number {
    return Math.max(0, Math.min(this.maxAgents, Math.floor(n)));
  }

  private newAgent(index: number): AgentState {
    return {
      id: `${this.idPrefix}-${index}`,
      index,
      status: "idle",
      processed: 0,
      errors: 0,
      currentTaskId: null,
      startedAt: Date.now(),
      lastActivityAt: null,
      latencyTotalMs: 0,
      retiring: false,
      restartPending: false,
    };
  }
}
