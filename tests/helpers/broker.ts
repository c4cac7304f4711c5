import { readFileSync } from "node:fs";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import type { LocalBrokerAuth } from "@gardenos/runtime";

/** A permission violation the server reported to a connection. */
export interface Violation {
  operation: string;
  subject: string;
}

/** Connects as one of the broker's users (its own reply inbox), recording the violations the server reports. */
export async function connectAs(url: string, broker: LocalBrokerAuth, user: string): Promise<{ nc: NatsConnection; violations: Violation[] }> {
  const u = broker.users[user];
  if (!u) throw new Error(`no broker user ${user}`);
  const nc = await connect({ servers: url, user: u.user, pass: u.password, inboxPrefix: u.inboxPrefix, name: `test-${user}` });
  const violations: Violation[] = [];
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === "error" && s.error.name === "PermissionViolationError") {
        const e = s.error as Error & { operation: string; subject: string };
        violations.push({ operation: e.operation, subject: e.subject });
      }
    }
  })();
  return { nc, violations };
}

/** Waits until the server has reported a violation of `operation` on `subject` to this connection. */
export async function violationReported(nc: NatsConnection, violations: Violation[], operation: "publish" | "subscription", subject: string, timeoutMs = 3000): Promise<Violation> {
  await nc.flush().catch(() => undefined);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = violations.find((x) => x.operation === operation && x.subject === subject);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`no ${operation} violation on ${subject} (got ${JSON.stringify(violations)})`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The server log's permission violations, as `user subject` lines (nats-server logs each one). */
export function loggedViolations(logFile: string): string[] {
  return readFileSync(logFile, "utf8")
    .split("\n")
    .filter((l) => /Violation/i.test(l));
}
