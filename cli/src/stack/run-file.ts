import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { processAlive as alive } from "@gardenos/runtime";

/** A process the local stack started: its name, pid and command line (to tell it from a reused pid). */
export interface RunProcess {
  name: string;
  pid: number;
  cmdline: string;
}

interface RunRecord {
  supervisor: RunProcess;
  processes: RunProcess[];
}

/** The command line of a live process, or undefined (gone, or no /proc to read it on this system). */
export function cmdlineOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "latin1").split("\0").join(" ").trim();
  } catch {
    return undefined;
  }
}


/** The same process as recorded: alive, and (where /proc tells) still running the recorded command. */
function same(p: RunProcess): boolean {
  if (!alive(p.pid)) return false;
  const now = cmdlineOf(p.pid);
  return now === undefined || now === p.cmdline;
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !alive(pid);
}

export class StackBusyError extends Error {
  override name = "StackBusyError";
}

/**
 * `<dataDir>/stack.json`: the supervisor's pid and every process it started (nats-server, the
 * gateway, services run as processes). A supervisor that is SIGKILLed cannot stop its children;
 * the next `gardenos up` on the same data directory finds them here and stops them before it
 * starts anything (a second nats-server on the same store, or a gateway holding the port, would
 * otherwise be left running beside the new stack). While the recorded supervisor still runs, the
 * data directory is in use and a second `gardenos up` is refused.
 */
export class RunFile {
  private processes = new Map<string, RunProcess>();
  private readonly supervisor: RunProcess;

  constructor(private readonly path: string) {
    this.supervisor = { name: "gardenos up", pid: process.pid, cmdline: cmdlineOf(process.pid) ?? "" };
  }

  /**
   * Before a start: throws StackBusyError when the recorded supervisor still runs; stops (SIGTERM,
   * then SIGKILL after `graceMs`) the processes a killed one left behind. Returns what it stopped.
   */
  async reclaim(graceMs = 10_000): Promise<RunProcess[]> {
    let rec: RunRecord;
    try {
      rec = JSON.parse(readFileSync(this.path, "utf8")) as RunRecord;
    } catch {
      return [];
    }
    if (rec.supervisor && rec.supervisor.pid !== process.pid && same(rec.supervisor)) {
      throw new StackBusyError(`another gardenos up (pid ${rec.supervisor.pid}) is running on this data directory: stop it first (Ctrl-C, or kill ${rec.supervisor.pid})`);
    }
    const left = (rec.processes ?? []).filter((p) => p.pid !== process.pid && same(p));
    for (const p of left) process.kill(p.pid, "SIGTERM");
    for (const p of left) if (!(await waitGone(p.pid, graceMs))) process.kill(p.pid, "SIGKILL");
    for (const p of left) await waitGone(p.pid, 5_000);
    rmSync(this.path, { force: true });
    return left;
  }

  /** Records a process the stack started (replacing an earlier one of the same name). */
  add(name: string, pid: number | undefined): void {
    if (pid === undefined) return;
    this.processes.set(name, { name, pid, cmdline: cmdlineOf(pid) ?? "" });
    this.write();
  }

  /** After a clean stop: nothing is left to reclaim (a file this stack did not write is left alone). */
  remove(): void {
    if (this.processes.size === 0) return;
    rmSync(this.path, { force: true });
    this.processes.clear();
  }

  private write(): void {
    const rec: RunRecord = { supervisor: this.supervisor, processes: [...this.processes.values()] };
    writeFileSync(this.path, `${JSON.stringify(rec, null, 2)}\n`);
  }
}
