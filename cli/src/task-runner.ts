import pLimit from "p-limit";
import type { AgentType } from "@gardenos/contracts";
import { ApiError, type GatewayClient, type TaskView } from "./api.js";

export interface RunItem<T> {
  key: T;
  /** Any agent type the gateway knows; the task goes to that type's route. */
  type: AgentType;
  body: Record<string, unknown>;
}

export interface RunOutcome<T> {
  key: T;
  taskId: string;
  /** The task when it finished; undefined when it was refused or timed out. */
  task?: TaskView;
  error?: string;
}

/**
 * Submits every item through the gateway and follows the tasks to their end, efficiently for
 * thousands of them: tasks finish roughly in submission order, so each polling round walks the
 * pending tasks oldest first and stops after `concurrency × 2` unfinished ones in a row.
 */
export async function submitAndFollow<T>(
  client: GatewayClient,
  items: readonly RunItem<T>[],
  o: { concurrency: number; timeoutSeconds: number; onDone?: (r: RunOutcome<T>) => void },
): Promise<RunOutcome<T>[]> {
  const out: RunOutcome<T>[] = [];
  const done = (r: RunOutcome<T>) => {
    out.push(r);
    o.onDone?.(r);
  };
  const limit = pLimit(o.concurrency);
  const pending: Array<{ key: T; taskId: string }> = [];
  await Promise.all(
    items.map((item) =>
      limit(async () => {
        try {
          const accepted = await client.submit(item.type, item.body);
          pending.push({ key: item.key, taskId: accepted.task_id });
        } catch (e) {
          if (e instanceof ApiError && e.status === 0) throw e; // gateway gone: stop
          done({ key: item.key, taskId: "", error: e instanceof ApiError ? `${e.code}: ${e.message}` : String(e) });
        }
      }),
    ),
  );
  const deadline = Date.now() + o.timeoutSeconds * 1000;
  const window = Math.max(8, o.concurrency * 2);
  let open = pending;
  while (open.length > 0 && Date.now() < deadline) {
    const finished = new Set<string>();
    let unfinishedRun = 0;
    for (let i = 0; i < open.length && unfinishedRun < window; i += o.concurrency) {
      const batch = open.slice(i, i + o.concurrency);
      const views = await Promise.all(
        batch.map((p) =>
          client.task(p.taskId).catch((e: unknown) => {
            if (e instanceof ApiError && e.status === 404) return undefined; // not recorded yet
            throw e;
          }),
        ),
      );
      batch.forEach((p, j) => {
        const t = views[j];
        if (t && (t.status === "completed" || t.status === "failed")) {
          finished.add(p.taskId);
          unfinishedRun = 0;
          done({ key: p.key, taskId: p.taskId, task: t, ...(t.status === "failed" && t.error ? { error: `${t.error.code}: ${t.error.message}` } : {}) });
        } else unfinishedRun++;
      });
    }
    open = open.filter((p) => !finished.has(p.taskId));
    if (open.length > 0 && finished.size === 0) await new Promise((r) => setTimeout(r, 200));
  }
  for (const p of open) done({ key: p.key, taskId: p.taskId, error: `no result within ${o.timeoutSeconds} s` });
  return out;
}
