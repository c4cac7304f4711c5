/**
 * Summarises a .heapprofile (heap-sampler.ts): bytes by allocation stack (innermost DEPTH frames),
 * top N. `node bench/dist/experiments/heap-profile-summary.js <file> [N=30] [DEPTH=8]`.
 */
import { readFileSync } from "node:fs";

interface Frame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfNode {
  callFrame: Frame;
  selfSize: number;
  children: ProfNode[];
}

const [file, nArg, depthArg] = process.argv.slice(2);
const top = Number(nArg ?? 30);
const depth = Number(depthArg ?? 8);
const prof = JSON.parse(readFileSync(file!, "utf8")) as { head: ProfNode };
const byStack = new Map<string, number>();
const byLeaf = new Map<string, number>();
let total = 0;
const short = (f: Frame) => `${f.functionName || "(anon)"} ${f.url.replace(/^.*node_modules\//, "nm:").replace(/^.*\/(libs|services|bench)\//, "$1/").replace(/^file:\/\//, "")}:${f.lineNumber + 1}`;
const walk = (n: ProfNode, stack: Frame[]) => {
  const s = [...stack, n.callFrame];
  if (n.selfSize) {
    total += n.selfSize;
    const key = s.slice(-depth).reverse().map(short).join("\n    < ");
    byStack.set(key, (byStack.get(key) ?? 0) + n.selfSize);
    const leaf = short(n.callFrame);
    byLeaf.set(leaf, (byLeaf.get(leaf) ?? 0) + n.selfSize);
  }
  for (const c of n.children) walk(c, s);
};
walk(prof.head, []);
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
console.log(`${file}: ${kb(total)} sampled`);
console.log(`\n== top ${top} leaf functions ==`);
for (const [k, v] of [...byLeaf].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${kb(v).padStart(10)}  ${k}`);
console.log(`\n== top ${top} stacks (innermost ${depth} frames) ==`);
for (const [k, v] of [...byStack].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${kb(v).padStart(10)}  ${k}`);
