import { isMainThread, parentPort } from "node:worker_threads";
import { isConfigError } from "./errors.js";
import { nodeVersionProblem } from "./node-version.js";
import type { Logger } from "./logger.js";

/** A started service: how to stop it gracefully. */
export interface ServiceHandle {
  stop(): Promise<void>;
}

/**
 * A service's start module (`start.js` beside its `main.js`): starts it with the given environment.
 * Its main runs one with process.env; the local stack runs several in one thread, each with its own.
 */
export type StartService = (env: NodeJS.ProcessEnv) => Promise<{ handle: ServiceHandle; log: Logger }>;

/** The message a host sends a service running in its worker thread to drain and stop it. */
export const STOP_MESSAGE = "gardenos:stop";

/**
 * Runs a service's main: starts it, stops it gracefully on SIGTERM/SIGINT (a second signal
 * exits at once), and exits non-zero with a clear message when it cannot start.
 *
 * In a worker thread (the local stack runs the agent services and metrics as threads of one
 * process) signals do not reach the service: it drains on the host's `STOP_MESSAGE` instead, and
 * `process.exit` ends the thread, not the host.
 */
export function runService(name: string, start: () => Promise<{ handle: ServiceHandle; log: Logger }>): void {
  const tooOld = nodeVersionProblem();
  if (tooOld) {
    process.stderr.write(`${name}: ${tooOld}\n`);
    process.exit(1);
  }
  let stopping = false;
  start()
    .then(({ handle, log }) => {
      const onSignal = (sig: string) => {
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
      if (isMainThread || !parentPort) {
        process.on("SIGTERM", onSignal);
        process.on("SIGINT", onSignal);
        // Started by `gardenos up` with a pipe as stdin: the pipe ends when the supervisor is gone
        // (even SIGKILLed), and the service then stops as on SIGTERM instead of running orphaned.
        if (process.env.GARDENOS_EXIT_WITH_PARENT === "1" && !process.stdin.isTTY) {
          process.stdin.on("end", () => onSignal("supervisor gone"));
          process.stdin.on("error", () => onSignal("supervisor gone"));
          process.stdin.resume();
        }
      } else {
        parentPort.on("message", (m: unknown) => {
          if (m === STOP_MESSAGE) onSignal(STOP_MESSAGE);
        });
      }
    })
    .catch((e: unknown) => {
      const msg = isConfigError(e) ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e);
      process.stderr.write(`${name}: cannot start: ${msg}\n`);
      process.exit(isConfigError(e) ? 78 : 1);
    });
}
