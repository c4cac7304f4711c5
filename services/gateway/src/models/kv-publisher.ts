import type { KV } from "@nats-io/kv";
import { activeModelKey, type ActiveModelRecord } from "@gardenos/contracts";
import type { ModelPublisher } from "./model-store.js";

/**
 * Publishes a tenant's active model under `active.<tenant>` in `gardenos_models`; the
 * lead-analysis agents watch the bucket and switch without a restart. Withdrawing deletes the key
 * (the agents go back to the built-in heuristic).
 */
export function kvModelPublisher(kv: KV): ModelPublisher {
  return {
    async publish(tenant: string, record: ActiveModelRecord | undefined): Promise<void> {
      if (record) await kv.put(activeModelKey(tenant), JSON.stringify(record));
      else await kv.delete(activeModelKey(tenant));
    },
  };
}
