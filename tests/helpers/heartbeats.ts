import { connect, type NatsConnection } from "@nats-io/transport-node";

/** Follows agent heartbeats (as the metrics service does) and keeps the last handler state per type. */
export async function watchHeartbeats(natsUrl: string) {
  const nc: NatsConnection = await connect({ servers: natsUrl });
  const last = new Map<string, any>();
  nc.subscribe("agent.heartbeat.>", {
    callback: (_e, m) => {
      const hb = m.json<any>();
      last.set(hb.agent_type, hb);
    },
  });
  return {
    /** The latest `handler` status of an agent of this type. */
    handler(type: "lead_analysis" | "follow_up"): any {
      return last.get(type)?.handler;
    },
    /** Waits until the handler status satisfies `pred` (heartbeats come every HEARTBEAT_INTERVAL). */
    async waitFor(type: "lead_analysis" | "follow_up", pred: (h: any) => boolean, timeoutMs = 10_000): Promise<any> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const h = last.get(type)?.handler;
        if (h && pred(h)) return h;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no ${type} heartbeat matched within ${timeoutMs} ms; last: ${JSON.stringify(last.get(type)?.handler)}`);
    },
    close: () => nc.close(),
  };
}
