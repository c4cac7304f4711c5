import type { KV, KvWatchEntry } from "@nats-io/kv";
import { ScheduledTaskRecord, agentTypes } from "@gardenos/contracts";
import { errorMessage, type Logger } from "@gardenos/runtime";
import type { TaskSubmitter } from "../intake/task-intake.js";
import { newTraceparent } from "../intake/traceparent.js";

/** The KV key of a delayed task: `<tenant>.<id>` (tenant ids and task ids hold only key-safe characters but `:`). */
export function scheduledKey(tenant: string, id: string): string {
  return `${tenant}.${id.replace(/:/g, "=")}`;
}

/**
 * Delayed tasks (nats-server 2.9 has no scheduled delivery). Each waits in the KV bucket
 * `gardenos_scheduled` under `<tenant>.<id>` with its due time, agent type and request body; every
 * `pollMs` the gateway releases those due through the normal intake under the task id `id`
 * (the DB row and JetStream's Nats-Msg-Id make a second release of the same id a duplicate), and
 * deletes the entry after. Durable: the bucket is a JetStream stream, so a gateway killed at any
 * point finds the entry again at start; a release that happened just before the kill is found as a
 * duplicate. Several gateways may poll at once: at least once, deduplicated to exactly one task.
 * The due entries are found in an index kept by a watch of the bucket (a pass reads no more than
 * what is due); every FULL_SCAN_EVERY passes, and whenever the watch is not running, a pass lists
 * the bucket instead.
 */
const FULL_SCAN_EVERY = 30;

export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<unknown> | undefined;
  private watch: (AsyncIterable<KvWatchEntry> & { stop(): void }) | undefined;
  private watching = false;
  private readonly index = new Map<string, { rec: ScheduledTaskRecord | undefined; revision: number }>();
  private passes = 0;
  released = 0;

  constructor(
    private readonly kv: KV,
    private readonly intake: TaskSubmitter,
    private readonly log: Logger,
    private readonly o: { pollMs: number },
  ) {}

  /** Stores a delayed task; false when one with that id is already waiting (the first stays). */
  async schedule(rec: ScheduledTaskRecord): Promise<boolean> {
    const value = JSON.stringify(ScheduledTaskRecord.parse(rec));
    try {
      await this.kv.create(scheduledKey(rec.tenant, rec.id), value);
      return true;
    } catch (e) {
      if (/wrong last sequence|key exists/i.test(errorMessage(e))) return false;
      throw e;
    }
  }

  /** The waiting tasks of a tenant (every tenant's when undefined), soonest first. */
  async list(tenant: string | undefined): Promise<ScheduledTaskRecord[]> {
    const out: ScheduledTaskRecord[] = [];
    for (const key of await this.keys(tenant)) {
      const rec = await this.read(key);
      if (rec && (tenant === undefined || rec.tenant === tenant)) out.push(rec);
    }
    return out.sort((a, b) => Date.parse(a.due_at) - Date.parse(b.due_at) || a.id.localeCompare(b.id));
  }

  /** Cancels a waiting task; undefined when none has that id (never scheduled, released or cancelled). */
  async cancel(tenant: string, id: string): Promise<ScheduledTaskRecord | undefined> {
    const key = scheduledKey(tenant, id);
    const e = await this.kv.get(key);
    if (!e || e.operation !== "PUT") return undefined;
    const rec = this.parse(e.string());
    await this.kv.delete(key, { previousSeq: e.revision });
    return rec;
  }

  async start(): Promise<void> {
    try {
      const watch = await this.kv.watch({ key: ">" });
      this.watch = watch;
      this.watching = true;
      void (async () => {
        for await (const e of watch) {
          if (e.operation === "PUT") this.index.set(e.key, { rec: this.parse(e.string()), revision: e.revision });
          else this.index.delete(e.key);
        }
      })()
        .catch((e: unknown) => this.log.warn({ err: errorMessage(e) }, "watch of scheduled tasks ended; passes list the bucket"))
        .finally(() => (this.watching = false));
    } catch (e) {
      this.log.warn({ err: errorMessage(e) }, "cannot watch scheduled tasks; passes list the bucket");
    }
    const loop = () => {
      this.timer = setTimeout(() => {
        this.ticking = this.tick().finally(() => {
          this.ticking = undefined;
          if (this.timer) loop();
        });
      }, this.o.pollMs);
      this.timer.unref();
    };
    loop();
    // A first look at once: tasks that came due while no gateway ran go out now.
    this.ticking = this.tick().finally(() => (this.ticking = undefined));
  }

  async stop(): Promise<void> {
    this.watch?.stop();
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.ticking;
  }

  /** Releases every due task (one pass). */
  async tick(now = Date.now()): Promise<number> {
    let n = 0;
    try {
      const full = !this.watching || this.passes++ % FULL_SCAN_EVERY === 0;
      const candidates: { key: string; rec: ScheduledTaskRecord | undefined; revision: number }[] = [];
      if (full) {
        for (const key of await this.keys(undefined)) {
          const e = await this.kv.get(key);
          if (e && e.operation === "PUT") candidates.push({ key, rec: this.parse(e.string()), revision: e.revision });
        }
      } else {
        for (const [key, v] of this.index) if (!v.rec || Date.parse(v.rec.due_at) <= now) candidates.push({ key, ...v });
      }
      for (const { key, rec, revision } of candidates) {
        if (!rec) {
          this.log.warn({ key }, "a scheduled task that does not follow the contract was dropped");
          await this.kv.delete(key, { previousSeq: revision }).catch(() => undefined);
          continue;
        }
        if (Date.parse(rec.due_at) > now) continue;
        if (await this.release(rec)) {
          // previousSeq: an entry replaced meanwhile (cancelled and scheduled again) is not deleted.
          await this.kv.delete(key, { previousSeq: revision }).catch(() => undefined);
          this.index.delete(key);
          n++;
        }
      }
    } catch (e) {
      this.log.warn({ err: errorMessage(e) }, "scheduler pass failed; trying again at the next one");
    }
    this.released += n;
    return n;
  }

  private async release(rec: ScheduledTaskRecord): Promise<boolean> {
    const def = agentTypes.get(rec.type);
    if (!def) {
      this.log.warn({ id: rec.id, type: rec.type }, "scheduled task of an unknown agent type stays until a gateway knows the type");
      return false;
    }
    try {
      const r = await this.intake.submit(def, { ...rec.body, priority: rec.priority }, newTraceparent(), rec.tenant, { taskId: rec.id, requireRecord: true, republishQueued: true });
      this.log.info({ task_id: rec.id, type: rec.type, tenant: rec.tenant, duplicate: r.duplicate }, "scheduled task released");
      return true;
    } catch (e) {
      this.log.warn({ err: errorMessage(e), task_id: rec.id }, "could not release a scheduled task; trying again at the next pass");
      return false;
    }
  }

  private async keys(tenant: string | undefined): Promise<string[]> {
    const it = await this.kv.keys(tenant === undefined ? ">" : `${tenant}.>`);
    const keys: string[] = [];
    for await (const k of it) keys.push(k);
    return keys;
  }

  private async read(key: string): Promise<ScheduledTaskRecord | undefined> {
    const e = await this.kv.get(key);
    return e && e.operation === "PUT" ? this.parse(e.string()) : undefined;
  }

  private parse(text: string): ScheduledTaskRecord | undefined {
    try {
      const r = ScheduledTaskRecord.safeParse(JSON.parse(text));
      return r.success ? r.data : undefined;
    } catch {
      return undefined;
    }
  }
}
