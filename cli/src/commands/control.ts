import { InvalidArgumentError, Option, type Command } from "commander";
import Table from "cli-table3";
import type { AgentType, AgentTypeView } from "@gardenos/contracts";
import { ApiError, call, fetchAgentTypes, findType, type KnownTypes } from "../api.js";

/**
 * Operator commands: `gardenos status | agents | queues | types | scale <type> <n> | restart [type|id]`.
 * The agent types come from the gateway (GET /ai/types), so plugin types work like built-in ones.
 * Tables for people, `--json` for scripts; `--url` / `$GARDENOS_URL` and `--key` / `$GARDENOS_KEY`.
 * Exit codes: 0 ok, 1 refused or not healthy, 2 usage, 3 gateway unreachable or unavailable,
 * 4 key missing or not allowed (401/403).
 */

type ExitCodes = { ok: number; failed: number; usage: number; unavailable: number };
export const UNAUTHORIZED_EXIT = 4;

interface Deps {
  Exit: ExitCodes;
  say: (line: string) => void;
}

interface Common {
  url: string;
  key?: string;
  json?: boolean;
}

const defaultUrl = () => process.env.GARDENOS_URL || `http://127.0.0.1:${process.env.PORT ?? 8000}`;
const out = (text: string) => process.stdout.write(`${text}\n`);

export { call };

