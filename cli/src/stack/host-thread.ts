/**
 * A worker thread that runs several services in one V8 isolate (the local stack's metrics and
 * agent services): each from its start module (`start.js`) with its own environment — broker
 * user, log file — so the code they share (runtime, contracts, zod, the NATS client) is loaded
 * once instead of once per service. On the host's STOP_MESSAGE each drains (last started first)
 * and the thread exits; an uncaught error ends the thread and the supervisor restarts them all.
 */
import { parentPort, workerData } from "node:worker_threads";
import { pathToFileURL } from "node:url";
import { STOP_MESSAGE, isConfigError, type Logger, type ServiceHandle, type StartService } from "@gardenos/runtime";

/** One service this thread runs (the thread's `workerData` is a list of them). */
export interface HostedService {
  name: string;
  /** Absolute path of its start module. */
  start: string;
  env: NodeJS.ProcessEnv;
}

const hosted = workerData as HostedService[];
const running: { name: string; handle: ServiceHandle; log: Logger }[] = [];

async function stopAll(): Promise<number> {
  let code = 0;
  for (const s of [...running].reverse()) {
    s.log.info({ signal: STOP_MESSAGE }, "draining");
    try {
      await s.handle.stop();
      s.log.info("stopped");
    } catch (e) {
      s.log.error({ err: e }, "error while stopping");
      code = 1;
    }
  }
  return code;
}

try {
  const started = await Promise.allSettled(
    hosted.map(async (h) => {
      const { start } = (await import(pathToFileURL(h.start).href)) as { start: StartService };
      const s = await start(h.env);
      running.push({ name: h.name, ...s });
    }),
  );
  const failed = started.flatMap((r, i) => (r.status === "rejected" ? [{ name: hosted[i]!.name, err: r.reason as unknown }] : []));
  if (failed.length) {
    for (const f of failed) process.stderr.write(`${f.name}: cannot start: ${isConfigError(f.err) ? f.err.message : f.err instanceof Error ? (f.err.stack ?? f.err.message) : String(f.err)}\n`);
    await stopAll();
    // 78 (configuration), as a service's own main exits, when that is what stopped them all.
    process.exit(failed.every((f) => isConfigError(f.err)) ? 78 : 1);
  }
} catch (e) {
  process.stderr.write(`cannot start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
}

let stopping = false;
parentPort?.on("message", (m: unknown) => {
  if (m !== STOP_MESSAGE || stopping) return;
  stopping = true;
  void stopAll().then((code) => process.exit(code));
});
