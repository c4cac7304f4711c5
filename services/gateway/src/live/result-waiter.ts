import type { AiInteraction } from "../db/schema.js";
import type { TaskReader } from "../recording/task-store.js";
import { isTerminal } from "./live-event.js";
import type { LiveHub } from "./live-hub.js";

const FINAL = new Set(["completed", "failed", "cancelled"]);

/**
 * `POST …?wait=N`: waits up to N seconds for a task to end. It listens for the task's last event
 * on the live hub, then reads the row once the recorder has stored it (a few milliseconds later),
 * so the answer is exactly what GET /ai/tasks/:id shows. A slow read of the row every `pollMs`
 * covers an event the hub could not see (the gateway was reconnecting to NATS).
 */
export class ResultWaiter {
  waiting = 0;

  constructor(
    private readonly hub: Pick<LiveHub, "subscribe">,
    private readonly tasks: Pick<TaskReader, "get">,
    private readonly pollMs = 1000,
  ) {}

  /** The finished task's row, or undefined when it did not end within `ms`. */
  async wait(taskId: string, tenant: string | undefined, ms: number): Promise<AiInteraction | undefined> {
    const deadline = Date.now() + ms;
    let ended = false;
    let wake: (() => void) | undefined;
    const unsubscribe = this.hub.subscribe({
      tenant,
      filter: { taskId },
      deliver: (e) => {
        if (!isTerminal(e)) return;
        ended = true;
        wake?.();
      },
    });
    this.waiting++;
    try {
      for (;;) {
        const row = await this.tasks.get(taskId, tenant);
        if (row && FINAL.has(row.status)) return row;
        const left = deadline - Date.now();
        if (left <= 0) return undefined;
        // After the last event the row follows within milliseconds (the recorder's commit).
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(left, ended ? 20 : this.pollMs));
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    } finally {
      this.waiting--;
      unsubscribe();
    }
  }
}
