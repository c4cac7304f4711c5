import { WebhookHeaders } from "@gardenos/contracts";
import { errorMessage, type Logger } from "@gardenos/runtime";
import { signature } from "./sign.js";
import { TargetPolicy, TargetRefused } from "./ssrf.js";
import type { DueDelivery, WebhookStore } from "./webhook-store.js";

// Through getBuiltinModule, not `import`: an ES import of `node:http` loads undici too (≈ 13 MB of
// RSS; libs/runtime health-server.ts says why).
const http = process.getBuiltinModule("node:http");
const https = process.getBuiltinModule("node:https");

export interface SenderOptions {
  /** Milliseconds a receiver has to answer (WEBHOOK_TIMEOUT_MS). */
  timeoutMs: number;
  /** Attempts before a delivery is dead (WEBHOOK_MAX_ATTEMPTS). */
  maxAttempts: number;
  /** First retry delay; doubles per attempt, ±20 % jitter (WEBHOOK_RETRY_BASE_MS). */
  retryBaseMs: number;
  /** Longest retry delay (WEBHOOK_RETRY_MAX_MS). */
  retryMaxMs: number;
  /** Deliveries in flight at once (WEBHOOK_CONCURRENCY). */
  concurrency: number;
  /** How often to look for due deliveries when not told (retries come due). */
  pollMs: number;
}

type Outcome = { ok: true; statusCode: number } | { ok: false; statusCode: number | null; error: string };

/**
 * Sends due webhook deliveries: signed (HMAC-SHA256 of timestamp + body), to the address checked
 * against SSRF at that moment, within a timeout; 2xx is success, anything else (an error status, no
 * answer in time, a closed connection, a refused target) is retried with exponential back-off until
 * WEBHOOK_MAX_ATTEMPTS, then the delivery is dead (replayable). At least once: a receiver may see a
 * delivery again (same GardenOS-Delivery-Id) when its answer was lost.
 */
export class WebhookSender {
  private inFlight = 0;
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;
  private again = false;
  private stopped = false;
  readonly stats = { succeeded: 0, failed: 0, dead: 0 };

  constructor(
    private readonly store: WebhookStore,
    private readonly policy: TargetPolicy,
    private readonly log: Logger,
    private readonly o: SenderOptions,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.poke(), this.o.pollMs);
    this.timer.unref();
    this.poke();
  }

  /** Looks for due deliveries now. */
  poke(): void {
    if (this.stopped) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.ticking = true;
    void this.tick().finally(() => {
      this.ticking = false;
      if (this.again) {
        this.again = false;
        this.poke();
      }
    });
  }

  private async tick(): Promise<void> {
    const room = this.o.concurrency - this.inFlight;
    if (room <= 0) return;
    let due: DueDelivery[];
    try {
      due = await this.store.claimDue(room, this.o.timeoutMs + 10_000);
    } catch (e) {
      this.log.warn({ err: errorMessage(e) }, "could not read due webhook deliveries");
      return;
    }
    for (const x of due) {
      this.inFlight++;
      void this.deliver(x).finally(() => {
        this.inFlight--;
        this.poke();
      });
    }
  }

  private backoff(attempt: number): number {
    const base = Math.min(this.o.retryMaxMs, this.o.retryBaseMs * 2 ** Math.max(0, attempt - 1));
    return Math.round(base * (0.8 + Math.random() * 0.4));
  }

  private async deliver(x: DueDelivery): Promise<void> {
    const d = x.delivery;
    const body = JSON.stringify({ id: d.id, webhook_id: d.webhookId, event: d.event, created_at: d.createdAt.toISOString(), data: d.payload });
    const started = Date.now();
    const outcome = await this.post(x.url, x.secret, d.id, d.webhookId, d.event, body);
    const durationMs = Date.now() - started;
    const attempt = d.attempts + 1;
    try {
      if (outcome.ok) {
        await this.store.succeeded(d.id, { statusCode: outcome.statusCode, durationMs });
        this.stats.succeeded++;
        return;
      }
      const dead = attempt >= this.o.maxAttempts;
      await this.store.failed(d.id, { statusCode: outcome.statusCode, error: outcome.error, durationMs, retryAt: dead ? undefined : new Date(Date.now() + this.backoff(attempt)) });
      this.stats.failed++;
      if (dead) {
        this.stats.dead++;
        this.log.warn({ webhook_id: d.webhookId, delivery_id: d.id, task_id: d.taskId, attempts: attempt, error: outcome.error }, "webhook delivery dead after its last attempt (replay: POST /ai/webhooks/:id/deliveries/:delivery_id/replay)");
      }
    } catch (e) {
      // The outcome could not be written: the lease runs out and the delivery is tried again (at least once).
      this.log.warn({ err: errorMessage(e), delivery_id: d.id }, "could not record a webhook delivery's outcome");
    }
  }

  private async post(rawUrl: string, secret: string, deliveryId: string, webhookId: string, event: string, body: string): Promise<Outcome> {
    let target: Awaited<ReturnType<TargetPolicy["check"]>>;
    try {
      target = await this.policy.check(rawUrl);
    } catch (e) {
      return { ok: false, statusCode: null, error: e instanceof TargetRefused ? `target refused: ${e.message}` : errorMessage(e) };
    }
    const timestamp = Math.floor(Date.now() / 1000);
    const mod = target.url.protocol === "https:" ? https : http;
    return new Promise<Outcome>((resolve) => {
      let settled = false;
      const done = (o: Outcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        resolve(o);
      };
      const req = mod.request(target.url, {
        method: "POST",
        agent: false,
        lookup: TargetPolicy.pinnedLookup(target.addresses),
        headers: {
          "content-type": "application/json",
          "user-agent": "GardenOS-Webhooks/1",
          [WebhookHeaders.id]: webhookId,
          [WebhookHeaders.delivery]: deliveryId,
          [WebhookHeaders.event]: event,
          [WebhookHeaders.timestamp]: String(timestamp),
          [WebhookHeaders.signature]: signature(secret, timestamp, body),
        },
      });
      const deadline = setTimeout(() => {
        req.destroy();
        done({ ok: false, statusCode: null, error: `no answer within ${this.o.timeoutMs} ms` });
      }, this.o.timeoutMs);
      req.on("response", (res) => {
        const status = res.statusCode ?? 0;
        // The answer's body is not needed; read (and drop) it so the socket closes cleanly.
        res.resume();
        res.on("end", () => done(status >= 200 && status < 300 ? { ok: true, statusCode: status } : { ok: false, statusCode: status, error: `HTTP ${status}` }));
        res.on("error", (e) => done({ ok: false, statusCode: status, error: errorMessage(e) }));
      });
      req.on("error", (e) => done({ ok: false, statusCode: null, error: (e as NodeJS.ErrnoException).code ? `${(e as NodeJS.ErrnoException).code}: ${e.message}` : errorMessage(e) }));
      req.end(body);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    const deadline = Date.now() + 5000;
    while (this.inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  }
}
