import { spawn, type ChildProcess } from "node:child_process";
import type { MemberSpec, StackMember } from "./member.js";

/** A service as a child process (the gateway; every service with `gardenos up --processes`). */
export class ProcessMember implements StackMember {
  readonly kind = "process";
  readonly name: string;
  private readonly proc: ChildProcess;
  private readonly exited: Promise<string>;

  constructor(spec: MemberSpec, nodeFlags: readonly string[]) {
    // stdin is a pipe this process never writes to: it ends when the supervisor dies, however it
    // dies, and the service (runService, GARDENOS_EXIT_WITH_PARENT) then drains and exits. A process
    // group of its own: a terminal's Ctrl-C reaches only the supervisor, which stops it (one
    // SIGTERM, a drain) before nats-server; in the terminal's group it got two signals and exited
    // without draining, and nats-server stopped under the services draining against it (30 s).
    this.proc = spawn(process.execPath, [...nodeFlags, spec.main], { env: { ...spec.env, GARDENOS_EXIT_WITH_PARENT: "1" }, stdio: ["pipe", "pipe", "pipe"], detached: true });
    this.proc.stdout?.pipe(spec.log, { end: false });
    this.proc.stderr?.pipe(spec.log, { end: false });
    // "close": it has exited and its output has reached the log.
    this.exited = new Promise((resolve) => this.proc.once("close", (code, signal) => resolve(signal ?? `code ${code}`)));
    this.name = spec.name;
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  running(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  onExit(cb: (how: string) => void): void {
    void this.exited.then(cb);
  }

  async stop(graceMs: number): Promise<void> {
    if (!this.running()) return;
    const force = setTimeout(() => this.proc.kill("SIGKILL"), graceMs);
    this.proc.kill("SIGTERM");
    await this.exited;
    clearTimeout(force);
  }
}
