import type { WriteStream } from "node:fs";

/** One service of the local stack, running as a child process or as a thread of the supervisor. */
export interface StackMember {
  readonly name: string;
  /** `process` (its own pid) or `thread` (a worker thread of the supervisor, whose pid it shares). */
  readonly kind: "process" | "thread";
  readonly pid: number | undefined;
  /** True until it has exited. */
  running(): boolean;
  /** Called once when it exits on its own or is stopped: how (`code 1`, `SIGKILL`, …). */
  onExit(cb: (how: string) => void): void;
  /** Asks it to drain and stop; forces it after `graceMs`. Resolves once it has exited. */
  stop(graceMs: number): Promise<void>;
}

/** What starting a member takes: its start module, environment and log file. */
export interface MemberSpec {
  name: string;
  main: string;
  env: NodeJS.ProcessEnv;
  log: WriteStream;
  /** A thread's `workerData`. */
  data?: unknown;
  /** A thread's old-space cap in MB (default SERVICE_THREAD_LIMITS'). */
  oldSpaceMb?: number;
}
