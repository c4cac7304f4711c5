/** One Server-Sent Event as a client reads it. */
export interface SseEvent {
  id?: string;
  event: string;
  data: any;
}

/**
 * A Server-Sent Events client on fetch: collects the events of one stream as they come and says
 * when it ended. `close()` aborts it.
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  status = 0;
  ended = false;
  private readonly abort = new AbortController();
  private waiters: (() => void)[] = [];
  readonly done: Promise<void>;

  constructor(url: string, headers: Record<string, string> = {}) {
    this.done = this.read(url, headers).catch(() => undefined).finally(() => {
      this.ended = true;
      this.wake();
    });
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  private async read(url: string, headers: Record<string, string>): Promise<void> {
    const r = await fetch(url, { headers: { accept: "text/event-stream", ...headers }, signal: this.abort.signal });
    this.status = r.status;
    if (!r.body || r.status !== 200) {
      this.events.push({ event: "http-error", data: await r.json().catch(() => undefined) });
      return;
    }
    const dec = new TextDecoder();
    let buf = "";
    for await (const chunk of r.body) {
      buf += dec.decode(chunk as Uint8Array, { stream: true });
      let cut: number;
      while ((cut = buf.indexOf("\n\n")) >= 0) {
        const frame = buf.slice(0, cut);
        buf = buf.slice(cut + 2);
        const e: SseEvent = { event: "message", data: undefined };
        const data: string[] = [];
        for (const line of frame.split("\n")) {
          if (line.startsWith("id: ")) e.id = line.slice(4);
          else if (line.startsWith("event: ")) e.event = line.slice(7);
          else if (line.startsWith("data: ")) data.push(line.slice(6));
        }
        if (data.length === 0) continue;
        e.data = JSON.parse(data.join("\n"));
        this.events.push(e);
        this.wake();
      }
    }
  }

  /** Waits until `check` holds for the events so far (or the stream ended), at most `ms`. */
  async until(check: (events: SseEvent[]) => boolean, ms = 10_000): Promise<SseEvent[]> {
    const deadline = Date.now() + ms;
    while (!check(this.events)) {
      if (this.ended) throw new Error(`stream ended before the condition held (${this.events.length} events: ${this.events.map((e) => e.event).join(", ")})`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`condition not met within ${ms} ms (${this.events.length} events: ${this.events.slice(-5).map((e) => e.event).join(", ")})`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
    return this.events;
  }

  close(): void {
    this.abort.abort();
  }
}
