import type { Command } from "commander";
import Table from "cli-table3";
import { call, guardAuth, withCommonOptions } from "./control.js";

/**
 * `gardenos suppressions [list] | add | remove` (the tenant's do-not-email list, admin key) and
 * `gardenos scheduled [list] | cancel <id>` (delayed tasks waiting in the scheduler).
 */

interface Common {
  url: string;
  key?: string;
  json?: boolean;
}

interface Suppression {
  tenant: string;
  kind: string;
  value: string;
  reason: string;
  task_id: string | null;
  created_at: string;
}

interface Scheduled {
  id: string;
  tenant: string;
  type: string;
  due_at: string;
  lead_id?: string;
  reason?: string;
  status: string;
}

const out = (text: string): void => void process.stdout.write(`${text}\n`);

export function registerReplyCommands(program: Command, d: { say: (line: string) => void; Exit: { ok: number; failed: number } }): void {
  const guarded = guardAuth(d.say);
  const sup = program.command("suppressions").description("the tenant's suppression list: leads and addresses never e-mailed (admin key)");

  const list = async (o: Common & { reason?: string; kind?: string }) => {
    const items: Suppression[] = [];
    let cursor: string | null = null;
    do {
      const q: URLSearchParams = new URLSearchParams({ limit: "1000", ...(o.reason ? { reason: o.reason } : {}), ...(o.kind ? { kind: o.kind } : {}), ...(cursor ? { cursor } : {}) });
      const r: { body: { items: Suppression[]; next_cursor: string | null } } = await call<{ items: Suppression[]; next_cursor: string | null }>(o, "GET", `/ai/suppressions?${q}`);
      items.push(...r.body.items);
      cursor = r.body.next_cursor;
    } while (cursor);
    if (o.json) return out(JSON.stringify({ items }, null, 2));
    if (items.length === 0) return out("The suppression list is empty.");
    const t = new Table({ head: ["Tenant", "Kind", "Lead or address", "Reason", "Since", "From reply"], style: { head: [] } });
    for (const x of items) t.push([x.tenant, x.kind, x.value, x.reason, x.created_at, x.task_id ?? ""]);
    out(t.toString());
  };
  withCommonOptions(sup.command("list", { isDefault: true }).description("list the suppression list"), "admin key")
    .option("--reason <reason>", "unsubscribed, bounced or manual")
    .option("--kind <kind>", "lead or email")
    .action(guarded(list));
  withCommonOptions(sup.command("add").description("suppress a lead and/or an address"), "admin key")
    .option("--lead-id <id>", "the CRM's lead id")
    .option("--email <address>", "the address")
    .option("--note <text>", "why")
    .action(
      guarded(async (o: Common & { leadId?: string; email?: string; note?: string }) => {
        const r = await call<{ added: unknown[]; already_listed: number }>(o, "POST", "/ai/suppressions", { ...(o.leadId ? { lead_id: o.leadId } : {}), ...(o.email ? { email: o.email } : {}), ...(o.note ? { note: o.note } : {}) });
        if (o.json) out(JSON.stringify(r.body, null, 2));
        else out(`Added ${r.body.added.length}${r.body.already_listed ? `, ${r.body.already_listed} already listed` : ""}.`);
      }),
    );
  withCommonOptions(sup.command("remove").description("take a lead or an address off the list"), "admin key")
    .argument("<kind>", "lead or email")
    .argument("<value>", "the lead id or the address")
    .action(
      guarded(async (kind: string, value: string, o: Common) => {
        await call(o, "DELETE", `/ai/suppressions/${encodeURIComponent(kind)}/${encodeURIComponent(value)}`);
        out(`Removed the ${kind} from the suppression list.`);
      }),
    );

  const sch = program.command("scheduled").description("delayed tasks waiting in the scheduler (e.g. follow-ups after an out-of-office)");
  withCommonOptions(sch.command("list", { isDefault: true }).description("list them, soonest first"), "client key")
    .action(
      guarded(async (o: Common) => {
        const r = await call<{ items: Scheduled[] }>(o, "GET", "/ai/scheduled");
        if (o.json) return out(JSON.stringify(r.body, null, 2));
        if (r.body.items.length === 0) return out("No scheduled tasks.");
        const t = new Table({ head: ["Task id", "Type", "Due", "Lead", "Why"], style: { head: [] } });
        for (const x of r.body.items) t.push([x.id, x.type, x.due_at, x.lead_id ?? "", x.reason ?? ""]);
        out(t.toString());
      }),
    );
  withCommonOptions(sch.command("cancel").description("cancel one before it is released"), "client key")
    .argument("<id>", "the scheduled task's id")
    .action(
      guarded(async (id: string, o: Common) => {
        await call(o, "DELETE", `/ai/scheduled/${encodeURIComponent(id)}`);
        out(`Cancelled ${id}.`);
      }),
    );
}
