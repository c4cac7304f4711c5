import { connect, type NatsConnection } from "@nats-io/transport-node";
import type { Logger } from "./logger.js";

export type { NatsConnection };

/**
 * Connects to NATS the way a long-running service should: reconnect forever, log the
 * connection's ups and downs, and name the connection so `nats server report connections`
 * shows who is who.
 */
export async function connectNats(url: string, name: string, log: Logger): Promise<NatsConnection> {
  const servers = url.split(",").map((s) => s.trim()).filter(Boolean);
  const nc = await connect({
    servers,
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1000,
    waitOnFirstConnect: false,
  });
  log.info({ server: nc.getServer() }, "connected to NATS");
  void (async () => {
    for await (const s of nc.status()) {
      switch (s.type) {
        case "disconnect":
          log.warn({ server: s.server }, "NATS disconnected");
          break;
        case "reconnect":
          log.info({ server: s.server }, "NATS reconnected");
          break;
        case "error":
          log.error({ err: s.error }, "NATS error");
          break;
        default:
          break;
      }
    }
  })();
  return nc;
}

/** True when the connection answers a ping within `timeoutMs` (false while disconnected). */
export async function natsAlive(nc: NatsConnection, timeoutMs = 1000): Promise<boolean> {
  if (nc.isClosed()) return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    return await Promise.race([
      nc.rtt().then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
