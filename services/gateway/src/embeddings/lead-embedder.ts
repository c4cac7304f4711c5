import type { Lead } from "@gardenos/contracts";
import { BUILTIN_EMBEDDING_DIM, BUILTIN_EMBEDDING_MODEL, embedLead, leadEmbeddingText } from "@gardenos/lead-features";

/** Turns leads into L2-normalised vectors: the built-in feature hashing, or EMBEDDING_MODEL. */
export interface LeadEmbedder {
  readonly model: string;
  readonly dim: number;
  embed(leads: readonly Lead[]): Promise<Float32Array[]>;
}

export const builtinEmbedder: LeadEmbedder = {
  model: BUILTIN_EMBEDDING_MODEL,
  dim: BUILTIN_EMBEDDING_DIM,
  embed: async (leads) => leads.map((l) => embedLead(l)),
};

/**
 * EMBEDDING_MODEL set: the provider's embeddings endpoint (its dimension from EMBEDDING_DIMENSIONS,
 * else asked once at start); unset: the built-in embedding, no network.
 */
export async function leadEmbedderFromEnv(env: NodeJS.ProcessEnv): Promise<LeadEmbedder> {
  // Without EMBEDDING_MODEL textEmbedderFromEnv answers undefined: the LLM library (and the
  // OpenAI client it loads) is imported only when it is set.
  if (!env.EMBEDDING_MODEL?.trim()) return builtinEmbedder;
  const { textEmbedderFromEnv } = await import("./text-embedder.js");
  const text = textEmbedderFromEnv(env);
  if (!text) return builtinEmbedder;
  const configured = Number(env.EMBEDDING_DIMENSIONS);
  const dim = Number.isInteger(configured) && configured > 0 ? configured : (await text.embed(["dimension probe"]))[0]!.length;
  return {
    model: text.model,
    dim,
    async embed(leads) {
      const vs = await text.embed(leads.map(leadEmbeddingText));
      for (const v of vs) if (v.length !== dim) throw new Error(`EMBEDDING_MODEL ${text.model} answered ${v.length} dimensions, not ${dim}`);
      return vs;
    },
  };
}
