/**
 * Experiment: the built-in scorer's cost per lead on the throughput scenario's leads (µs), and a
 * fingerprint of its results (to compare two builds: the same leads must score the same).
 * `node bench/dist/experiments/scorer-check.js`
 */
import { createHash } from "node:crypto";
import { scoreLead } from "@gardenos/lead-analysis";
import { benchLead, sampleLeads } from "../lib/leads.js";

const samples = sampleLeads();
const leads = Array.from({ length: 2000 }, (_, i) => benchLead(samples, i));
const now = new Date("2026-11-27T12:00:00Z");
const hash = createHash("sha256");
for (const l of leads) hash.update(JSON.stringify(scoreLead(l, now)));
console.log(`results of ${leads.length} leads: sha256 ${hash.digest("hex").slice(0, 16)}`);
// CPU time, not wall time (the machine is shared): the best of five rounds of 20,000 leads.
const rounds: number[] = [];
for (let r = 0; r < 6; r++) {
  const c0 = process.cpuUsage();
  for (let k = 0; k < 10; k++) for (const l of leads) scoreLead(l, now);
  const c = process.cpuUsage(c0);
  if (r > 0) rounds.push((c.user + c.system) / (10 * leads.length));
}
console.log(`scoreLead: ${Math.min(...rounds).toFixed(1)} µs CPU per lead (best of 5; median ${rounds.sort((a, b) => a - b)[2]!.toFixed(1)})`);
