import OpenAI from "openai";
import { ConfigError } from "@gardenos/runtime";
import { loadLlmConfig } from "./config.js";

/** Embeds texts with a provider's OpenAI-compatible `/embeddings` endpoint. */
export interface TextEmbedder {
  /** The model's name (stored beside each vector). */
  readonly model: string;
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

/**
 * EMBEDDING_MODEL (e.g. `BAAI/bge-base-en-v1.5` on DeepInfra): embeddings from the first provider of
 * the LLM configuration (LLM_PROVIDERS, LLM_BASE_URL or DEEPINFRA_API_KEY: its base URL and key).
 * Undefined when EMBEDDING_MODEL is not set (the built-in embedding is used).
 */
export function textEmbedderFromEnv(env: NodeJS.ProcessEnv): TextEmbedder | undefined {
  const model = env.EMBEDDING_MODEL?.trim();
  if (!model) return undefined;
  const provider = loadLlmConfig(env).providers[0];
  if (!provider) throw new ConfigError("Invalid configuration: EMBEDDING_MODEL: is set but no LLM provider is configured (LLM_BASE_URL, LLM_PROVIDERS or DEEPINFRA_API_KEY)");
  const client = new OpenAI({ baseURL: provider.baseURL, apiKey: provider.apiKey ?? "none", maxRetries: 2, timeout: 30_000 });
  return {
    model,
    async embed(texts) {
      if (texts.length === 0) return [];
      const r = await client.embeddings.create({ model, input: [...texts], encoding_format: "float" });
      const out: Float32Array[] = new Array(texts.length);
      for (const d of r.data) {
        const v = Float32Array.from(d.embedding as number[]);
        let n = 0;
        for (const x of v) n += x * x;
        n = Math.sqrt(n) || 1;
        for (let i = 0; i < v.length; i++) v[i]! /= n;
        out[d.index] = v;
      }
      if (out.some((v) => !v)) throw new Error("the embeddings endpoint answered fewer vectors than texts");
      return out;
    },
  };
}
