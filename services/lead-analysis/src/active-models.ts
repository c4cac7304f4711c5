import type { KV } from "@nats-io/kv";
import { ActiveModelRecord, KvBuckets } from "@gardenos/contracts";
import { isConversionModel, type ConversionModel } from "@gardenos/conversion-model";
import type { Logger } from "@gardenos/runtime";

export interface ActiveModel {
  tenant: string;
  version: number;
  model: ConversionModel;
}

/** The tenant of tasks that name none (published straight to NATS, or of the default tenant). */
export const DEFAULT_TENANT = "default";

/**
 * Each tenant's active conversion model, kept current from the KV bucket `gardenos_models`
 * (`active.<tenant>`): a new version is picked up as soon as the gateway publishes it, a deleted
 * key puts the tenant back on the built-in heuristic. No restart needed.
 */
export class ActiveModels {
  private readonly byTenant = new Map<string, ActiveModel>();
  private stopWatch: (() => void) | undefined;

  get(tenant: string | undefined): ActiveModel | undefined {
    return this.byTenant.get(tenant ?? DEFAULT_TENANT);
  }

  /** Applies one stored record (or its removal); records that are not a usable model are refused. */
  apply(tenant: string, text: string | undefined, log?: Logger): void {
    if (text === undefined) {
      if (this.byTenant.delete(tenant)) log?.info({ tenant }, "conversion model withdrawn: the built-in heuristic scores");
      return;
    }
    let parsed;
    try {
      parsed = ActiveModelRecord.safeParse(JSON.parse(text));
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success || !isConversionModel(parsed.data.model)) {
      log?.warn({ tenant }, "ignoring an active-model record that is not a model this service can read");
      return;
    }
    const current = this.byTenant.get(tenant);
    this.byTenant.set(tenant, { tenant, version: parsed.data.version, model: parsed.data.model });
    if (current?.version !== parsed.data.version) log?.info({ tenant, version: parsed.data.version }, "conversion model loaded");
  }

  /** Loads the stored records, then follows the bucket (the watch replays them too; applying is idempotent). */
  async watch(kv: KV, log: Logger): Promise<void> {
    for await (const key of await kv.keys("active.>")) {
      const e = await kv.get(key);
      if (e) this.apply(key.slice("active.".length), e.operation === "PUT" ? e.string() : undefined, log);
    }
    const iter = await kv.watch({ key: "active.>" });
    this.stopWatch = () => iter.stop();
    void (async () => {
      for await (const e of iter) this.apply(e.key.slice("active.".length), e.operation === "PUT" ? e.string() : undefined, log);
    })().catch((err: unknown) => log.warn({ err: String(err), bucket: KvBuckets.models }, "model watch ended"));
  }

  /** What the heartbeat shows: the active version per tenant. */
  versions(): Record<string, number> {
    return Object.fromEntries([...this.byTenant].map(([t, m]) => [t, m.version]));
  }

  stop(): void {
    this.stopWatch?.();
  }
}
