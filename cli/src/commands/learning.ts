import { Option, type Command } from "commander";
import Table from "cli-table3";
import cliProgress from "cli-progress";
import type { ExperimentView, ModelView, OutcomeInput } from "@gardenos/contracts";
import { readFile } from "node:fs/promises";
import { intArg, mapArg } from "../args.js";
import type { GatewayClient } from "../api.js";
import { readLeadsFile } from "../files/lead-file.js";

/**
 * The learning loop from the command line: `outcomes import` (history from a CRM export),
 * `train` (a file, or the stored outcomes), `models list|activate|rollback`, `experiments`.
 */

type ExitCodes = { ok: number; failed: number; usage: number; unavailable: number };
interface Deps {
  Exit: ExitCodes;
  say: (line: string) => void;
  withGateway: <T>(url: string | undefined, port: number, fn: (client: GatewayClient) => Promise<T>) => Promise<T>;
}

const out = (text: string): void => void process.stdout.write(`${text}\n`);
const f4 = (n: number | null | undefined) => (typeof n === "number" ? n.toFixed(4) : "–");
const pct = (n: number | null | undefined) => (typeof n === "number" ? `${(n * 100).toFixed(1)} %` : "–");

function table(head: string[]): Table.Table {
  return new Table({ head, style: { head: [], border: [] } });
}

/** The key for this command: --key, else $GARDENOS_KEY (admin endpoints need an admin key). */
function useKey(key: string | undefined): void {
  if (key) process.env.GARDENOS_KEY = key;
}

export interface ImportOptions {
  file: string;
  idColumn?: string;
  labelColumn: string;
  map?: Record<string, string>;
  batch: number;
  progress: boolean;
}

/**
 * Sends a CRM export's leads with their outcome (label 1 → converted, 0 → lost) to POST
 * /ai/outcomes in batches. Each outcome's id is `import-<lead id>-<outcome>`, so importing the
 * same file again stores nothing twice.
 */
export async function importOutcomes(client: GatewayClient, o: ImportOptions, say: (line: string) => void): Promise<{ rows: number; sent: number; stored: number; duplicates: number; skipped: number }> {
  const map = { ...(o.map ?? {}), ...(o.idColumn ? { [o.idColumn]: "id" } : {}) };
  const file = await readLeadsFile(o.file, { labelColumn: o.labelColumn, map });
  const at = new Date().toISOString();
  const items: OutcomeInput[] = [];
  let skipped = 0;
  for (const r of file.rows) {
    if (!r.lead || r.label === undefined || !r.lead.id) {
      skipped++;
      continue;
    }
    const outcome = r.label === 1 ? "converted" : "lost";
    items.push({ lead_id: r.lead.id, outcome, at, outcome_id: `import-${r.lead.id}-${outcome}`, lead: r.lead });
  }
  if (items.length === 0) throw new Error(`${o.file} holds no rows with a lead id${o.idColumn ? ` (${o.idColumn})` : ""} and a readable "${o.labelColumn}" label`);
  const bar = o.progress ? new cliProgress.SingleBar({ format: " {bar} {value}/{total} outcomes", hideCursor: true, stream: process.stderr }, cliProgress.Presets.shades_classic) : undefined;
  bar?.start(items.length, 0);
  let stored = 0;
  let duplicates = 0;
  for (let i = 0; i < items.length; i += o.batch) {
    const batch = items.slice(i, i + o.batch);
    const r = await client.request<{ stored: number; duplicates: number }>("POST", "/ai/outcomes", { outcomes: batch });
    stored += r.stored;
    duplicates += r.duplicates;
    bar?.increment(batch.length);
  }
  bar?.stop();
  if (skipped) say(`${skipped} rows skipped (no lead id, no readable label, or an invalid lead)`);
  return { rows: file.rows.length, sent: items.length, stored, duplicates, skipped };
}

export function modelTable(models: readonly ModelView[]): string {
  const t = table(["version", "active", "created", "source", "training rows", "ROC AUC", "Brier", "champion AUC / Brier", "decision"]);
  for (const m of models) {
    t.push([
      String(m.version),
      m.active ? "yes" : "",
      m.created_at.slice(0, 19).replace("T", " "),
      m.source,
      String(m.training_rows),
      f4(m.validation.roc_auc),
      f4(m.validation.brier_score),
      m.champion_validation ? `${f4(m.champion_validation.roc_auc)} / ${f4(m.champion_validation.brier_score)}` : "–",
      m.decision.length > 70 ? `${m.decision.slice(0, 69)}…` : m.decision,
    ]);
  }
  return t.toString();
}

