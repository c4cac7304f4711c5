import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { processAlive as alive } from "@gardenos/runtime";

/** `<dir>.creating-<pid>` beside `dir`: where a database is made before it is moved into place. */
function creationDirs(dir: string): { path: string; pid: number }[] {
  const prefix = `${basename(dir)}.creating-`;
  const parent = dirname(dir);
  return readdirSync(parent)
    .filter((n) => n.startsWith(prefix) && /^\d+$/.test(n.slice(prefix.length)))
    .map((n) => ({ path: join(parent, n), pid: Number(n.slice(prefix.length)) }));
}

/**
 * Creates the embedded database at `dir` (which must be empty): initdb runs in a short-lived child
 * process (it leaves a few hundred MB behind in the process that runs it, even in a worker thread),
 * into `<dir>.creating-<pid>` beside it, and the finished database is moved into place with one
 * rename. So a first start that is killed part-way (the gateway, its supervisor, the machine)
 * leaves no half-made database at `dir` — which a later start would open and fail on — but only a
 * creation directory, removed by the next start once its process is gone.
 */
export async function createPgliteDir(dir: string, conf: readonly string[]): Promise<void> {
  for (const c of creationDirs(dir)) if (c.pid !== process.pid && !alive(c.pid)) rmSync(c.path, { recursive: true, force: true });
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new Error(`PGLITE_DIR ${dir} holds files but no database (no PG_VERSION): remove it, or point PGLITE_DIR at an empty or new directory`);
  }
  let tmp = `${dir}.creating-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  try {
    mkdirSync(tmp);
  } catch (e) {
    // The directory is a mount point whose parent we may not write to (a volume mounted at
    // PGLITE_DIR itself): create in place, as before, without the all-or-nothing move.
    if (!["EACCES", "EPERM", "EROFS"].includes((e as NodeJS.ErrnoException).code ?? "")) throw e;
    tmp = dir;
  }
  // It ends with this process: killed with it on SIGTERM/SIGINT (which then end this process as
  // before), and, if this process dies otherwise, when its stdin (a pipe from us) closes and it
  // next reaches its event loop.
  const create = `import { PGlite } from ${JSON.stringify(import.meta.resolve("@electric-sql/pglite"))};
    process.stdin.on("end", () => process.exit(1)).resume();
    const db = await PGlite.create(${JSON.stringify(tmp)}, { postgresqlconf: ${JSON.stringify(conf)} });
    await db.close();
    process.exit(0);`;
  // The same Node flags as this process (e.g. --liftoff-only), none of its NODE_OPTIONS-only hooks.
  const child = spawn(process.execPath, [...process.execArgv.filter((a) => !a.startsWith("--cpu-prof")), "--input-type=module", "-e", create], { stdio: ["pipe", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  const discard = () => {
    if (tmp !== dir) rmSync(tmp, { recursive: true, force: true });
  };
  const onSignal = (sig: NodeJS.Signals) => {
    child.kill("SIGKILL");
    discard();
    process.off("SIGTERM", onSignal).off("SIGINT", onSignal);
    process.kill(process.pid, sig);
  };
  process.once("SIGTERM", onSignal).once("SIGINT", onSignal);
  try {
    await new Promise<void>((resolve, reject) => {
      child.once("error", reject);
      child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`creating the embedded database failed (exit ${code}): ${stderr.trim()}`))));
    });
  } catch (e) {
    discard();
    throw e;
  } finally {
    process.off("SIGTERM", onSignal).off("SIGINT", onSignal);
  }
  // rename(2) replaces an empty directory: `dir` now holds a complete database or nothing.
  if (tmp !== dir) renameSync(tmp, dir);
}
