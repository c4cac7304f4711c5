import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The built CLI (`gardenos`), as a user runs it. */
export const CLI = fileURLToPath(new URL("../../cli/dist/main.js", import.meta.url));

/** Runs `gardenos <args>` in a process of its own (this process keeps serving the stack it talks to). */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d) => (stdout += d));
    p.stderr.on("data", (d) => (stderr += d));
    p.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}
