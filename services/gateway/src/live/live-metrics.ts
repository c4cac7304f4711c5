import { Counter, Gauge, Summary, type Registry } from "prom-client";
import type { WebhookIntake } from "../webhooks/webhook-intake.js";
import type { WebhookSender } from "../webhooks/webhook-sender.js";
import type { LiveHub } from "./live-hub.js";
import type { ResultWaiter } from "./result-waiter.js";

/** A counter whose value is read from `value()` when scraped (the source keeps the count). */
function readCounter(registry: Registry, name: string, help: string, value: () => number): void {
  new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      this.reset();
      this.inc(value());
    },
  });
}

/**
 * The live side's figures on the gateway's /metrics, read when scraped: open subscriptions, events
 * delivered to them, requests waiting (?wait), webhook deliveries queued and attempts by outcome.
 */
export function liveMetrics(o: { hub: LiveHub; waiter: ResultWaiter; intake: WebhookIntake; sender: WebhookSender }) {
  return (registry: Registry): void => {
    const registers = [registry];
    new Gauge({ name: "gardenos_stream_subscribers", help: "Open live subscriptions (SSE, WebSocket, ?wait) on this gateway", registers, collect() { this.set(o.hub.subscribers); } });
    new Gauge({ name: "gardenos_requests_waiting", help: "Task requests waiting for their result (?wait)", registers, collect() { this.set(o.waiter.waiting); } });
    const lag = new Summary({
      name: "gardenos_stream_dispatch_lag_seconds",
      help: "From an event's storage in RESULTS to its dispatch to the live subscribers (the oldest event of each batch), last 10 minutes",
      percentiles: [0.5, 0.9, 0.99],
      maxAgeSeconds: 600,
      ageBuckets: 5,
      registers,
    });
    o.hub.onLag = (ms) => lag.observe(ms / 1000);
    readCounter(registry, "gardenos_stream_events_delivered_total", "Task events handed to live subscribers", () => o.hub.stats.delivered);
    readCounter(registry, "gardenos_webhook_deliveries_queued_total", "Webhook deliveries queued from RESULTS", () => o.intake.queued);
    readCounter(registry, "gardenos_webhook_attempts_succeeded_total", "Webhook delivery attempts answered 2xx", () => o.sender.stats.succeeded);
    readCounter(registry, "gardenos_webhook_attempts_failed_total", "Webhook delivery attempts that failed (error status, timeout, connection)", () => o.sender.stats.failed);
    readCounter(registry, "gardenos_webhook_deliveries_dead_total", "Webhook deliveries dead after their last attempt", () => o.sender.stats.dead);
  };
}
