import type { Command } from "commander";
import Table from "cli-table3";
import type { DeadLetterView } from "@gardenos/contracts";
import { call, guardAuth, resolveType, withCommonOptions } from "./control.js";

/**
 * `gardenos dlq list | replay <task-id…> | replay --all [--type T]`: the dead letters — tasks that
 * used up their attempts or could never run — and running them again under their own task id.
 */

interface Common {
  url: string;
  key?: string;
  json?: boolean;
}

const out = (text: string) => process.stdout.write(`${text}\n`);

export function registerDlqCommands(program: Command, d: { say: (line: string) => void; Exit: { ok: number; failed: number } }): void {
  const common = (cmd: Command) => withCommonOptions(cmd, "admin key");
  const guarded = guardAuth(d.say);

  const dlq = program.command("dlq").description("dead letters: tasks that used up their attempts; list and replay them");

  common(dlq.command("list").description("list the dead letters, oldest first"))
    .option("--limit <n>", "at most this many", "100")
    .action(
      guarded(async (o: Common & { limit: string }) => {
        const items: DeadLetterView[] = [];
        let after = 0;
        let total = 0;
        for (;;) {
          const r = await call<{ items: DeadLetterView[]; total: number; next_after_seq: number | null }>(o, "GET", `/ai/dead-letters?limit=500&after_seq=${after}`);
          total = r.body.total;
          items.push(...r.body.items);
          if (r.body.next_after_seq === null || items.length >= Number(o.limit)) break;
          after = r.body.next_after_seq;
        }
        const shown = items.slice(0, Number(o.limit));
        if (o.json) {
          out(JSON.stringify({ total, items: shown }, null, 2));
          return;
        }
        if (shown.length === 0) {
          out("No dead letters.");
          return;
        }
        const t = new Table({ head: ["Task", "Type", "Attempts", "Error", "Dead since"], style: { head: [] }, colWidths: [50, 15, 10, 50, 26], wordWrap: true });
        for (const x of shown) t.push([x.task_id, x.type ?? x.original_subject, String(x.attempts ?? "–"), `${x.error_code ?? ""}: ${x.error ?? ""}`, x.dead_at]);
        out(t.toString());
        if (total > shown.length) out(`… ${total - shown.length} more (use --limit or --json)`);
      }),
    );

  const replay = common(dlq.command("replay").description("run dead-lettered tasks again under their own task ids"));
  replay
    .argument("[task-ids...]", "the tasks to replay")
    .option("--all", "replay every dead letter")
    .option("--type <type>", "with --all: only this agent type (see gardenos types)")
    .action(
      guarded(async (ids: string[], o: Common & { all?: boolean; type?: string }) => {
        if (Boolean(o.all) === ids.length > 0) replay.error("error: give task ids or --all (not both)", { exitCode: 2 });
        const type = o.all && o.type ? (await resolveType(o, o.type, replay, d.say)).type : undefined;
        const body = o.all ? { all: true, ...(type ? { type } : {}) } : { task_ids: ids };
        const r = await call<{ replayed: number; task_ids: string[]; not_found?: string[] }>(o, "POST", "/ai/dead-letters/replay", body);
        if (o.json) out(JSON.stringify(r.body, null, 2));
        else {
          out(`Replayed ${r.body.replayed} task${r.body.replayed === 1 ? "" : "s"}${r.body.replayed ? `: ${r.body.task_ids.join(", ")}` : "."}`);
          if (r.body.not_found?.length) out(`Not in the dead letters: ${r.body.not_found.join(", ")}`);
        }
        process.exitCode = r.body.not_found?.length ? d.Exit.failed : d.Exit.ok;
      }),
    );
}
