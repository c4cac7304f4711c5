import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { STOP_MESSAGE, SERVICE_THREAD_LIMITS } from "@gardenos/runtime";
import type { MemberSpec, StackMember } from "./member.js";

/**
 * A worker thread of the supervisor: one service from its main module, or several from their start
 * modules (host-thread.ts), with their own V8 isolate, heap limits, environment and log, without a
 * Node process of their own (bench/README.md, Memory). An uncaught error or running out of heap
 * ends the thread, not the supervisor, which restarts it.
 */
export class ThreadMember implements StackMember {
  readonly kind = "thread";
  readonly pid = process.pid;
  readonly name: string;
  private readonly worker: Worker;
  private readonly exited: Promise<string>;
  private done = false;

  constructor(spec: MemberSpec) {
    this.name = spec.name;
    this.worker = new Worker(pathToFileURL(spec.main), {
      env: spec.env,
      argv: [],
      stdout: true,
      stderr: true,
      resourceLimits: { ...SERVICE_THREAD_LIMITS, ...(spec.oldSpaceMb ? { maxOldGenerationSizeMb: spec.oldSpaceMb } : {}) },
      name: spec.name,
      ...(spec.data !== undefined ? { workerData: spec.data } : {}),
    });
    this.worker.stdout.pipe(spec.log, { end: false });
    this.worker.stderr.pipe(spec.log, { end: false });
    // An uncaught error: in its log (the thread then exits with code 1).
    this.worker.on("error", (e) => spec.log.write(`${spec.name}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`));
    // Exited, and its last lines have reached the log (a thread's stdout ends after its exit).
    const drained = (s: NodeJS.ReadableStream) => new Promise<void>((resolve) => s.once("end", resolve));
    const outputs = Promise.all([drained(this.worker.stdout), drained(this.worker.stderr)]);
    this.exited = new Promise<number>((resolve) => this.worker.once("exit", resolve)).then(async (code) => {
      await Promise.race([outputs, new Promise((r) => setTimeout(r, 2000).unref())]);
      this.done = true;
      return `code ${code}`;
    });
  }

  running(): boolean {
    return !this.done;
  }

  onExit(cb: (how: string) => void): void {
    void this.exited.then(cb);
  }

  async stop(graceMs: number): Promise<void> {
    if (this.done) return;
    const force = setTimeout(() => void this.worker.terminate(), graceMs);
    this.worker.postMessage(STOP_MESSAGE);
    await this.exited;
    clearTimeout(force);
  }
}
