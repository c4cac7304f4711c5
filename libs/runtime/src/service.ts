import { isConfigError } from "./errors.js";
import type { Logger } from "./logger.js";

/** A started service: how to stop it gracefully. */
export interface ServiceHandle {
  stop(): Promise<void>;
}

/**
 * Runs a service's main: starts it, stops it gracefully on SIGTERM/SIGINT (a second signal
 * exits at once), and exits non-zero with a clear message when it cannot start.
 */
export function runService(name: string, start: () => Promise<{ handle: ServiceHandle; log: Logger }>): void {
  let stopping = false;
  start()
    .then(({ handle, log }) => {
      const onSignal = (sig: NodeJS.Signals) => {
        if (stopping) {
          log.warn({ signal: sig }, "second signal: exiting now");
          process.exit(130);
        }
        stopping = true;
        log.info({ signal: sig }, "draining");
        handle
          .stop()
          .then(() => {
            log.info("stopped");
            process.exit(0);
          })
          .catch((e: unknown) => {
            log.error({ err: e }, "error while stopping");
            process.exit(1);
          });
      };
      process.on("SIGTERM", onSignal);
      process.on("SIGINT", onSignal);
    })
    .catch((e: unknown) => {
      const msg = isConfigError(e) ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e);
      process.stderr.write(`${name}: cannot start: ${msg}\n`);
      process.exit(isConfigError(e) ? 78 : 1);
    });
}
