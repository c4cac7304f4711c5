import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

interface Bar {
  label: string;
  value: number;
  color?: string;
}

interface Panel {
  title: string;
  unit: string;
  bars: Bar[];
  /** A dashed line for the target, with its label. */
  target?: { value: number; label: string };
}

const W = 460;
const H = 260;
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const fmt = (v: number) => (v >= 1000 ? v.toLocaleString("en", { maximumFractionDigits: 0 }) : v >= 10 ? String(Math.round(v * 10) / 10) : String(Math.round(v * 100) / 100));

function panel(p: Panel, x0: number, y0: number): string {
  const top = 40;
  const bottom = 60;
  const left = 20;
  const plotH = H - top - bottom;
  const max = Math.max(...p.bars.map((b) => b.value), p.target?.value ?? 0) * 1.15 || 1;
  const slot = (W - 2 * left) / Math.max(1, p.bars.length);
  const bw = Math.min(70, slot * 0.6);
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const out: string[] = [`<g transform="translate(${x0},${y0})">`, `<rect width="${W}" height="${H}" fill="#fff" stroke="#ddd"/>`];
  out.push(`<text x="${W / 2}" y="22" text-anchor="middle" font-size="14" font-weight="bold">${esc(p.title)}</text>`);
  out.push(`<line x1="${left}" y1="${top + plotH}" x2="${W - left}" y2="${top + plotH}" stroke="#999"/>`);
  p.bars.forEach((b, i) => {
    const cx = left + slot * i + slot / 2;
    const h = Math.max(0, top + plotH - y(b.value));
    out.push(`<rect x="${cx - bw / 2}" y="${y(b.value)}" width="${bw}" height="${h}" fill="${b.color ?? "#4a7ebb"}"/>`);
    out.push(`<text x="${cx}" y="${y(b.value) - 4}" text-anchor="middle" font-size="11">${esc(fmt(b.value))}</text>`);
    const words = b.label.split(" ");
    const lines = words.length > 2 ? [words.slice(0, 2).join(" "), words.slice(2).join(" ")] : [b.label];
    lines.forEach((l, j) => out.push(`<text x="${cx}" y="${top + plotH + 16 + j * 13}" text-anchor="middle" font-size="11">${esc(l)}</text>`));
  });
  if (p.target) {
    const ty = y(p.target.value);
    out.push(`<line x1="${left}" y1="${ty}" x2="${W - left}" y2="${ty}" stroke="#c0392b" stroke-dasharray="5,4"/>`);
    out.push(`<text x="${left + 4}" y="${ty - 4}" text-anchor="start" font-size="10" fill="#c0392b">${esc(p.target.label)}</text>`);
  }
  out.push(`<text x="${left}" y="${H - 8}" font-size="10" fill="#666">${esc(p.unit)}</text>`, "</g>");
  return out.join("\n");
}

const COLORS: Record<string, string> = { GardenOS: "#2e8b57", BullMQ: "#d9822b", JetStream: "#7f8c8d" };
const colorOf = (label: string) => COLORS[label.split(" ")[0]!] ?? "#4a7ebb";

function read(dir: string, name: string): any {
  const p = join(dir, `${name}.json`);
  return existsSync(p) ? JSON.parse(readFileSync(p, "utf8")) : undefined;
}

