import { intArg, mapArg } from "./args.js";
import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import Table from "cli-table3";
import { ApiError, GatewayClient } from "./api.js";
import { analyzeFile, summaryTable } from "./commands/analyze.js";
import { LocalStack, StackError } from "./stack/local-stack.js";
import { Exit, say, upCommand } from "./up.js";
import { registerLlmCommands } from "./commands/llm.js";
import { UNAUTHORIZED_EXIT, registerControlCommands } from "./commands/control.js";
import { registerDlqCommands } from "./commands/dlq.js";
import { registerLearningCommands } from "./commands/learning.js";
import { registerBrokerCommands } from "./commands/broker.js";
import { registerSimilarCommand } from "./commands/similar.js";
import { registerReplyCommands } from "./commands/replies.js";

export { Exit };

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
const DEFAULT_URL = () => process.env.GARDENOS_URL ?? `http://127.0.0.1:${process.env.PORT ?? 8000}`;



/** Uses a running gateway, or starts a stack for the length of the command. */
async function withGateway<T>(url: string | undefined, port: number, fn: (client: GatewayClient) => Promise<T>): Promise<T> {
  const explicit = url ?? process.env.GARDENOS_URL;
  // $GARDENOS_KEY: the client key, when the gateway has GARDENOS_API_KEYS configured.
  const candidate = new GatewayClient(explicit ?? DEFAULT_URL(), process.env.GARDENOS_KEY || undefined);
  try {
    await candidate.health();
    return await fn(candidate);
  } catch (e) {
    if (explicit || !(e instanceof ApiError && e.status === 0)) throw e;
  }
  say("No gateway is running here; starting a stack for this run (`gardenos up` keeps one running).");
  const stack = new LocalStack({ dataDir: ".gardenos", port, onEvent: say });
  await stack.start();
  try {
    return await fn(new GatewayClient(stack.url, process.env.GARDENOS_KEY || undefined));
  } finally {
    await stack.stop();
  }
}

export function buildProgram(): Command {
  const program = new Command("gardenos")
    .description("GardenOS Orchestrator: score CRM leads and write follow-up e-mails with AI agents over NATS JetStream")
    .version(pkg.version, "-V, --version")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();

  program.addCommand(upCommand());

  program
    .command("analyze")
    .description("score every lead of a CRM export (CSV, JSON or JSON Lines) through the pipeline")
    .argument("<file>", "the CRM export")
    .option("-o, --out <file>", "write scored leads here (.csv or .json)")
    .addOption(new Option("--priority <n>", "task priority 1–10").argParser(intArg("--priority", 1, 10)).default(5))
    .option("--map <column=path>", "map a column onto a lead field, e.g. \"Job=contact.title\" (repeatable)", mapArg)
    .addOption(new Option("--concurrency <n>", "requests in flight").argParser(intArg("--concurrency", 1, 256)).default(16))
    .addOption(new Option("--timeout <seconds>", "give up waiting for results after this long").argParser(intArg("--timeout", 1, 86_400)).default(600))
    .option("--url <url>", "gateway URL (default $GARDENOS_URL, else a local gateway, else a stack started for this run)")
    .option("--json", "print the results as JSON on stdout instead of the summary")
    .option("--no-progress", "do not show a progress bar")
    .action(async (file: string, opts: { out?: string; priority: number; map?: Record<string, string>; concurrency: number; timeout: number; url?: string; json?: boolean; progress: boolean }) => {
      const report = await withGateway(opts.url, 0, (client) =>
        analyzeFile(client, {
          file,
          ...(opts.out ? { out: opts.out } : {}),
          priority: opts.priority,
          ...(opts.map ? { map: opts.map } : {}),
          concurrency: opts.concurrency,
          progress: opts.progress && process.stderr.isTTY === true,
          timeoutSeconds: opts.timeout,
          print: say,
        }),
      );
      if (opts.json) process.stdout.write(`${JSON.stringify(report.results, null, 2)}\n`);
      else process.stdout.write(`${summaryTable(report, file)}\n`);
      if (opts.out) say(`Scored leads written to ${opts.out}`);
      process.exitCode = report.failed > 0 ? Exit.failed : Exit.ok;
    });

  // status, agents, queues, scale, restart
  registerControlCommands(program, { Exit, say });
  registerDlqCommands(program, { Exit, say });
  registerReplyCommands(program, { Exit, say });

  program
    .command("task")
    .description("show one task: status, result, timings")
    .argument("<id>", "task id")
    .option("--url <url>", "gateway URL", DEFAULT_URL())
    .action(async (id: string, opts: { url: string }) => {
      process.stdout.write(`${JSON.stringify(await new GatewayClient(opts.url, process.env.GARDENOS_KEY || undefined).task(id), null, 2)}\n`);
    });

  registerLlmCommands(program, { Exit, say, withGateway });
  registerLearningCommands(program, { Exit, say, withGateway });
  registerBrokerCommands(program);
  registerSimilarCommand(program, { defaultUrl: DEFAULT_URL });

  return program;
}

/** Runs the whole CLI on `process.argv` (`main.js` hands `gardenos up` to the lean `up-main.js` instead). */
export async function main(): Promise<void> {
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      process.exitCode = e.exitCode === 0 ? Exit.ok : Exit.usage;
      return;
    }
    if (e instanceof StackError) {
      say(`gardenos: ${e.message}`);
      process.exitCode = Exit.unavailable;
      return;
    }
    if (e instanceof ApiError) {
      say(`gardenos: ${e.message}${e.issues ? `\n${e.issues.map((i) => `  ${i.path}: ${i.message}`).join("\n")}` : ""}`);
      process.exitCode = e.status === 0 || e.status >= 500 ? Exit.unavailable : e.status === 401 || e.status === 403 ? UNAUTHORIZED_EXIT : Exit.failed;
      return;
    }
    say(`gardenos: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = Exit.failed;
  }
}

