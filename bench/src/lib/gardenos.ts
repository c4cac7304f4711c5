import { jetstream, jetstreamManager, type JetStreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { BANDS, Streams, consumerName } from "@gardenos/contracts";
import { BaseConfigSchema, ackWaitSeconds, ensureStreams, ensureTaskConsumers, loadConfig } from "@gardenos/runtime";

/** A bench client connection that survives a nats-server restart. */
export async function benchConnection(url: string, name: string): Promise<NatsConnection> {
  return connect({ servers: url, name, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
}

/** The topology the services declare (with the given env), plus lead-analysis consumers as its pool declares them. */
export async function declareTopology(nc: NatsConnection, env: NodeJS.ProcessEnv = {}): Promise<JetStreamManager> {
  const jsm = await jetstreamManager(nc);
  await ensureStreams(jsm, loadConfig(BaseConfigSchema, env));
  await ensureTaskConsumers(jsm, "lead_analysis", { ackWaitSeconds: ackWaitSeconds(30), maxDeliver: 4, maxAckPending: 10_000 });
  return jsm;
}

/** Lead-analysis tasks waiting or in flight, over the three bands. */
export async function leadBacklog(jsm: JetStreamManager): Promise<number> {
  let n = 0;
  for (const band of BANDS) {
    const ci = await jsm.consumers.info(Streams.tasks, consumerName("lead_analysis", band));
    n += ci.num_pending + ci.num_ack_pending;
  }
  return n;
}

export { jetstream };