function table(head: string[]): Table.Table {
  return new Table({ head, style: { head: [], border: [] }, chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" } });
}

const num = (n: unknown, digits = 0) => (typeof n === "number" ? n.toFixed(digits) : "–");
const pct = (n: unknown) => (typeof n === "number" ? `${(n * 100).toFixed(1)}%` : "–");
function ago(iso: unknown): string {
  if (typeof iso !== "string") return "–";
  const s = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
  return s < 90 ? `${s.toFixed(0)} s ago` : s < 5400 ? `${(s / 60).toFixed(0)} min ago` : `${(s / 3600).toFixed(1)} h ago`;
}
function duration(seconds: unknown): string {
  if (typeof seconds !== "number") return "–";
  if (seconds < 120) return `${seconds.toFixed(0)} s`;
  if (seconds < 7200) return `${(seconds / 60).toFixed(0)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** `lead_analysis`, `lead-analysis` → the type; anything else is an agent id. */
export function parseTarget(v: string, types: readonly AgentTypeView[]): { agent_type: AgentType } | { agent_id: string } {
  const t = findType(types, v);
  return t ? { agent_type: t.type } : { agent_id: v };
}

/** Says on stderr that the types are the built-in ones because the gateway has no GET /ai/types. */
function noteFallback(known: KnownTypes, say: (line: string) => void, always = false): void {
  if (known.note && (always || known.cause?.status !== 0)) say(`gardenos: note: ${known.note}`);
}

/**
 * The agent type named `v` (type id or service name), as the gateway knows it. An unknown name is
 * a usage error (exit 2); with the gateway unreachable, that is the error instead.
 */
export async function resolveType(o: Common, v: string, cmd: Command, say: (line: string) => void): Promise<AgentTypeView> {
  const known = await fetchAgentTypes(o);
  const t = findType(known.types, v);
  if (!t && known.cause?.status === 0) throw known.cause;
  noteFallback(known, say);
  if (!t) cmd.error(`error: unknown agent type '${v}': must be one of ${known.types.map((x) => x.type).join(", ")} (see gardenos types)`, { exitCode: 2 });
  return t;
}

function countArg(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("must be a whole number ≥ 0");
  return n;
}

/** The status as tables: system line, agents per type, work per type. */
export function statusText(s: any): string {
  const lines: string[] = [];
  lines.push(
    `GardenOS ${String(s.orchestrator_status).toUpperCase()} · ${s.total_agents} agents · ${s.total_processed} processed · error rate ${pct(s.error_rate)} · queues: ${
      Object.entries((s.queue_sizes ?? {}) as Record<string, number>)
        .map(([type, n]) => `${type} ${n}`)
        .join(", ") || "–"
    }`,
  );
  const types = (s.types ?? {}) as Record<string, any>;
  const agents = table(["type", "desired", "replicas", "running", "busy", "idle", "draining", "failed", "breakers", "degraded", "budget left"]);
  const work = table(["type", "queue h/n/l", "in flight", "per min 1m/5m", "p50 / p95 / p99 ms", "errors 5m", "done today", "failed today", "tokens today", "cost today"]);
  for (const [id, t] of Object.entries(types)) {
    // A registered type this deployment does not run (AGENT_TYPES) is listed, marked.
    const type = t.deployed === false ? `${id} (not deployed)` : id;
    const breakers = Object.entries((t.breakers ?? {}) as Record<string, string>).map(([k, v]) => `${k}:${v}`).join(" ") || "–";
    agents.push([type, `${t.desired}${t.desired_source === "config" ? " (cfg)" : ""}`, t.replicas, t.running, t.busy, t.idle, t.draining, t.failed, breakers, t.degraded_mode ? "yes" : "no", `$${num(t.budget_left_usd, 2)}`]);
    const q = t.queue ?? {};
    work.push([
      type,
      `${q.high?.pending ?? 0} / ${q.normal?.pending ?? 0} / ${q.low?.pending ?? 0}`,
      (q.high?.ack_pending ?? 0) + (q.normal?.ack_pending ?? 0) + (q.low?.ack_pending ?? 0),
      `${num(t.throughput_per_min?.["1m"])} / ${num(t.throughput_per_min?.["5m"], 1)}`,
      `${num(t.latency?.p50_ms, 1)} / ${num(t.latency?.p95_ms, 1)} / ${num(t.latency?.p99_ms, 1)}`,
      pct(t.error_rate_5m),
      t.completed_today,
      t.failed_today,
      (t.tokens_today?.prompt ?? 0) + (t.tokens_today?.completion ?? 0),
      `$${num(t.cost_usd_today, 4)}`,
    ]);
  }
  lines.push(agents.toString(), work.toString());
  return lines.join("\n");
}

/** The agent types as a table: id, service, deployed, route, subjects, pool bounds and their variables. */
export function typesText(types: readonly AgentTypeView[]): string {
  const t = table(["type", "service", "deployed", "route", "task subject → result", "agents default / max", "env (agents, max, timeout)", "description"]);
  for (const x of types) {
    t.push([x.type, x.service, x.deployed ? "yes" : "no", `POST ${x.http_path}`, `${x.subject} → ${x.result_subject}`, `${x.agents.default} / ${x.agents.max}`, `${x.env.agents}, ${x.env.max_agents}, ${x.env.timeout}`, x.description]);
  }
  return t.toString();
}

export function agentsText(list: any[]): string {
  const t = table(["agent", "type", "status", "done", "errors", "p50 / p95 ms", "uptime", "current task", "last seen", "process"]);
  for (const a of list) {
    t.push([
      a.agent_id,
      a.agent_type,
      a.status,
      a.processed_count,
      a.error_count,
      `${num(a.latency_ms?.p50, 1)} / ${num(a.latency_ms?.p95, 1)}`,
      duration(a.uptime_seconds),
      a.current_task_id ?? "–",
      ago(a.last_seen_at),
      `${a.host}:${a.pid}`,
    ]);
  }
  return t.toString();
}

export function queuesText(q: any): string {
  const c = table(["stream / consumer", "waiting", "in flight", "redelivered", "oldest waiting", "pulls"]);
  for (const x of q.consumers ?? []) {
    c.push([`${x.stream} / ${x.consumer}${x.present ? "" : " (missing)"}`, x.pending, x.ack_pending, x.redelivered, x.oldest_waiting_age_seconds === null ? "–" : duration(x.oldest_waiting_age_seconds), x.waiting_pulls]);
  }
  const lines = [c.toString()];
  const dl = q.dead_letters ?? { total: 0, by_subject: {} };
  const by = Object.entries(dl.by_subject as Record<string, number>).map(([k, v]) => `${k} ${v}`).join(", ");
  lines.push(`Dead letters: ${dl.total}${by ? ` (${by})` : ""}`);
  if ((q.last_failures ?? []).length) {
    const f = table(["failed", "task", "subject", "agent", "attempts", "code", "reason"]);
    for (const x of q.last_failures) f.push([ago(x.failed_at), x.task_id, x.subject, x.agent_id, x.attempts, x.code, String(x.reason).slice(0, 60)]);
    lines.push("Last failures:", f.toString());
  } else lines.push("Last failures: none");
  return lines.join("\n");
}

/** The options every operator command takes: --url, --key, --json. */
export function withCommonOptions(cmd: Command, keyHelp = "API key (admin key for scale and restart)"): Command {
  return cmd
    .addOption(new Option("--url <url>", "gateway URL").default(defaultUrl(), "$GARDENOS_URL or http://127.0.0.1:$PORT"))
    .addOption(new Option("--key <key>", keyHelp).env("GARDENOS_KEY"))
    .option("--json", "print JSON for scripts");
}

/** Wraps an action: 401/403 end with exit code 4 and a hint instead of an error. */
export function guardAuth(say: (line: string) => void) {
  return <A extends unknown[]>(fn: (...args: A) => Promise<void>) =>
    async (...args: A) => {
      try {
        await fn(...args);
      } catch (e) {
        if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
          say(`gardenos: ${e.message} (${e.code}); pass --key or set GARDENOS_KEY`);
          process.exitCode = UNAUTHORIZED_EXIT;
          return;
        }
        throw e;
      }
    };
}

export function registerControlCommands(program: Command, d: Deps): void {
  const common = (cmd: Command) => withCommonOptions(cmd);
  const guarded = guardAuth(d.say);

  common(program.command("status").description("system status: agents per type, queues, throughput, latency, errors, tokens, cost (exit 1 unless running)")).action(
    guarded(async (o: Common) => {
      const r = await call<any>(o, "GET", "/ai/status", undefined, true);
      if (r.status === 503) throw new ApiError(503, r.body?.error?.code ?? "ERR_METRICS_UNAVAILABLE", r.body?.error?.message ?? "the metrics service did not answer");
      out(o.json ? JSON.stringify(r.body, null, 2) : statusText(r.body));
      process.exitCode = r.body.orchestrator_status === "running" ? d.Exit.ok : d.Exit.failed;
    }),
  );

  common(program.command("types").description("the agent types the gateway knows (built-in and plugins): routes, subjects, pool bounds, deployed or not")).action(
    guarded(async (o: Common) => {
      const known = await fetchAgentTypes(o);
      noteFallback(known, d.say, true);
      out(o.json ? JSON.stringify({ types: known.types, source: known.source }, null, 2) : typesText(known.types));
    }),
  );

  common(program.command("agents").description("every agent of every replica: state, counts, latency, last seen, process"))
    .option("--type <type>", "only this agent type (see gardenos types)")
    .option("--live", "hide agents that are gone")
    .action(
      guarded(async (o: Common & { type?: string; live?: boolean }, cmd: Command) => {
        const type = o.type ? (await resolveType(o, o.type, cmd, d.say)).type : undefined;
        const q = new URLSearchParams({ ...(type ? { type } : {}), ...(o.live ? { include_gone: "false" } : {}) });
        const r = await call<{ agents: any[] }>(o, "GET", `/ai/agents${q.size ? `?${q}` : ""}`);
        out(o.json ? JSON.stringify(r.body, null, 2) : agentsText(r.body.agents));
      }),
    );

  common(program.command("queues").description("streams and consumers: waiting, in flight, redelivered, oldest waiting task, dead letters, last failures (admin)")).action(
    guarded(async (o: Common) => {
      const r = await call<any>(o, "GET", "/ai/debug/queues");
      out(o.json ? JSON.stringify(r.body, null, 2) : queuesText(r.body));
    }),
  );

  common(program.command("scale").description("set how many agents of a type the cluster runs (admin)"))
    .argument("<type>", "agent type (see gardenos types), e.g. lead_analysis or lead-analysis")
    .argument("<count>", "target agent count", countArg)
    .option("--wait", "wait until the cluster runs that many (up to 60 s; exit 1 if not)")
    .action(
      guarded(async (name: string, count: number, o: Common & { wait?: boolean }, cmd: Command) => {
        const type = (await resolveType(o, name, cmd, d.say)).type;
        const r = await call<any>(o, "POST", "/ai/scale-agents", { agent_type: type, target_count: count });
        let running: number | undefined;
        if (o.wait) {
          const deadline = Date.now() + 60_000;
          while (Date.now() < deadline) {
            const s = await call<any>(o, "GET", "/ai/status", undefined, true).catch(() => undefined);
            running = s?.body?.types?.[type]?.running;
            if (running === count && (s?.body?.types?.[type]?.draining ?? 0) === 0) break;
            await new Promise((res) => setTimeout(res, 250));
          }
        }
        if (o.json) out(JSON.stringify({ ...r.body, ...(o.wait ? { running } : {}) }, null, 2));
        else out(`${type}: ${r.body.previous_count ?? "configured"} → ${count} agents (max ${r.body.max_agents})${o.wait ? `; running now: ${running ?? "?"}` : "; replicas converge within seconds"}`);
        if (o.wait && running !== count) process.exitCode = d.Exit.failed;
      }),
    );

  common(program.command("restart").description("drain and restart agents: all, one type, or one agent id (admin)"))
    .argument("[target]", "an agent type (see gardenos types) or an agent id; all agents when omitted")
    .action(
      guarded(async (target: string | undefined, o: Common) => {
        const body = target ? parseTarget(target, (await fetchAgentTypes(o)).types) : {};
        const r = await call<any>(o, "POST", "/ai/restart", body);
        if (o.json) out(JSON.stringify(r.body, null, 2));
        else out(`restarting ${r.body.restarted.length} agent(s) on ${r.body.replicas.length} replica(s): ${r.body.restarted.join(", ") || "none"}\n(running tasks finish first)`);
      }),
    );
}
