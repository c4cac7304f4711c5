import type { Database } from "../db/index.js";
import type { SearchMode } from "./vector-index.js";

export interface Neighbour {
  leadId: string;
  similarity: number;
}

const arrayLiteral = (v: ArrayLike<number>) => `{${Array.from(v, (x) => (Number.isFinite(x) ? x : 0)).join(",")}}`;
const vectorLiteral = (v: ArrayLike<number>) => `[${Array.from(v, (x) => (Number.isFinite(x) ? x : 0)).join(",")}]`;

/**
 * The dot product of the stored `embedding` with a query vector as one SQL expression
 * (`embedding[1]*0.12+embedding[2]*-0.03…`): no set-returning function per row, several times
 * faster than `unnest` on a plain Postgres. The constants are numbers formatted here, never text.
 */
function dotExpression(v: ArrayLike<number>): string {
  const terms: string[] = [];
  for (let i = 0; i < v.length; i++) {
    const x = Number(v[i]);
    if (x !== 0 && Number.isFinite(x)) terms.push(`embedding[${i + 1}]*(${x.toPrecision(8)})`);
  }
  return terms.length ? `(${terms.join("+")})` : "0";
}

/**
 * `lead_embeddings`: one vector per lead (its latest version), searched with pgvector's HNSW index
 * (`embedding_vec`, when prepareVectorSearch set it up) or exactly (a dot product over the
 * `real[]` column: the vectors are L2-normalised). Only vectors of the current `model` are searched.
 */
export class EmbeddingStore {
  constructor(
    private readonly database: Pick<Database, "query">,
    readonly model: string,
    readonly dim: number,
    readonly mode: SearchMode,
  ) {}

  /** Writes a batch of one tenant's embeddings (one statement). */
  async upsert(tenant: string, rows: readonly { leadId: string; vector: ArrayLike<number> }[]): Promise<void> {
    if (rows.length === 0) return;
    const params: unknown[] = [tenant, this.model, this.dim];
    const values = rows.map((r) => {
      params.push(r.leadId, arrayLiteral(r.vector));
      const id = `$${params.length - 1}`;
      const v = `$${params.length}::real[]`;
      return this.mode === "hnsw" ? `($1, ${id}, $2, $3, ${v}, ${v}::vector, now())` : `($1, ${id}, $2, $3, ${v}, now())`;
    });
    const cols = this.mode === "hnsw" ? "tenant, lead_id, model, dim, embedding, embedding_vec, updated_at" : "tenant, lead_id, model, dim, embedding, updated_at";
    const set = this.mode === "hnsw" ? ", embedding_vec = excluded.embedding_vec" : "";
    await this.database.query(
      `insert into lead_embeddings (${cols}) values ${values.join(", ")}
       on conflict (tenant, lead_id) do update set model = excluded.model, dim = excluded.dim, embedding = excluded.embedding${set}, updated_at = excluded.updated_at`,
      params,
    );
  }

  /** The stored vector of a lead; undefined when it has none (never analysed, or another model's). */
  async vectorOf(tenant: string, leadId: string): Promise<number[] | undefined> {
    const [row] = await this.database.query("select embedding from lead_embeddings where tenant = $1 and lead_id = $2 and model = $3", [tenant, leadId, this.model]);
    return row ? (row.embedding as number[]).map(Number) : undefined;
  }

  /** The `k` stored leads nearest to `vector` (most similar first), `exclude` left out. */
  async nearest(tenant: string, vector: ArrayLike<number>, k: number, exclude?: string, mode: SearchMode = this.mode): Promise<Neighbour[]> {
    const rows =
      mode === "hnsw"
        ? await this.database.query(
            `select lead_id, 1 - (embedding_vec <=> $1::vector) as similarity from lead_embeddings
              where tenant = $2 and model = $3 and lead_id <> $4 order by embedding_vec <=> $1::vector limit $5`,
            [vectorLiteral(vector), tenant, this.model, exclude ?? "", k],
          )
        : await this.database.query(
            `select lead_id, ${dotExpression(vector)} as similarity from lead_embeddings
              where tenant = $1 and model = $2 and dim = $3 and lead_id <> $4 order by similarity desc limit $5`,
            [tenant, this.model, vector.length, exclude ?? "", k],
          );
    return rows.map((r) => ({ leadId: String(r.lead_id), similarity: Number(r.similarity) })).sort((a, b) => b.similarity - a.similarity);
  }
}
