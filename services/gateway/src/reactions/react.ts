import {
  ErrorCodes,
  EVENT_SCHEMA_VERSION,
  followUp,
  POSSIBLE_UNSUBSCRIBE,
  taskIdOfMessageId,
  type EmailReactionEvent,
  type Lead,
  type ReactionAction,
} from "@gardenos/contracts";
import { HttpError } from "../http/errors.js";
import type { OutcomeStore } from "../outcomes/outcome-store.js";
import type { TaskSubmitter } from "../intake/task-intake.js";
import { taskIdFor } from "../intake/task-intake.js";
import type { LeadStore } from "../recording/leads.js";
import type { Scheduler } from "../scheduler/scheduler.js";
import type { SuppressionEntry, SuppressionStore } from "../suppressions/suppression-store.js";
import { addressOf } from "./email-text.js";
import type { FollowUpQueue } from "./follow-up-queue.js";
import type { LeadResolver } from "./resolve-lead.js";
import { newTraceparent } from "../intake/traceparent.js";

/** A classified reply as the reactions see it: the classification and the e-mail the gateway took in. */
export interface ClassifiedReply {
  tenant: string;
  taskId: string;
  category: string;
  found: {
    meeting_times?: string[] | undefined;
    return_date?: string | undefined;
    colleague?: { name?: string | undefined; email?: string | undefined } | undefined;
    bounced_address?: string | undefined;
  };
  leadId?: string | undefined;
  email?: { from?: string | undefined; subject?: string | undefined; body?: string; received_at?: string | undefined; in_reply_to?: string | undefined } | undefined;
  /** The reply's own text (the classifier's reading: quotes, signature and markup removed). */
  text: string;
  /** The classifier's `signals` (e.g. `possible_unsubscribe`). */
  signals?: readonly string[] | undefined;
}

/** The reactions that send someone an e-mail. */
const EMAILING_ACTIONS: ReadonlySet<ReactionAction> = new Set<ReactionAction>(["follow_up", "schedule_follow_up", "colleague_follow_up"]);

export interface ReactionsDeps {
  intake: TaskSubmitter;
  suppressions: Pick<SuppressionStore, "add" | "isSuppressed">;
  doNotContact: Pick<LeadStore, "isDoNotContact">;
  scheduler: Pick<Scheduler, "schedule" | "list" | "cancel">;
  resolveLead: LeadResolver;
  outcomes: Pick<OutcomeStore, "record">;
  followUps: FollowUpQueue;
  config: { reactions: Readonly<Record<string, ReactionAction>>; priority: number; oooDelayHours: number; oooDefaultDays: number };
}

type Done = Omit<EmailReactionEvent, "schema_version" | "reaction_id" | "tenant" | "task_id" | "category" | "action" | "lead_known" | "at" | "lead_id">;

/** The domain of an address, lower case. */
function domainOf(address: string | undefined): string | undefined {
  const at = address?.lastIndexOf("@") ?? -1;
  return address && at > 0 ? address.slice(at + 1).toLowerCase() : undefined;
}

/** True when `address` is at one of the domains of `known` (or a subdomain of one, or one of theirs). */
function sameOrganisation(address: string, known: readonly (string | undefined)[]): boolean {
  const d = domainOf(address);
  if (!d) return false;
  return known.some((k) => {
    const kd = domainOf(k);
    return !!kd && (d === kd || d.endsWith(`.${kd}`) || kd.endsWith(`.${d}`));
  });
}

/** The outcome a reply records: an auto-reply (out of office) is no answer. */
function outcomeOf(category: string): "replied" | "unsubscribed" | "bounced" | undefined {
  if (category === "unsubscribe") return "unsubscribed";
  if (category === "bounce") return "bounced";
  if (category === "out_of_office") return undefined;
  return "replied";
}

/**
 * What a classified reply sets off (EMAIL_REACTIONS): a follow-up, a suppression, a scheduled
 * follow-up, a bad address, a follow-up to a colleague, or nothing; plus the reply's `lead.outcome`.
 * Every step is idempotent (derived ids), so the same reply handled twice acts once.
 */
export class Reactions {
  constructor(private readonly d: ReactionsDeps) {}

