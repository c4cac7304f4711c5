import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a function lives: an npm package, our code (by workspace), or Node/V8 itself. */
function owner(url: string, fn: string): string {
  if (!url) return fn.startsWith("(") ? fn : "(v8/native)";
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  const ours = /\/(libs|services|bench|cli)\/([^/]+)\//.exec(url);
  if (ours) return `@gardenos/${ours[2]}`;
  if (url.startsWith("node:")) return "node:" + url.slice(5).split("/")[0];
  return url;
}

function shortUrl(url: string): string {
  return url.replace(/^file:\/\/.*?\/(node_modules|libs|services|bench)\//, "$1/");
}

/** Self time per function and per package of one V8 CPU profile, as text. */
export function summariseProfile(path: string, top = 15): string {
  const p = JSON.parse(readFileSync(path, "utf8")) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    self.set(id, (self.get(id) ?? 0) + dt);
    total += dt;
  });
  const fns = new Map<string, number>();
  const owners = new Map<string, number>();
  for (const [id, us] of self) {
    const cf = byId.get(id)!.callFrame;
    const key = `${cf.functionName || "(anonymous)"}  ${shortUrl(cf.url)}${cf.url ? `:${cf.lineNumber + 1}` : ""}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
    const o = owner(cf.url, cf.functionName);
    owners.set(o, (owners.get(o) ?? 0) + us);
  }
  const idle = (fns.get("(idle)  ") ?? 0) / total;
  const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
  const lines = [`${path.split("/").pop()}: ${(total / 1e6).toFixed(1)} s profiled, ${(idle * 100).toFixed(0)} % idle`, "  by package:"];
  for (const [o, us] of [...owners].sort((a, b) => b[1] - a[1]).slice(0, 12)) lines.push(`    ${pct(us)}  ${o}`);
  lines.push("  top functions (self time):");
  for (const [f, us] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`    ${pct(us)}  ${f}`);
  return lines.join("\n");
}

export function summariseProfiles(dir: string): string {
  if (!existsSync(dir)) return "";
  return readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => summariseProfile(join(dir, f)))
    .join("\n\n");
}
