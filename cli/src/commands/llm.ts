import { intArg, mapArg } from "../args.js";
import { Command, Option } from "commander";
import { isConfigError } from "@gardenos/runtime";
import type { GatewayClient } from "../api.js";
import type { Split } from "@gardenos/conversion-model";
import { evalFile, evalText } from "../eval/leads.js";
import { CaseFileError, evalFollowUps, evalFollowUpsText, meetsTargets } from "../eval/followups.js";
import { EmailCaseFileError, evalEmails, evalEmailsText, meetsEmailTargets } from "../eval/emails.js";
import { llmCheck, llmCheckText, NOT_CONFIGURED } from "./llm-check.js";

type ExitCodes = { ok: number; failed: number; usage: number; unavailable: number };

interface Deps {
  Exit: ExitCodes;
  say: (line: string) => void;
  withGateway: <T>(url: string | undefined, port: number, fn: (client: GatewayClient) => Promise<T>) => Promise<T>;
}


/** `gardenos llm check`, `gardenos eval`, `gardenos eval-followups` and `gardenos eval-emails`. */
export function registerLlmCommands(program: Command, d: Deps): void {
  const llm = program.command("llm").description("the LLM provider chain");
  llm
    .command("check")
    .description("make one small real call to every configured provider: latency, tokens, cost, or a diagnosis")
    .addOption(new Option("--timeout <seconds>", "seconds to wait for each provider").argParser(intArg("--timeout", 1, 600)).default(20))
    .option("--json", "print JSON")
    .action(async (opts: { timeout: number; json?: boolean }) => {
      let report;
      try {
        report = await llmCheck(process.env, { timeoutSeconds: opts.timeout });
      } catch (e) {
        if (!isConfigError(e)) throw e;
        d.say(`gardenos: ${e.message}`);
        process.exitCode = d.Exit.usage;
        return;
      }
      if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else if (!report.configured) d.say(NOT_CONFIGURED);
      else process.stdout.write(`${llmCheckText(report)}\n`);
      process.exitCode = !report.configured ? d.Exit.failed : report.rows.every((r) => r.ok) ? d.Exit.ok : report.rows.some((r) => r.ok) ? d.Exit.failed : d.Exit.unavailable;
    });

  program
    .command("eval")
    .description("score labelled leads through the pipeline and measure them: ROC AUC, Brier score, calibration, latency, tokens, cost")
    .argument("<file>", "labelled CRM export (CSV, JSON or JSON Lines)")
    .requiredOption("--label-column <column>", "the column with the known outcome (1/0, yes/no), e.g. Converted")
    .option("--map <column=path>", "map a column onto a lead field (repeatable)", mapArg)
    .addOption(new Option("--limit <n>", "only the first N labelled leads").argParser(intArg("--limit", 1, 10_000_000)))
    .addOption(new Option("--split <split>", "only the leads of this split by lead id (validation: the leads no model version trains on)").choices(["train", "calibration", "validation"]))
    .addOption(new Option("--concurrency <n>", "requests in flight").argParser(intArg("--concurrency", 1, 256)).default(32))
    .addOption(new Option("--timeout <seconds>", "give up waiting for results after this long").argParser(intArg("--timeout", 1, 86_400)).default(3600))
    .option("-o, --out <file>", "write each lead's prediction and label here (.csv or .json)")
    .option("--url <url>", "gateway URL (default $GARDENOS_URL, else a local gateway, else a stack started for this run)")
    .option("--json", "print the report as JSON")
    .option("--no-progress", "do not show a progress bar")
    .action(async (file: string, opts: { labelColumn: string; map?: Record<string, string>; limit?: number; split?: Split; concurrency: number; timeout: number; out?: string; url?: string; json?: boolean; progress: boolean }) => {
      const report = await d.withGateway(opts.url, 0, (client) =>
        evalFile(client, {
          file,
          labelColumn: opts.labelColumn,
          ...(opts.map ? { map: opts.map } : {}),
          ...(opts.limit !== undefined ? { limit: opts.limit } : {}),
          ...(opts.split ? { split: opts.split } : {}),
          concurrency: opts.concurrency,
          timeoutSeconds: opts.timeout,
          progress: opts.progress && process.stderr.isTTY === true,
          ...(opts.out ? { out: opts.out } : {}),
        }),
      );
      process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${evalText(report)}\n`);
      if (opts.out) d.say(`Predictions written to ${opts.out}`);
      process.exitCode = report.failed > 0 ? d.Exit.failed : d.Exit.ok;
    });

  program
    .command("eval-followups")
    .description("write follow-up e-mails for known contexts and check them: points mentioned, contradictions, stage, reconnect month, repeated sentences, length (built-in writer; LLM writer too when a provider is configured)")
    .argument("<file>", "cases as JSON Lines: { lead, context, history?, now?, expect: { mention_any, must_not, stage?, reconnect_month?, language?, error? } }")
    .addOption(new Option("--writer <which>", "builtin, llm, or all (the LLM writer only when a provider is configured)").choices(["builtin", "llm", "all"]).default("all"))
    .addOption(new Option("--concurrency <n>", "cases written at once").argParser(intArg("--concurrency", 1, 64)).default(4))
    .option("--json", "print the report as JSON (with every e-mail)")
    .option("--no-details", "leave out the per-case misses")
    .action(async (file: string, opts: { writer: "builtin" | "llm" | "all"; concurrency: number; json?: boolean; details: boolean }) => {
      let report;
      try {
        report = await evalFollowUps({ file, writers: opts.writer, concurrency: opts.concurrency, env: process.env });
      } catch (e) {
        if (!(e instanceof CaseFileError) && !isConfigError(e)) throw e;
        d.say(`gardenos: ${e.message}`);
        process.exitCode = d.Exit.usage;
        return;
      }
      process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${evalFollowUpsText(report, { details: opts.details })}\n`);
      const builtin = report.reports.find((r) => r.writer === "built-in");
      process.exitCode = builtin && !meetsTargets(builtin) ? d.Exit.failed : d.Exit.ok;
    });

  program
    .command("eval-emails")
    .description("classify labelled e-mails and score the classifier: per-category precision/recall, macro-F1, confusion matrix (built-in classifier; LLM classifier too when a provider is configured)")
    .argument("<file>", "labelled e-mails as JSON Lines: { id?, label, email: { from, to, subject, body, received_at, … }, routing? }")
    .addOption(new Option("--classifier <which>", "builtin, llm, or all (the LLM classifier only when a provider is configured)").choices(["builtin", "llm", "all"]).default("all"))
    .addOption(new Option("--concurrency <n>", "e-mails classified at once").argParser(intArg("--concurrency", 1, 64)).default(4))
    .option("--json", "print the report as JSON")
    .option("--no-details", "leave out the list of misclassified e-mails")
    .action(async (file: string, opts: { classifier: "builtin" | "llm" | "all"; concurrency: number; json?: boolean; details: boolean }) => {
      let report;
      try {
        report = await evalEmails({ file, classifiers: opts.classifier, concurrency: opts.concurrency, env: process.env });
      } catch (e) {
        if (!(e instanceof EmailCaseFileError) && !isConfigError(e)) throw e;
        d.say(`gardenos: ${e.message}`);
        process.exitCode = d.Exit.usage;
        return;
      }
      process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${evalEmailsText(report, { details: opts.details })}\n`);
      const builtin = report.reports.find((r) => r.classifier === "built-in");
      process.exitCode = builtin && !meetsEmailTargets(builtin) ? d.Exit.failed : d.Exit.ok;
    });
}
