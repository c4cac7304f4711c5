/**
 * One WebSocket to /ai/ws?include=status for the whole page: task events and the cluster status
 * every few seconds. Reconnects with the last event id, so nothing retained is missed.
 */
export interface LiveEvent {
  event: string;
  seq: number | null;
  task_id: string;
  type: string | null;
  status: string;
  lead_id: string | null;
  at: string;
  trace_id: string | null;
  data: Record<string, unknown>;
}

export type LiveMessage = { kind: "event"; event: LiveEvent } | { kind: "status"; status: any } | { kind: "state"; connected: boolean; note?: string };

export function connectLive(onMessage: (m: LiveMessage) => void): () => void {
  let ws: WebSocket | undefined;
  let lastId: number | undefined;
  let stopped = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const open = () => {
    const proto = location.protocol === "https:" ? "wss" : "ws";
    ws = new WebSocket(`${proto}://${location.host}/ai/ws?include=status${lastId ? `&last_event_id=${lastId}` : ""}`);
    ws.onopen = () => onMessage({ kind: "state", connected: true });
    ws.onmessage = (m) => {
      const msg = JSON.parse(String(m.data)) as { event: string; data?: unknown; seq?: number };
      if (msg.event === "status") onMessage({ kind: "status", status: msg.data });
      else if (msg.event === "error" || msg.event === "gap") onMessage({ kind: "state", connected: true, note: JSON.stringify(msg.data) });
      else {
        const e = msg as LiveEvent;
        if (e.seq) lastId = e.seq;
        onMessage({ kind: "event", event: e });
      }
    };
    ws.onclose = () => {
      onMessage({ kind: "state", connected: false });
      if (!stopped) retry = setTimeout(open, 1500);
    };
  };
  open();
  return () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    ws?.close();
  };
}
