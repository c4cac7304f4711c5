export { loadLlmConfig, LlmEnvSchema, ProviderEntrySchema, DEEPINFRA, type LlmConfig, type ProviderConfig, type ProviderEntry, type BreakerSettings } from "./config.js";
export { DEFAULT_PRICES, PRICE_TABLE_SOURCE, costUsd, type Price } from "./prices.js";
export {
  FailureKinds,
  ProviderCallError,
  isProviderCallError,
  CallAbortedError,
  isCallAborted,
  InvalidAnswerError,
  isInvalidAnswer,
  classify,
  redactSecrets,
  retryAfterMs,
  type FailureKind,
} from "./errors.js";
export { AdaptiveLimiter } from "./limiter.js";
export { Provider, cacheHits, type ProviderAnswer, type ProviderStatus, type BreakerState, type ChatMessage } from "./provider.js";
export { parseAnswer, repairMessage } from "./answer.js";
export { Budget, KvSpendStore, MemorySpendStore, type SpendStore, type BudgetStatus, type Reservation } from "./budget.js";
export { LlmChain, summarize, type ChainRequest, type ChainResult, type ChainStatus, type ChainStep } from "./chain.js";
export { builtinOutput, createLlmHandler, fallbackReserveMs, type LlmHandlerOptions, type Prompt } from "./agent.js";
export { pruneForPrompt, dayOf, hostOf, onlyTrue, clipText, SIGNAL_WORDS } from "./prompt-data.js";
export { fenceData, startLlm, startAgentServiceWithLlm, type LlmRuntime, type LlmHandlerSettings } from "./setup.js";
export { textEmbedderFromEnv, type TextEmbedder } from "./embeddings.js";
