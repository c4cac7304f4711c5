import type { NatsConnection, Subscription } from "@nats-io/transport-node";
import { errorMessage } from "./errors.js";
import type { Logger } from "./logger.js";

/**
 * Answers a request/reply subject in the queue group `queue` (every replica of a service, one
 * answer per request): `answer` gets the request's JSON and returns the reply, or undefined for a
 * request it will not answer. A request that is not JSON, an undefined reply or a failure (the
 * database down …) gets no answer: the asking agent's own timeout decides what happens then.
 */
export function serveRequests(nc: NatsConnection, o: { subject: string; queue: string; what: string; log: Logger }, answer: (request: unknown) => Promise<unknown> | unknown): Subscription {
  return nc.subscribe(o.subject, {
    queue: o.queue,
    callback: (err, msg) => {
      if (err) return;
      void (async () => {
        try {
          const reply = await answer(msg.json());
          if (reply !== undefined) msg.respond(JSON.stringify(reply));
        } catch (e) {
          o.log.debug({ err: errorMessage(e) }, `${o.what} unanswered`);
        }
      })();
    },
  });
}
