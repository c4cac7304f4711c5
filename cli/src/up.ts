import { fileURLToPath } from "node:url";
import { Command, CommanderError, Option } from "commander";
import { intArg } from "./args.js";
import { LocalStack, StackError } from "./stack/local-stack.js";

/**
 * `gardenos up`: the local stack's supervisor. It stays up as long as the stack, so it loads only
 * what starting and watching the services takes (`main.js` hands `up` to `up-main.js`, bundled by
 * `npm run build` into `up.bundle.mjs`) — not the rest of the CLI (bench/README.md, Memory).
 */

/** Exit codes: 0 ok, 1 some work failed, 2 usage error, 3 the stack could not be reached or started. */
export const Exit = { ok: 0, failed: 1, usage: 2, unavailable: 3 } as const;

export const say = (line: string) => process.stderr.write(`${line}\n`);

const SAMPLE = fileURLToPath(new URL("../../samples/leads.csv", import.meta.url));

function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
}

/** The `up` command. */
export function upCommand(): Command {
  return new Command("up")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .description("start the whole stack here (nats-server too when NATS_URL is unset) and keep it running")
    .option("--demo", "analyse the bundled sample CRM export once the stack is up")
    .option("--sample <file>", "the CRM export the demo analyses", SAMPLE)
    .option("-o, --out <file>", "where the demo writes scored leads (.csv or .json)", "results/sample-leads.scored.csv")
    .addOption(new Option("-p, --port <port>", "gateway port").argParser(intArg("--port", 0, 65535)).default(Number(process.env.PORT ?? 8000)).env("PORT"))
    .addOption(new Option("--nats-port <port>", "port of the nats-server it starts (default 4222, or a free one when 4222 is taken)").argParser(intArg("--nats-port", 1, 65535)))
    .option("--data-dir <dir>", "where NATS data, the embedded database and logs live", ".gardenos")
    .option("--exit", "stop the stack after the demo instead of keeping it up")
    .option("--processes", "run every service as a process of its own (default: metrics and the agent services are threads of this one)")
    .action(async (opts: { demo?: boolean; sample: string; out: string; port: number; natsPort?: number; dataDir: string; exit?: boolean; processes?: boolean }) => {
      const stack = new LocalStack({ dataDir: opts.dataDir, port: opts.port, ...(opts.natsPort ? { natsPort: opts.natsPort } : {}), onEvent: say, processes: opts.processes ?? false });
      const t0 = Date.now();
      // A signal at any point stops the services this command started, never leaving them behind.
      let waiting = false;
      const signalled = waitForSignal();
      void signalled.then(async (sig) => {
        if (waiting) return;
        say(`${sig}: stopping…`);
        await stack.stop();
        process.exit(130);
      });
      say("Starting GardenOS (nats-server, metrics, one service per agent type, gateway)…");
      await stack.start();
      say(`Stack healthy in ${((Date.now() - t0) / 1000).toFixed(1)} s. Logs: ${stack.logDir}`);
      let code: number = Exit.ok;
      try {
        if (opts.demo) {
          say(`Analysing ${opts.sample} through the pipeline…`);
          // Loaded only for the demo: the supervisor that stays up keeps only what it needs.
          const { analyzeFile, summaryTable } = await import("./commands/analyze.js");
          const { GatewayClient } = await import("./api.js");
          const report = await analyzeFile(new GatewayClient(stack.url), {
            file: opts.sample,
            out: opts.out,
            priority: 5,
            concurrency: 16,
            progress: true,
            timeoutSeconds: 300,
            print: say,
          });
          process.stdout.write(`${summaryTable(report, opts.sample)}\n`);
          say(`Scored leads written to ${opts.out}`);
          if (report.failed > 0) code = Exit.failed;
        }
        if (!opts.exit) {
          say("");
          say(`GardenOS is running: ${stack.url}   (API docs: ${stack.url}/docs, health: ${stack.url}/ai/health)`);
          say(`Try: curl -s -XPOST ${stack.url}/ai/analyze-lead -H 'content-type: application/json' -d '{"lead":{"contact":{"name":"Ada Lovelace","email":"ada@example.com"}}}'`);
          say("Press Ctrl-C to stop.");
          waiting = true;
          const sig = await signalled;
          say(`${sig}: stopping…`);
        }
      } finally {
        await stack.stop();
      }
      process.exitCode = code;
    });
}

/** Runs `gardenos up …` on `process.argv` alone (the supervisor's entry, `up-main.ts`). */
export async function runUp(argv: readonly string[] = process.argv): Promise<void> {
  const program = new Command("gardenos").showHelpAfterError("(run with --help for usage)").exitOverride().addCommand(upCommand());
  try {
    await program.parseAsync([...argv]);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? Exit.ok : Exit.usage;
      return;
    }
    say(`gardenos: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = e instanceof StackError ? Exit.unavailable : Exit.failed;
  }
}
