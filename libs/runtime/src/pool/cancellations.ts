import type { KV, KvWatchEntry } from "@nats-io/kv";
import type { NatsConnection } from "@nats-io/transport-node";
import { cancelledTaskId } from "@gardenos/contracts";
import { openCancelledKv } from "../control-kv.js";
import type { Logger } from "../logger.js";
import { RecentSet } from "./delivery-guard.js";

/** What the delivery guard asks: was this task cancelled before it started? */
export interface CancelledTasks {
  has(taskId: string): boolean;
}

/**
 * The tasks cancelled before an agent started them (DELETE /ai/tasks/:id), as the gateway writes
 * them to the KV bucket `gardenos_cancelled`. Watched once per process: the watch yields what is
 * there and then every new cancellation, so the check when a task is pulled is a local set lookup,
 * with no round trip on the hot path. Bounded (the newest 100,000).
 */
export class Cancellations implements CancelledTasks {
  private readonly ids = new RecentSet(100_000);
  private watch: AsyncIterable<KvWatchEntry> & { stop(): void } | undefined;

  constructor(
    private readonly nc: NatsConnection,
    private readonly log: Logger,
    private readonly o: { ttlSeconds: number; streamReplicas: number },
  ) {}

  async start(): Promise<void> {
    let kv: KV;
    try {
      kv = await openCancelledKv(this.nc, this.o.streamReplicas, this.o.ttlSeconds);
      this.watch = await kv.watch({ key: ">", ignoreDeletes: true });
    } catch (e) {
      this.log.warn({ err: e }, "cannot watch cancelled tasks (gardenos_cancelled); cancelled tasks will run");
      return;
    }
    const watch = this.watch;
    void (async () => {
      for await (const e of watch) if (e.operation === "PUT") this.ids.add(cancelledTaskId(e.key));
    })().catch((e: unknown) => this.log.warn({ err: e }, "watch of cancelled tasks ended"));
  }

  has(taskId: string): boolean {
    return this.ids.has(taskId);
  }

  stop(): void {
    this.watch?.stop();
  }
}