  async react(r: ClassifiedReply): Promise<EmailReactionEvent> {
    const action = this.d.config.reactions[r.category] ?? "none";
    const answered = await this.d.followUps.answered(r.tenant, taskIdOfMessageId(r.email?.in_reply_to));
    const sender = addressOf(r.email?.from);
    const leadId = r.leadId ?? answered?.leadId ?? undefined;
    const lead = await this.d.resolveLead(r.tenant, { leadId, email: leadId ? undefined : (answered?.leadEmail ?? sender) });
    const knownLeadId = leadId ?? lead?.id;
    const outcome = await this.recordOutcome(r, knownLeadId, answered?.taskId, sender);
    let done: Done;
    try {
      // A reply that may ask us to stop (weak signs no rule decided on) e-mails nobody by itself.
      done =
        EMAILING_ACTIONS.has(action) && r.signals?.includes(POSSIBLE_UNSUBSCRIBE)
          ? this.skipped("possible_unsubscribe: the reply may ask us to stop; a person decides before anyone is e-mailed")
          : await this.act(action, r, lead, knownLeadId, sender, answered?.leadEmail ?? undefined);
    } catch (e) {
      // What a retry cannot fix (e.g. the follow-up's id taken by another tenant) is announced, not retried for ever.
      if (!(e instanceof HttpError) || ErrorCodes[e.code].retryable) throw e;
      done = this.skipped(`error: ${e.code}`);
    }
    return {
      schema_version: EVENT_SCHEMA_VERSION,
      reaction_id: `${r.taskId}:reaction`,
      tenant: r.tenant,
      task_id: r.taskId,
      category: r.category,
      action,
      ...(knownLeadId ? { lead_id: knownLeadId } : {}),
      lead_known: lead !== undefined,
      ...(outcome ? { outcome } : {}),
      ...(answered ? { in_reply_to_task_id: answered.taskId } : {}),
      ...done,
      at: new Date().toISOString(),
    };
  }

  private async recordOutcome(r: ClassifiedReply, leadId: string | undefined, taskId: string | undefined, sender: string | undefined) {
    const outcome = outcomeOf(r.category);
    const address = r.category === "bounce" ? r.found.bounced_address : sender;
    const key = leadId ?? (address ? `email:${address.toLowerCase()}` : undefined);
    if (!outcome || !key) return undefined;
    const at = r.email?.received_at && !Number.isNaN(Date.parse(r.email.received_at)) ? r.email.received_at : new Date().toISOString();
    await this.d.outcomes.record(r.tenant, [{ lead_id: key, outcome, at, ...(taskId ? { task_id: taskId } : {}), outcome_id: `reply-${r.taskId}` }], "event");
    return outcome;
  }

  private skipped(reason: string): Done {
    return { kind: "skipped", reason };
  }

  private async blocked(tenant: string, k: { leadId?: string | undefined; email?: string | undefined }): Promise<boolean> {
    return (await this.d.suppressions.isSuppressed(k, tenant)) || (await this.d.doNotContact.isDoNotContact(k, tenant));
  }

  private context(r: ClassifiedReply, intro: string): string {
    const text = r.text;
    const times = r.found.meeting_times?.length ? `\nProposed meeting times: ${r.found.meeting_times.join(", ")} (confirm one).` : "";
    return `${intro}${r.email?.received_at ? ` on ${r.email.received_at}` : ""} (${r.category.replace(/_/g, " ")}).${times}\nTheir reply:\n${text}`.slice(0, 4000);
  }

  private async queue(r: ClassifiedReply, lead: Lead, context: string, key: string): Promise<string> {
    const s = await this.d.intake.submit(followUp, { lead, context, priority: this.d.config.priority, idempotency_key: key }, newTraceparent(), r.tenant);
    return s.taskId;
  }

