import { Option, type Command } from "commander";
import Table from "cli-table3";
import type { SimilarLeadsView } from "@gardenos/contracts";
import { intArg } from "../args.js";
import { GatewayClient } from "../api.js";

const num = (n: number | null, digits = 0) => (n === null ? "–" : n.toFixed(digits));

/** The answer of GET /ai/leads/:id/similar as a table and a summary line. */
export function similarTable(v: SimilarLeadsView): string {
  const t = new Table({ head: ["Lead", "Similarity", "Score", "Conversion %", "Outcome"], style: { head: [], border: [] } });
  for (const s of v.similar) t.push([s.lead_id, s.similarity.toFixed(3), num(s.lead_quality_score), num(s.conversion_probability, 1), s.outcome ?? "–"]);
  const labelled = v.similar.filter((s) => s.outcome === "converted" || s.outcome === "lost");
  const summary =
    v.knn_conversion_rate === null
      ? "No neighbour has a converted/lost outcome yet."
      : `${labelled.filter((s) => s.outcome === "converted").length} of the ${labelled.length} neighbours with an outcome converted (k-NN estimate ${(v.knn_conversion_rate * 100).toFixed(0)} %).`;
  return `${v.similar.length} leads most similar to ${v.lead_id} (${v.search} search, ${v.embedding_model}):\n${t.toString()}\n${summary}`;
}

/** `gardenos similar <lead-id>`: the nearest analysed leads, their scores and outcomes. */
export function registerSimilarCommand(program: Command, o: { defaultUrl: () => string }): void {
  program
    .command("similar")
    .description("the analysed leads most similar to a lead (embeddings; pgvector HNSW or exact), with their scores and outcomes")
    .argument("<lead-id>", "the CRM's id of an analysed lead")
    .addOption(new Option("-k, --k <n>", "neighbours (1–100)").argParser(intArg("--k", 1, 100)).default(10))
    .option("--json", "print the gateway's JSON answer")
    .option("--url <url>", "gateway URL", o.defaultUrl())
    .action(async (leadId: string, opts: { k: number; json?: boolean; url: string }) => {
      const client = new GatewayClient(opts.url, process.env.GARDENOS_KEY || undefined);
      const v = await client.request<SimilarLeadsView>("GET", `/ai/leads/${encodeURIComponent(leadId)}/similar?k=${opts.k}`);
      process.stdout.write(`${opts.json ? JSON.stringify(v, null, 2) : similarTable(v)}\n`);
    });
}
