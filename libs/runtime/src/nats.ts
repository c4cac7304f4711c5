import { readFileSync } from "node:fs";
import { connect, credsAuthenticator, nkeyAuthenticator, type ConnectionOptions, type NatsConnection } from "@nats-io/transport-node";
import type { NatsAuthSettings } from "./config.js";
import type { Logger } from "./logger.js";

export type { NatsConnection };

/**
 * The credential and TLS part of nats.js' connection options, from the validated settings
 * (NATS_USER/NATS_PASSWORD, NATS_TOKEN, NATS_NKEY_SEED[_FILE], NATS_CREDS_FILE, NATS_TLS_*).
 */
export function natsAuthOptions(c: NatsAuthSettings = {}): Partial<ConnectionOptions> {
  const o: Partial<ConnectionOptions> = {};
  if (c.NATS_USER) {
    o.user = c.NATS_USER;
    o.pass = c.NATS_PASSWORD ?? "";
  }
  if (c.NATS_TOKEN) o.token = c.NATS_TOKEN;
  const seed = c.NATS_NKEY_SEED ?? (c.NATS_NKEY_SEED_FILE ? readFileSync(c.NATS_NKEY_SEED_FILE, "utf8").trim() : undefined);
  if (seed) o.authenticator = nkeyAuthenticator(new TextEncoder().encode(seed));
  if (c.NATS_CREDS_FILE) o.authenticator = credsAuthenticator(readFileSync(c.NATS_CREDS_FILE));
  if (c.NATS_TLS_CA || c.NATS_TLS_CERT) {
    o.tls = {
      ...(c.NATS_TLS_CA ? { caFile: c.NATS_TLS_CA } : {}),
      ...(c.NATS_TLS_CERT ? { certFile: c.NATS_TLS_CERT } : {}),
      ...(c.NATS_TLS_KEY ? { keyFile: c.NATS_TLS_KEY } : {}),
    };
  }
  const inbox = c.NATS_INBOX_PREFIX ?? (c.NATS_USER ? `_INBOX_${c.NATS_USER.replace(/[^A-Za-z0-9_-]/g, "_")}` : undefined);
  if (inbox) o.inboxPrefix = inbox;
  return o;
}

/** How the connection authenticates, for the log (never the secret itself). */
export function natsAuthMethod(c: NatsAuthSettings = {}): string {
  if (c.NATS_CREDS_FILE) return "creds";
  if (c.NATS_NKEY_SEED || c.NATS_NKEY_SEED_FILE) return "nkey";
  if (c.NATS_TOKEN) return "token";
  if (c.NATS_USER) return "user";
  return "none";
}

/**
 * Connects to NATS the way a long-running service should: reconnect forever, log the
 * connection's ups and downs, and name the connection so `nats server report connections`
 * shows who is who.
 */
export async function connectNats(url: string, name: string, log: Logger, auth: NatsAuthSettings = {}): Promise<NatsConnection> {
  const servers = url.split(",").map((s) => s.trim()).filter(Boolean);
  const nc = await connect({
    servers,
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1000,
    waitOnFirstConnect: false,
    ...natsAuthOptions(auth),
  });
  log.info({ server: nc.getServer(), auth: natsAuthMethod(auth), user: auth.NATS_USER, tls: Boolean(auth.NATS_TLS_CA || auth.NATS_TLS_CERT) }, "connected to NATS");
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