export function experimentText(e: ExperimentView): string {
  const t = table(["variant", "traffic", "assigned", "sends", "successes", "rate", "95 % interval", "P(best)"]);
  for (const v of e.variants) {
    t.push([v.id, pct(v.traffic), String(v.assigned), String(v.sends), String(v.successes), pct(v.rate), v.ci95 ? `${pct(v.ci95[0])} – ${pct(v.ci95[1])}` : "–", pct(v.p_best)]);
  }
  return `${e.id} (${e.status}, ${e.mode}; replies, meetings and conversions within ${e.attribution_days} days count)\n${t.toString()}\n${e.decision}`;
}

export function registerLearningCommands(program: Command, d: Deps): void {
  const urlOption = () => new Option("--url <url>", "gateway URL (default $GARDENOS_URL, else a local gateway, else a stack started for this run)");
  const keyOption = () => new Option("--key <key>", "API key (default $GARDENOS_KEY; train, activate, rollback and experiments start/stop need an admin key)");

  const outcomes = program.command("outcomes").description("outcomes of leads (converted, lost, replied …)");
  outcomes
    .command("import")
    .description("import history from a CRM export: each row's lead and its outcome (label 1 → converted, 0 → lost)")
    .argument("<file>", "the CRM export (CSV, JSON or JSON Lines)")
    .requiredOption("--label-column <column>", "the column with the outcome (1/0, yes/no)")
    .option("--id-column <column>", "the column with the CRM's lead id (default: the id column the alias table finds, e.g. \"Prospect ID\")")
    .option("--map <column=path>", "map a column onto a lead field (repeatable)", mapArg)
    .addOption(new Option("--batch <n>", "outcomes per request").argParser(intArg("--batch", 1, 1000)).default(200))
    .addOption(urlOption())
    .addOption(keyOption())
    .option("--json", "print JSON")
    .action(async (file: string, opts: { labelColumn: string; idColumn?: string; map?: Record<string, string>; batch: number; url?: string; key?: string; json?: boolean }) => {
      useKey(opts.key);
      const r = await d.withGateway(opts.url, 0, (c) => importOutcomes(c, { file, labelColumn: opts.labelColumn, ...(opts.idColumn ? { idColumn: opts.idColumn } : {}), ...(opts.map ? { map: opts.map } : {}), batch: opts.batch, progress: process.stderr.isTTY === true }, d.say));
      out(opts.json ? JSON.stringify(r, null, 2) : `${r.sent} outcomes sent: ${r.stored} stored, ${r.duplicates} already there, ${r.skipped} rows skipped`);
    });

  program
    .command("train")
    .description("train a new conversion model version: from a CRM export (imported as outcomes first) or from the stored outcomes; it becomes active only when it beats the active one")
    .argument("[file]", "a CRM export with outcomes; without it, train on the outcomes already stored")
    .option("--label-column <column>", "the column with the outcome (1/0), with a file", "Converted")
    .option("--id-column <column>", "the column with the CRM's lead id")
    .option("--map <column=path>", "map a column onto a lead field (repeatable)", mapArg)
    .option("--exclude <column>", "a custom field never to use (repeatable; Tags and Lead Quality always are)", (v: string, prev: string[] = []) => [...prev, v])
    .option("--force", "activate it even when it does not beat the active model")
    .addOption(new Option("--batch <n>", "outcomes per import request").argParser(intArg("--batch", 1, 1000)).default(200))
    .addOption(urlOption())
    .addOption(keyOption())
    .option("--json", "print JSON")
    .action(async (file: string | undefined, opts: { labelColumn: string; idColumn?: string; map?: Record<string, string>; exclude?: string[]; force?: boolean; batch: number; url?: string; key?: string; json?: boolean }) => {
      useKey(opts.key);
      const r = await d.withGateway(opts.url, 0, async (c) => {
        if (file) {
          d.say(`Importing ${file} as outcomes…`);
          const imp = await importOutcomes(c, { file, labelColumn: opts.labelColumn, ...(opts.idColumn ? { idColumn: opts.idColumn } : {}), ...(opts.map ? { map: opts.map } : {}), batch: opts.batch, progress: process.stderr.isTTY === true }, d.say);
          d.say(`${imp.sent} outcomes sent (${imp.stored} new). Training…`);
        }
        return c.request<{ model: ModelView; activated: boolean; decision: string }>("POST", "/ai/models/train", { source: file ? "file" : "outcomes", ...(opts.exclude ? { exclude: opts.exclude } : {}), ...(opts.force ? { force: true } : {}) });
      });
      if (opts.json) return out(JSON.stringify(r, null, 2));
      const m = r.model;
      out(modelTable([m]));
      out(`Validation split (${m.validation.rows} leads no version trains on): ROC AUC ${f4(m.validation.roc_auc)}, Brier ${f4(m.validation.brier_score)}, base rate ${pct(m.validation.base_rate)}; trained on ${m.training_rows} leads in ${(m.training_ms / 1000).toFixed(1)} s.`);
      out(`Features (${m.features.length}): ${m.features.join(", ")}`);
      out(r.activated ? `Version ${m.version} is now active: ${r.decision}` : `Version ${m.version} was stored but not activated: ${r.decision}`);
    });

  const models = program.command("models").description("versions of the conversion model");
  models
    .command("list", { isDefault: true })
    .description("every version, newest first (active, validation metrics, decision)")
    .addOption(urlOption())
    .addOption(keyOption())
    .option("--json", "print JSON")
    .action(async (opts: { url?: string; key?: string; json?: boolean }) => {
      useKey(opts.key);
      const r = await d.withGateway(opts.url, 0, (c) => c.request<{ models: ModelView[]; active_version: number | null; labelled_leads: number; min_outcomes: number; cold_start: boolean }>("GET", "/ai/models"));
      if (opts.json) return out(JSON.stringify(r, null, 2));
      out(r.models.length ? modelTable(r.models) : "No model versions yet.");
      out(r.cold_start ? `Cold start: the built-in heuristic scores (${r.labelled_leads} labelled leads stored; the first model needs ${r.min_outcomes}).` : `Active: version ${r.active_version} (${r.labelled_leads} labelled leads stored).`);
    });
  models
    .command("activate")
    .description("make a version the active model (the agents switch without a restart)")
    .argument("<version>", "the version number", intArg("version", 1, 1_000_000_000))
    .addOption(urlOption())
    .addOption(keyOption())
    .action(async (version: number, opts: { url?: string; key?: string }) => {
      useKey(opts.key);
      const m = await d.withGateway(opts.url, 0, (c) => c.request<ModelView>("POST", `/ai/models/${version}/activate`, {}));
      out(`Version ${m.version} is active.`);
    });
  models
    .command("rollback")
    .description("go back to the version active before this one (none: the built-in heuristic)")
    .addOption(urlOption())
    .addOption(keyOption())
    .action(async (opts: { url?: string; key?: string }) => {
      useKey(opts.key);
      const r = await d.withGateway(opts.url, 0, (c) => c.request<{ active_version: number | null }>("POST", "/ai/models/rollback", {}));
      out(r.active_version === null ? "No model is active: the built-in heuristic scores." : `Version ${r.active_version} is active again.`);
    });

  const experiments = program.command("experiments").description("follow-up A/B experiments");
  experiments
    .command("list", { isDefault: true })
    .description("every experiment, or one: sends, successes, rates with 95 % intervals, P(best), the stop rule's decision")
    .argument("[id]", "one experiment")
    .addOption(urlOption())
    .addOption(keyOption())
    .option("--json", "print JSON")
    .action(async (id: string | undefined, opts: { url?: string; key?: string; json?: boolean }) => {
      useKey(opts.key);
      const list = await d.withGateway(opts.url, 0, async (c) => (id ? [await c.request<ExperimentView>("GET", `/ai/experiments/${encodeURIComponent(id)}`)] : (await c.request<{ experiments: ExperimentView[] }>("GET", "/ai/experiments")).experiments));
      if (opts.json) return out(JSON.stringify(id ? list[0] : list, null, 2));
      out(list.length ? list.map(experimentText).join("\n\n") : "No experiments yet.");
    });
  experiments
    .command("start")
    .description("start an experiment from a JSON file: { id, variants: [{ id, weight?, subject?, instructions? }], mode?, … }")
    .argument("<file>", "the experiment as JSON (POST /ai/experiments)")
    .addOption(urlOption())
    .addOption(keyOption())
    .action(async (file: string, opts: { url?: string; key?: string }) => {
      useKey(opts.key);
      const body = JSON.parse(await readFile(file, "utf8")) as unknown;
      const e = await d.withGateway(opts.url, 0, (c) => c.request<ExperimentView>("POST", "/ai/experiments", body));
      out(experimentText(e));
    });
  experiments
    .command("stop")
    .description("stop an experiment (new follow-ups get no variant; the results stay)")
    .argument("<id>", "the experiment")
    .addOption(urlOption())
    .addOption(keyOption())
    .action(async (id: string, opts: { url?: string; key?: string }) => {
      useKey(opts.key);
      const e = await d.withGateway(opts.url, 0, (c) => c.request<ExperimentView>("POST", `/ai/experiments/${encodeURIComponent(id)}/stop`, {}));
      out(experimentText(e));
    });
}
