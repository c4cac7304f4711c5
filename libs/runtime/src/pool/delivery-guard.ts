import type { NatsConnection } from "@nats-io/transport-node";
import { Subjects } from "@gardenos/contracts";
import { TransientError } from "../errors.js";
import type { TaskAttempt, TaskMessage } from "./types.js";

/** A set that forgets its oldest entries beyond `max` (insertion order). */
export class RecentSet {
  private readonly items = new Set<string>();
  constructor(private readonly max: number) {}
  has(k: string): boolean {
    return this.items.has(k);
  }
  add(k: string): void {
    this.items.add(k);
    if (this.items.size > this.max) this.items.delete(this.items.values().next().value as string);
  }
}

/** Whether a task already ended elsewhere (true: it has a result; false: no, or nobody knows). */
export type FinishedLookup = (taskId: string) => Promise<boolean>;

/** Asks the gateway over NATS request/reply whether the task already ended (at most 1 s). */
export function taskLookupOverNats(nc: Pick<NatsConnection, "request">): FinishedLookup {
  return async (taskId) => {
    try {
      const r = await nc.request(Subjects.taskLookup, JSON.stringify({ task_id: taskId }), { timeout: 1000 });
      const status = (r.json() as { status?: string }).status;
      // A cancelled task is as good as finished: it must not run.
      return status === "completed" || status === "cancelled";
    } catch {
      return false;
    }
  };
}

/**
 * Request/reply for handlers (AgentContext.ask): undefined when nobody listens (503 no
 * responders), a TransientError when the listener does not answer in `timeoutMs`.
 */
export function askOverNats(nc: Pick<NatsConnection, "request">): (subject: string, payload: unknown, timeoutMs?: number) => Promise<unknown> {
  return async (subject, payload, timeoutMs = 2000) => {
    try {
      const r = await nc.request(subject, JSON.stringify(payload), { timeout: timeoutMs });
      return r.json();
    } catch (e) {
      // nats.js: a RequestError whose cause is a NoRespondersError (name "NoResponders").
      const cause = e instanceof Error ? (e.cause as Error | undefined) : undefined;
      if (e instanceof Error && (e.name === "NoResponders" || cause?.name === "NoResponders")) return undefined;
      throw new TransientError(`${subject} did not answer in ${timeoutMs} ms`, undefined, { cause: e });
    }
  };
}

/**
 * Keeps a task from running twice. A redelivered task may already have a result (the agent died
 * between publishing it and acking): the store of record is asked before running it again.
 * nats-server before 2.10.14 can also hand out a message again with its delivery count going
 * *back* to 1 after a failed delivery (nats-server PR #5305); tasks this process finished lately
 * are recognised locally whatever the count says.
 */
export class DeliveryGuard {
  /** Task ids being worked on in this process. */
  private readonly running = new Set<string>();
  /** Task ids this process completed lately, and `#<seq>` of messages it dead-lettered. */
  private readonly recentlyDone: RecentSet;

  constructor(
    private readonly alreadyFinished: FinishedLookup,
    recentMax = 10_000,
    /** Tasks cancelled before they started (DELETE /ai/tasks/:id): dropped when pulled. */
    private readonly cancelled?: { has(taskId: string): boolean },
  ) {
    this.recentlyDone = new RecentSet(recentMax);
  }

  /**
   * True (and the message terminated) when this process already dead-lettered this very message
   * and the server delivered it again. A replay is a new message and runs again.
   */
  endedHere(msg: TaskMessage): boolean {
    if (!this.recentlyDone.has(`#${msg.seq}`)) return false;
    msg.term();
    return true;
  }

  /**
   * Decides whether the attempt runs. A copy of a task running here is left alone (no ack, no
   * nak: the running copy's ack settles it); a task finished here or elsewhere is acked without
   * running. When it answers true the task counts as running until release(). The answer is
   * immediate unless a redelivery has to be looked up (then a promise).
   */
  admit(a: TaskAttempt): boolean | Promise<boolean> {
    const { msg, taskId } = a;
    if (this.running.has(taskId)) {
      a.log.info({ seq: msg.seq }, "task delivered again while this process is working on it; ignoring the copy");
      return false;
    }
    if (this.cancelled?.has(taskId)) {
      a.log.info({ seq: msg.seq }, "task was cancelled before it started; dropping it");
      msg.ack();
      return false;
    }
    if (this.recentlyDone.has(taskId)) {
      a.log.info({ seq: msg.seq }, "task delivered again after this process finished it; acknowledging without running it again");
      msg.ack();
      return false;
    }
    if (a.attempt > 1) return this.admitRedelivered(a);
    this.running.add(taskId);
    return true;
  }

  private async admitRedelivered(a: TaskAttempt): Promise<boolean> {
    if (await this.alreadyFinished(a.taskId)) {
      a.log.info("redelivered task already has a result; acknowledging without running it again");
      a.msg.ack();
      return false;
    }
    this.running.add(a.taskId);
    return true;
  }

  /** The task is no longer being worked on here. */
  release(taskId: string): void {
    this.running.delete(taskId);
  }

  /** The task's result was published and its message acked. */
  completed(taskId: string): void {
    this.recentlyDone.add(taskId);
  }

  /** The message was dead-lettered and terminated. */
  terminated(seq: number): void {
    this.recentlyDone.add(`#${seq}`);
  }
}