  private async act(action: ReactionAction, r: ClassifiedReply, lead: Lead | undefined, leadId: string | undefined, sender: string | undefined, answeredEmail: string | undefined): Promise<Done> {
    const k = { leadId: lead?.id ?? leadId, email: lead?.contact?.email ?? sender };
    switch (action) {
      case "none":
        return { kind: "none" };
      case "follow_up": {
        if (!lead) return this.skipped("no_lead: no kept lead for this reply (analyse the lead with its id first)");
        if (await this.blocked(r.tenant, k)) return this.skipped("suppressed: the lead or its address is on the suppression or do-not-contact list");
        const id = await this.queue(r, lead, this.context(r, "The lead replied to our last e-mail"), `reply:${r.taskId}`);
        return { kind: "follow_up_queued", follow_up_task_id: id };
      }
      case "suppress": {
        const entries: SuppressionEntry[] = [];
        if (k.leadId) entries.push({ kind: "lead", value: k.leadId, reason: "unsubscribed", taskId: r.taskId });
        for (const e of new Set([sender, lead?.contact?.email?.toLowerCase()].filter((x): x is string => !!x))) entries.push({ kind: "email", value: e, reason: "unsubscribed", taskId: r.taskId });
        if (entries.length === 0) return this.skipped("no_address: neither a lead nor a sender address to suppress");
        await this.d.suppressions.add(r.tenant, entries);
        const cancelled = await this.d.followUps.cancelQueued(r.tenant, k);
        const scheduled = (await this.d.scheduler.list(r.tenant)).filter((s) => s.type === followUp.type && ((k.leadId && s.lead_id === k.leadId) || (k.email && (s.body.lead as Lead | undefined)?.contact?.email?.toLowerCase() === k.email.toLowerCase())));
        for (const s of scheduled) await this.d.scheduler.cancel(r.tenant, s.id);
        return {
          kind: "unsubscribed",
          suppressed: entries.map((e) => ({ kind: e.kind, value: e.kind === "email" ? e.value.toLowerCase() : e.value, reason: e.reason })),
          ...(cancelled.length ? { cancelled_task_ids: cancelled } : {}),
          ...(scheduled.length ? { cancelled_scheduled_ids: scheduled.map((s) => s.id) } : {}),
        };
      }
      case "schedule_follow_up": {
        if (!lead) return this.skipped("no_lead: no kept lead for this reply (analyse the lead with its id first)");
        if (await this.blocked(r.tenant, k)) return this.skipped("suppressed: the lead or its address is on the suppression or do-not-contact list");
        const ret = r.found.return_date ? Date.parse(`${r.found.return_date}T00:00:00Z`) : Number.NaN;
        const due = new Date(Number.isNaN(ret) ? Date.now() + this.d.config.oooDefaultDays * 86_400_000 : ret + this.d.config.oooDelayHours * 3_600_000);
        const id = taskIdFor(followUp, `reply:${r.taskId}`, r.tenant);
        const context = this.context(r, `The lead was out of office${r.found.return_date ? ` until ${r.found.return_date}` : ""} when we last wrote; they are back now. Their auto-reply came`);
        await this.d.scheduler.schedule({
          id,
          tenant: r.tenant,
          type: followUp.type,
          due_at: due.toISOString(),
          body: { lead, context, idempotency_key: `reply:${r.taskId}` },
          priority: this.d.config.priority,
          ...(lead.id ? { lead_id: lead.id } : {}),
          reason: `out_of_office reply ${r.taskId}`,
          created_at: new Date().toISOString(),
        });
        return { kind: "follow_up_scheduled", follow_up_task_id: id, due_at: due.toISOString() };
      }
      case "mark_bounced": {
        const address = r.found.bounced_address ?? answeredEmail ?? lead?.contact?.email;
        if (!address) return this.skipped("no_address: the bounce names no address and answers no known follow-up");
        await this.d.suppressions.add(r.tenant, [{ kind: "email", value: address, reason: "bounced", taskId: r.taskId }]);
        return { kind: "bounced", suppressed: [{ kind: "email", value: address.toLowerCase(), reason: "bounced" }] };
      }
      case "colleague_follow_up": {
        const c = r.found.colleague;
        if (!c?.email) return this.skipped("no_address: the reply names no colleague's address");
        // Only a colleague: an address at the sender's (or the lead's) domain, never one a reply could point anywhere.
        if (!sameOrganisation(c.email, [sender, lead?.contact?.email])) return this.skipped("other_domain: the colleague's address is not at the sender's or the lead's domain");
        if (await this.blocked(r.tenant, { email: c.email })) return this.skipped("suppressed: the colleague's address is on the suppression or do-not-contact list");
        const colleague: Lead = {
          ...(lead?.company ? { company: lead.company } : {}),
          ...(lead?.language ? { language: lead.language } : {}),
          contact: { ...(c.name ? { name: c.name } : {}), email: c.email },
          engagement: { source: "Referral" },
        };
        const who = lead?.contact?.name ?? "The person we wrote to";
        const id = await this.queue(r, colleague, this.context(r, `${who} replied that ${c.name ?? "this colleague"} is the right person to talk to; write to the colleague, mentioning the referral. The reply came`), `reply:${r.taskId}:colleague`);
        return { kind: "colleague_follow_up_queued", follow_up_task_id: id };
      }
    }
  }
}