/** bench/results/chart.svg from the scenario JSON files of the latest full run. */
export function writeChart(dir: string): string | undefined {
  const panels: Panel[] = [];
  const tp = read(dir, "throughput");
  if (tp?.medians) {
    const meds = tp.medians as { contender: string; tasks_per_s: number; p99_ms: number; cpu_s?: Record<string, number> }[];
    const short = (c: string) => c.replace("BullMQ (machine Redis)", "BullMQ Redis").replace("BullMQ (aof Redis)", "BullMQ Redis AOF").replace("JetStream floor", "JetStream floor");
    panels.push({ title: `Event throughput (${tp.params.n.toLocaleString("en")} tasks, median of ${tp.params.reps})`, unit: "tasks/s (higher is better)", bars: meds.map((m) => ({ label: short(m.contender), value: m.tasks_per_s, color: colorOf(m.contender) })) });
    const paced = tp.paced as { contender: string; p99_ms: number }[] | undefined;
    if (paced?.length) panels.push({ title: `End-to-end p99 at a fixed ${tp.params.paced_rate} tasks/s`, unit: "ms (lower is better)", bars: paced.map((m) => ({ label: short(m.contender), value: m.p99_ms, color: colorOf(m.contender) })) });
    else panels.push({ title: "End-to-end p99 latency (same runs)", unit: "ms (lower is better)", bars: meds.map((m) => ({ label: short(m.contender), value: m.p99_ms, color: colorOf(m.contender) })) });
    const cpu = (m: { cpu_s?: Record<string, number> }) => (1000 * Object.entries(m.cpu_s ?? {}).filter(([k]) => k !== "bench").reduce((a, [, v]) => a + v, 0)) / tp.params.n;
    panels.push({ title: "Server CPU per task (same runs)", unit: "CPU ms per task, all server processes (lower is better; robust to machine load)", bars: meds.map((m) => ({ label: short(m.contender), value: Math.round(cpu(m) * 100) / 100, color: colorOf(m.contender) })) });
  }
  const it = read(dir, "intake");
  const llm = read(dir, "llm");
  if (it?.max) {
    const bars: Bar[] = [{ label: "intake max req/s", value: it.max.req_per_s, color: "#2e8b57" }];
    panels.push({ title: "HTTP intake: POST /ai/analyze-lead", unit: `req/s; p99 at 1,000 req/s: ${it.fixed.p99_ms} ms (target ≤ 20 ms)`, bars, target: { value: 5000, label: "target 5,000 req/s" } });
  }
  if (llm?.tasks_per_s) {
    panels.push({ title: "LLM-bound: 50 agents, 200 ms model", unit: `tasks/s; ${llm.share_pct} % of the bound`, bars: [{ label: "GardenOS", value: llm.tasks_per_s, color: "#2e8b57" }], target: { value: 250, label: "bound 250 tasks/s (target 97 %: 242.5)" } });
  }
  const mem = read(dir, "memory");
  if (mem?.backlog_rss) {
    const svcs = ["gateway", "lead-analysis", "follow-up", "metrics"];
    panels.push({ title: `Peak RSS with ${mem.params.backlog.toLocaleString("en")} tasks waiting, 1,000 agents`, unit: "MB per service (target ≤ 100 MB)", bars: svcs.map((s) => ({ label: s, value: mem.backlog_rss[s] ?? 0, color: "#2e8b57" })), target: { value: 100, label: "100 MB" } });
  }
  const rc = read(dir, "recovery");
  if (rc?.drain_s !== undefined) {
    panels.push({
      title: `Recovery (${rc.params.queued.toLocaleString("en")} queued)`,
      unit: "seconds",
      bars: [
        { label: "drain from spawn", value: rc.drain_s, color: "#2e8b57" },
        { label: "nats restart", value: rc.nats_down_s, color: "#7f8c8d" },
        { label: "first result after", value: rc.resume_after_up_s, color: "#2e8b57" },
        { label: "batch drained after", value: rc.second_batch_drain_after_up_s, color: "#2e8b57" },
      ],
    });
  }
  if (!panels.length) return undefined;
  const cols = 2;
  const rows = Math.ceil(panels.length / cols);
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${cols * W + 30}" height="${rows * H + 20 * (rows + 1) + 30}" font-family="Helvetica, Arial, sans-serif">`,
    `<rect width="100%" height="100%" fill="#f7f7f7"/>`,
    `<text x="10" y="20" font-size="12" fill="#333">GardenOS bench — ${esc(String(tp?.when ?? it?.when ?? ""))} — ${esc(String(tp?.machine?.cpus ?? "?"))} × ${esc(String(tp?.machine?.cpu_model ?? "?"))}; load before throughput: ${esc(String(tp?.load_before ?? "?"))}</text>`,
    ...panels.map((p, i) => panel(p, 10 + (i % cols) * (W + 10), 30 + Math.floor(i / cols) * (H + 20))),
    "</svg>",
  ].join("\n");
  const path = join(dir, "chart.svg");
  writeFileSync(path, svg + "\n");
  return path;
}
