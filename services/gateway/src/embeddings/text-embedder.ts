/**
 * The one thing the gateway takes from @gardenos/llm, in a module of its own so that it can be
 * imported when EMBEDDING_MODEL is set (lead-embedder.ts) and a bundle keeps only what it needs.
 */
export { textEmbedderFromEnv } from "@gardenos/llm";
