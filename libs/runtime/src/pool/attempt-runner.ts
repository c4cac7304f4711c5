import { DEFAULT_TENANT, Headers, TENANT_ID, issuesMessage, toIssues, type TaskEvent } from "@gardenos/contracts";
import { TransientError } from "../errors.js";
import { ackWaitSeconds, type AgentContext, type AgentHandler, type AgentOutput, type TaskAttempt } from "./types.js";

export interface AttemptRunnerOptions<E extends TaskEvent, R> {
  handler: Pick<AgentHandler<E, R>, "process" | "resultSchema">;
  /** Seconds one attempt may take. */
  timeoutSeconds: number;
  /** The pool's hard-stop signal (it is replaced when a stopped pool starts again). */
  hardStop: () => AbortSignal;
  /** The consumers' ack wait in seconds: working() is sent every third of it. Default ackWaitSeconds(timeoutSeconds). */
  ackWaitSeconds?: number | undefined;
  /** Request/reply for handlers (AgentContext.ask). */
  ask: AgentContext["ask"];
  /** AgentContext.isLogged: the pool logger's level decides (a task's logger is its child). */
  isLogged?: AgentContext["isLogged"];
}

/** The tenant the gateway stamped on the task (`default` when none or malformed). */
function tenantOf(msg: { headers?: { get(k: string): string } | undefined }): string {
  const t = msg.headers?.get(Headers.tenant);
  return t && TENANT_ID.test(t) ? t : DEFAULT_TENANT;
}

/**
 * Runs the handler for one attempt: under a deadline (an AbortController, aborted also when the
 * pool stops hard), keeping the message alive with `msg.working()`, and checks the result against
 * the result schema. On success the attempt holds `output` and `result`, and its keep-alive timer
 * still runs (until the result is acked); on failure it throws and the timer is stopped.
 */
export class AttemptRunner<E extends TaskEvent, R> {
  private readonly keepAliveMs: number;
  private readonly timeoutMs: number;

  constructor(private readonly o: AttemptRunnerOptions<E, R>) {
    this.keepAliveMs = ((o.ackWaitSeconds ?? ackWaitSeconds(o.timeoutSeconds)) * 1000) / 3;
    this.timeoutMs = o.timeoutSeconds * 1000;
  }

  async run(a: TaskAttempt<E, R>): Promise<void> {
    const { msg } = a;
    a.keepAlive = setInterval(() => msg.working(), this.keepAliveMs);
    // One controller per task, its timer and listener removed when the task ends, so a finished
    // task keeps nothing alive (AbortSignal.timeout/any would hold it for the whole timeout). What
    // aborts the task (the deadline, the pool's hard stop) also fails the attempt directly: a
    // listener on each task's own fresh signal cost about 10 µs of CPU per task.
    const ac = new AbortController();
    let fail: ((reason: unknown) => void) | undefined;
    const abort = (reason: unknown) => {
      ac.abort(reason);
      fail?.(reason);
    };
    const onHardStop = () => abort(new TransientError("shutting down"));
    const hardStop = this.o.hardStop();
    hardStop.addEventListener("abort", onHardStop, { once: true });
    const deadline = setTimeout(() => abort(new TransientError(`timed out after ${this.o.timeoutSeconds} s`)), this.timeoutMs);
    try {
      const output = await new Promise<AgentOutput<R>>((resolve, reject) => {
        fail = reject;
        this.o.handler
          .process(a.event!, {
            taskId: a.taskId,
            agentId: a.agent.id,
            attempt: a.attempt,
            tenant: tenantOf(a.msg),
            ask: this.o.ask,
            signal: ac.signal,
            ...(this.o.isLogged ? { isLogged: this.o.isLogged } : {}),
            // The task's logger is made only if the handler logs.
            get log() {
              return a.log;
            },
          })
          .then(resolve, reject);
      });
      const check = this.o.handler.resultSchema.safeParse(output.result);
      if (!check.success) throw new TransientError(`agent produced an invalid result: ${issuesMessage(toIssues(check.error, "result"))}`);
      a.output = output;
      a.result = check.data;
    } catch (e) {
      clearInterval(a.keepAlive);
      a.keepAlive = undefined;
      throw e;
    } finally {
      clearTimeout(deadline);
      hardStop.removeEventListener("abort", onHardStop);
    }
  }
}
