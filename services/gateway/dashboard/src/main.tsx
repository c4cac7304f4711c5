import { render } from "preact";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { api, current, renew, signIn, signOut, type Session } from "./api.js";
import { LineChart } from "./charts.js";
import { connectLive, type LiveEvent } from "./live.js";

/**
 * The GardenOS dashboard: one page, one WebSocket (task events + the cluster status every few
 * seconds), and plain fetches for actions (replay, scale, cancel) and look-ups (dead letters, task
 * search, a task's detail). Actions need an admin key; the page shows them disabled otherwise.
 */

const HISTORY = 150; // status samples kept per chart (5 minutes at the default 2 s)
const BANDS = ["high", "normal", "low"] as const;
const COLORS = { high: "#d9534f", normal: "#3b7dd8", low: "#8a8f98" };

interface DeadLetter {
  task_id: string;
  seq: number;
  type: string | null;
  error_code: string | null;
  error: string | null;
  attempts: number | null;
  dead_at: string;
}

const fmt = (n: number | null | undefined, digits = 0) => (n === null || n === undefined ? "–" : n.toLocaleString(undefined, { maximumFractionDigits: digits, minimumFractionDigits: digits }));

function Login(props: { onSession: (s: Session) => void }) {
  const [key, setKey] = useState("");
  const [error, setError] = useState("");
  return (
    <form
      class="login"
      onSubmit={(e) => {
        e.preventDefault();
        signIn(key || undefined).then(props.onSession, (err: Error) => setError(err.message));
      }}
    >
      <h1>GardenOS</h1>
      <p>Sign in with an API key. It is sent once and exchanged for a short session cookie; it is not stored.</p>
      <input data-testid="key" type="password" placeholder="API key (empty on an open gateway)" value={key} onInput={(e) => setKey(e.currentTarget.value)} />
      <button type="submit">Sign in</button>
      {error && <p class="error">{error}</p>}
    </form>
  );
}

