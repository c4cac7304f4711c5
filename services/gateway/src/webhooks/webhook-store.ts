import { randomUUID } from "node:crypto";
import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { DeliveryView, LiveEvent, WebhookEventName, WebhookView } from "@gardenos/contracts";
import type { Db } from "../db/index.js";
import { webhookDeliveries as d, webhooks as w, type Webhook, type WebhookDelivery } from "../db/schema.js";

export function webhookView(h: Webhook, withSecret = false): WebhookView {
  return {
    id: h.id,
    tenant: h.tenant,
    url: h.url,
    events: h.events as WebhookEventName[],
    description: h.description,
    created_at: h.createdAt.toISOString(),
    ...(withSecret ? { secret: h.secret } : {}),
  };
}

export function deliveryView(x: WebhookDelivery): DeliveryView {
  return {
    id: x.id,
    webhook_id: x.webhookId,
    event: x.event,
    task_id: x.taskId,
    seq: x.seq,
    status: x.status as DeliveryView["status"],
    attempts: x.attempts,
    last_status_code: x.lastStatusCode,
    last_error: x.lastError,
    last_duration_ms: x.lastDurationMs,
    next_attempt_at: x.status === "pending" ? x.nextAttemptAt.toISOString() : null,
    created_at: x.createdAt.toISOString(),
    delivered_at: x.deliveredAt?.toISOString() ?? null,
  };
}

/** A delivery to make now, with its webhook's URL and secret. */
export interface DueDelivery {
  delivery: WebhookDelivery;
  url: string;
  secret: string;
}

/**
 * Webhooks and their delivery log (which is also the outbox the sender works from). Queries are
 * scoped by tenant where a caller names one (undefined: a global admin, every tenant).
 */
export class WebhookStore {
  constructor(private readonly db: Db) {}

  async create(h: { tenant: string; url: string; events: readonly string[]; secret: string; description?: string | undefined }): Promise<Webhook> {
    const [row] = await this.db
      .insert(w)
      .values({ id: `wh_${randomUUID().replaceAll("-", "")}`, tenant: h.tenant, url: h.url, events: [...h.events], secret: h.secret, description: h.description ?? null })
      .returning();
    return row!;
  }

  async list(tenant: string | undefined): Promise<Webhook[]> {
    return this.db.select().from(w).where(tenant !== undefined ? eq(w.tenant, tenant) : undefined).orderBy(w.createdAt);
  }

  /** Every webhook (the intake's routing table). */
  async all(): Promise<Webhook[]> {
    return this.db.select().from(w);
  }

  async get(id: string, tenant: string | undefined): Promise<Webhook | undefined> {
    const [row] = await this.db.select().from(w).where(and(eq(w.id, id), tenant !== undefined ? eq(w.tenant, tenant) : undefined)).limit(1);
    return row;
  }

  async remove(id: string, tenant: string | undefined): Promise<boolean> {
    const rows = await this.db.delete(w).where(and(eq(w.id, id), tenant !== undefined ? eq(w.tenant, tenant) : undefined)).returning({ id: w.id });
    return rows.length > 0;
  }

  /** Queues an event for these webhooks; an event already queued for a webhook (same sequence) is not queued twice. */
  async enqueue(items: readonly { webhookId: string; tenant: string; event: LiveEvent }[]): Promise<number> {
    if (items.length === 0) return 0;
    const rows = items.map((i) => ({ id: `dl_${randomUUID().replaceAll("-", "")}`, webhookId: i.webhookId, tenant: i.tenant, event: i.event.event, taskId: i.event.task_id, seq: i.event.seq ?? 0, payload: i.event }));
    const res = await this.db.insert(d).values(rows).onConflictDoNothing({ target: [d.webhookId, d.seq] }).returning({ id: d.id });
    return res.length;
  }