function Dashboard(props: { session: Session; onSignOut: () => void }) {
  const admin = props.session.role === "admin";
  const [status, setStatus] = useState<any>(undefined);
  const [connected, setConnected] = useState(false);
  const [note, setNote] = useState("");
  const [events, setEvents] = useState<LiveEvent[]>([]);
  const [eventCount, setEventCount] = useState(0);
  const history = useRef<Record<string, Record<string, number[]>>>({});
  const [dead, setDead] = useState<DeadLetter[] | undefined>(undefined);
  const [message, setMessage] = useState("");
  const traces = useRef(new Map<string, string>());
  const [selected, setSelected] = useState<any>(undefined);
  const refreshDead = useRef<() => void>(() => undefined);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () => {
      if (!admin) return;
      api<{ items: DeadLetter[] }>("GET", "/ai/dead-letters?limit=50").then((r) => setDead(r.items), () => setDead([]));
    };
    // Dead letters change when a task fails or is replayed: re-read then (debounced), never on a timer.
    refreshDead.current = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(load, 400);
    };
    load();
    const stop = connectLive((m) => {
      if (m.kind === "state") {
        setConnected(m.connected);
        if (m.note) setNote(m.note);
      } else if (m.kind === "status") {
        for (const [type, t] of Object.entries<any>(m.status.types ?? {})) {
          const h = (history.current[type] ??= { high: [], normal: [], low: [] });
          for (const b of BANDS) h[b] = [...h[b]!, t.queue[b].pending + t.queue[b].ack_pending].slice(-HISTORY);
        }
        setStatus(m.status);
      } else {
        const e = m.event;
        if (e.trace_id) traces.current.set(e.task_id, e.trace_id);
        setEventCount((n) => n + 1);
        setEvents((list) => [e, ...list].slice(0, 15));
        if (e.event === "task.failed") refreshDead.current();
        setSelected((s: any) => (s && s.task_id === e.task_id ? { ...s, status: e.status, live: true } : s));
      }
    });
    const renewTimer = setInterval(() => void renew().catch(() => props.onSignOut()), 5 * 60_000);
    return () => {
      stop();
      clearInterval(renewTimer);
    };
  }, []);

  const act = async (what: string, f: () => Promise<unknown>) => {
    try {
      await f();
      setMessage(`${what}: done`);
    } catch (e) {
      setMessage(`${what}: ${(e as Error).message}`);
    }
  };

  const types: [string, any][] = Object.entries<any>(status?.types ?? {}).filter(([, t]) => t.deployed !== false);
  return (
    <div class="page">
      <header>
        <h1>GardenOS</h1>
        <span class={`pill ${connected ? "ok" : "bad"}`} data-testid="live">{connected ? "live" : "reconnecting"}</span>
        <span class="pill">{status?.orchestrator_status ?? "…"}</span>
        <span class="who">
          {props.session.role}
          {props.session.tenant ? ` · ${props.session.tenant}` : ""} · <a href="#" onClick={(e) => (e.preventDefault(), void signOut().then(props.onSignOut))}>sign out</a>
        </span>
      </header>
      {message && <div class="message" data-testid="message">{message}</div>}
      {note && <div class="message">{note}</div>}
      <section class="grid">
        {types.map(([type, t]) => (
          <div class="card" key={type}>
            <h2>{type}</h2>
            <div class="figures">
              <Figure label="agents running" value={fmt(t.running)} testid={`running-${type}`} />
              <Figure label="busy / idle" value={`${t.busy} / ${t.idle}`} />
              <Figure label="done today" value={fmt(t.completed_today)} testid={`done-${type}`} />
              <Figure label="failed today" value={fmt(t.failed_today)} />
              <Figure label="per min (1m)" value={fmt(t.throughput_per_min["1m"])} />
              <Figure label="p50 / p95 / p99 ms" value={`${fmt(t.latency.p50_ms)} / ${fmt(t.latency.p95_ms)} / ${fmt(t.latency.p99_ms)}`} />
              <Figure label="errors 5m" value={`${fmt(t.error_rate_5m * 100, 1)} %`} />
              <Figure label="cost today" value={`$${fmt(t.cost_usd_today, 4)}`} />
              <Figure label="budget left" value={t.budget_left_usd ? `$${fmt(t.budget_left_usd, 2)}` : "–"} />
            </div>
            <LineChart label={`queue depth of ${type}`} series={BANDS.map((b) => ({ name: b, color: COLORS[b], points: history.current[type]?.[b] ?? [] }))} />
            <div class="breakers">
              breakers:{" "}
              {Object.keys(t.breakers).length === 0 ? <span class="muted">none (built-in agents)</span> : Object.entries<string>(t.breakers).map(([p, s]) => <span class={`pill ${s === "closed" ? "ok" : "bad"}`}>{p}: {s}</span>)}
            </div>
            <Scale type={type} desired={t.desired} disabled={!admin} act={act} />
          </div>
        ))}
      </section>
      <section class="grid">
        <div class="card wide">
          <h2>Agents</h2>
          <table>
            <thead><tr><th>agent</th><th>type</th><th>state</th><th>current task</th><th>processed</th><th>errors</th></tr></thead>
            <tbody>
              {(status?.agents ?? []).map((a: any) => (
                <tr key={a.agent_id}><td>{a.agent_id}</td><td>{a.agent_type}</td><td>{a.state === "running" ? a.status : a.state}</td><td class="mono">{a.current_task_id ?? ""}</td><td>{a.processed_count}</td><td>{a.error_count}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
        <div class="card">
          <h2>Live events <span class="muted" data-testid="event-count">{eventCount}</span></h2>
          <ul class="events">
            {events.map((e) => (
              <li key={`${e.seq}-${e.event}`}><span class={`dot ${e.status}`} /> {e.event.replace("task.", "")} <a href="#" class="mono" onClick={(ev) => (ev.preventDefault(), void openTask(e.task_id))}>{e.task_id.slice(0, 22)}</a> {e.lead_id ?? ""}</li>
            ))}
          </ul>
        </div>
      </section>
      <section class="grid">
        <div class="card wide">
          <h2>Dead letters</h2>
          {!admin ? <p class="muted">An admin key shows and replays dead letters.</p> : dead === undefined ? <p>…</p> : dead.length === 0 ? <p class="muted" data-testid="dlq-empty">none</p> : (
            <table>
              <thead><tr><th>task</th><th>type</th><th>error</th><th>attempts</th><th>when</th><th /></tr></thead>
              <tbody>
                {dead.map((d) => (
                  <tr key={d.seq} data-testid="dlq-row">
                    <td class="mono"><a href="#" onClick={(ev) => (ev.preventDefault(), void openTask(d.task_id))}>{d.task_id}</a></td><td>{d.type}</td><td>{d.error_code}: {d.error}</td><td>{d.attempts}</td><td>{new Date(d.dead_at).toLocaleTimeString()}</td>
                    <td><button data-testid="replay" onClick={() => act(`replay ${d.task_id}`, () => api("POST", `/ai/dead-letters/${encodeURIComponent(d.task_id)}/replay`)).then(() => refreshDead.current())}>Replay</button></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <TaskSearch open={openTask} />
      </section>
      {selected && <TaskDetail task={selected} trace={traces.current.get(selected.task_id)} onClose={() => setSelected(undefined)} onCancel={admin || props.session.role === "client" ? () => act("cancel", () => api("DELETE", `/ai/tasks/${encodeURIComponent(selected.task_id)}`)).then(() => openTask(selected.task_id)) : undefined} />}
    </div>
  );

  async function openTask(id: string) {
    try {
      setSelected(await api("GET", `/ai/tasks/${encodeURIComponent(id)}/detail`));
    } catch (e) {
      setMessage((e as Error).message);
    }
  }
}

function Figure(props: { label: string; value: string; testid?: string }) {
  return (
    <div class="figure">
      <div class="value" data-testid={props.testid}>{props.value}</div>
      <div class="label">{props.label}</div>
    </div>
  );
}

function Scale(props: { type: string; desired: number; disabled: boolean; act: (what: string, f: () => Promise<unknown>) => Promise<void> }) {
  const [n, setN] = useState(String(props.desired));
  return (
    <form class="scale" onSubmit={(e) => (e.preventDefault(), void props.act(`scale ${props.type} to ${n}`, () => api("POST", "/ai/scale-agents", { agent_type: props.type, target_count: Number(n) })))}>
      desired {props.desired} → <input data-testid={`scale-${props.type}`} type="number" min="0" value={n} onInput={(e) => setN(e.currentTarget.value)} disabled={props.disabled} />
      <button type="submit" disabled={props.disabled} data-testid={`scale-go-${props.type}`}>Scale</button>
    </form>
  );
}

function TaskSearch(props: { open: (id: string) => void }) {
  const [q, setQ] = useState({ type: "", status: "", lead_id: "" });
  const [items, setItems] = useState<any[] | undefined>(undefined);
  const query = useMemo(() => new URLSearchParams(Object.entries(q).filter(([, v]) => v)).toString(), [q]);
  return (
    <div class="card">
      <h2>Tasks</h2>
      <form class="search" onSubmit={(e) => (e.preventDefault(), void api<{ items: any[] }>("GET", `/ai/tasks?limit=20&${query}`).then((r) => setItems(r.items)))}>
        <input placeholder="lead id" value={q.lead_id} onInput={(e) => setQ({ ...q, lead_id: e.currentTarget.value })} />
        <select value={q.status} onChange={(e) => setQ({ ...q, status: e.currentTarget.value })}>
          {["", "queued", "processing", "completed", "failed", "cancelled"].map((s) => <option value={s}>{s || "any status"}</option>)}
        </select>
        <input placeholder="type" value={q.type} onInput={(e) => setQ({ ...q, type: e.currentTarget.value })} />
        <button type="submit" data-testid="search">Search</button>
      </form>
      <ul class="events">
        {(items ?? []).map((t) => (
          <li key={t.task_id}><span class={`dot ${t.status}`} /> <a href="#" class="mono" onClick={(e) => (e.preventDefault(), props.open(t.task_id))}>{t.task_id.slice(0, 22)}</a> {t.status} {t.lead_id ?? ""}</li>
        ))}
      </ul>
    </div>
  );
}

function TaskDetail(props: { task: any; trace: string | undefined; onClose: () => void; onCancel: (() => void) | undefined }) {
  const t = props.task;
  return (
    <aside class="detail" data-testid="detail">
      <button class="close" onClick={props.onClose}>×</button>
      <h2 class="mono">{t.task_id}</h2>
      <p>
        <span class={`dot ${t.status}`} /> <b data-testid="detail-status">{t.status}</b> · {t.type} · lead {t.lead_id ?? "–"} · attempts {t.attempts} · agent {t.agent_id ?? "–"} · trace <span class="mono">{t.trace_id ?? props.trace ?? "–"}</span>
      </p>
      {t.status === "queued" && props.onCancel && <button onClick={props.onCancel}>Cancel task</button>}
      <h3>Input</h3>
      <pre>{JSON.stringify(t.input, null, 2)}</pre>
      <h3>Result</h3>
      <pre>{JSON.stringify(t.result, null, 2)}</pre>
      {t.error && (<><h3>Error</h3><pre>{JSON.stringify(t.error, null, 2)}</pre></>)}
      {t.attempt_log?.length > 0 && (<><h3>Attempts</h3><pre>{JSON.stringify(t.attempt_log, null, 2)}</pre></>)}
    </aside>
  );
}

function App() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  useEffect(() => {
    // A session cookie from before signs in without asking for the key again.
    current().then(setSession, () => setSession(null));
  }, []);
  if (session === undefined) return <p class="page">…</p>;
  if (session === null) return <Login onSession={setSession} />;
  return <Dashboard session={session} onSignOut={() => setSession(null)} />;
}

render(<App />, document.getElementById("app")!);