  /**
   * Claims up to `limit` due deliveries: pending, due, and with no earlier pending delivery of the
   * same task to the same webhook (in order per task). A claim moves the delivery's next attempt
   * `leaseMs` ahead, so another gateway replica does not take it meanwhile, and a replica that dies
   * mid-delivery leaves it to be tried again after the lease (at least once).
   */
  async claimDue(limit: number, leaseMs: number): Promise<DueDelivery[]> {
    const res = (await this.db.execute(sql`
      update webhook_deliveries as x set next_attempt_at = now() + make_interval(secs => ${leaseMs / 1000})
      where x.id in (
        select y.id from webhook_deliveries y
        where y.status = 'pending' and y.next_attempt_at <= now()
          and not exists (select 1 from webhook_deliveries z where z.webhook_id = y.webhook_id and z.task_id = y.task_id and z.status = 'pending' and z.seq < y.seq)
        order by y.seq
        limit ${limit}
        for update skip locked)
      returning x.id`)) as unknown as { rows: { id: string }[] };
    if (res.rows.length === 0) return [];
    const ids = res.rows.map((r) => r.id);
    const rows = await this.db
      .select({ delivery: d, url: w.url, secret: w.secret })
      .from(d)
      .innerJoin(w, eq(w.id, d.webhookId))
      .where(sql`${d.id} in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`)
      .orderBy(d.seq);
    return rows;
  }

  async succeeded(id: string, r: { statusCode: number; durationMs: number }): Promise<void> {
    await this.db
      .update(d)
      .set({ status: "succeeded", attempts: sql`${d.attempts} + 1`, lastStatusCode: r.statusCode, lastError: null, lastDurationMs: r.durationMs, deliveredAt: sql`now()` })
      .where(eq(d.id, id));
  }

  /** A failed attempt: retried at `retryAt`, or dead when `dead`. */
  async failed(id: string, r: { statusCode: number | null; error: string; durationMs: number; retryAt: Date | undefined }): Promise<void> {
    await this.db
      .update(d)
      .set({
        status: r.retryAt ? "pending" : "dead",
        attempts: sql`${d.attempts} + 1`,
        lastStatusCode: r.statusCode,
        lastError: r.error.slice(0, 500),
        lastDurationMs: r.durationMs,
        ...(r.retryAt ? { nextAttemptAt: r.retryAt } : {}),
      })
      .where(eq(d.id, id));
  }

  /** The delivery log of one webhook, newest first (paged by `before`, a delivery's seq). */
  async deliveries(webhookId: string, o: { limit: number; status?: string | undefined; before?: number | undefined }): Promise<WebhookDelivery[]> {
    return this.db
      .select()
      .from(d)
      .where(and(eq(d.webhookId, webhookId), o.status ? eq(d.status, o.status) : undefined, o.before !== undefined ? lt(d.seq, o.before) : undefined))
      .orderBy(desc(d.seq))
      .limit(o.limit);
  }

  /** Sends dead deliveries again (one, or all of the webhook's): back to pending, due now, attempts from zero. */
  async replay(webhookId: string, deliveryId?: string): Promise<number> {
    const rows = await this.db
      .update(d)
      .set({ status: "pending", attempts: 0, nextAttemptAt: sql`now()` })
      .where(and(eq(d.webhookId, webhookId), eq(d.status, "dead"), deliveryId ? eq(d.id, deliveryId) : undefined))
      .returning({ id: d.id });
    return rows.length;
  }

  async delivery(webhookId: string, id: string): Promise<WebhookDelivery | undefined> {
    const [row] = await this.db.select().from(d).where(and(eq(d.webhookId, webhookId), eq(d.id, id))).limit(1);
    return row;
  }

  /** Removes finished deliveries older than `cutoff` (the log's retention). */
  async prune(cutoff: Date): Promise<number> {
    const rows = await this.db.delete(d).where(and(lt(d.createdAt, cutoff), sql`${d.status} <> 'pending'`)).returning({ id: d.id });
    return rows.length;
  }
}
