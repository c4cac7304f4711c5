export { AgentPool } from "./agent-pool.js";
export { BAND_WEIGHTS } from "./band-scheduler.js";
export { ackWaitSeconds, type AgentContext, type AgentHandler, type AgentOutput, type AgentPoolOptions } from "./types.js";
export { Cancellations, type CancelledTasks } from "./cancellations.js";
export { LeanPublisher, PubAckRefusedError, PubAckTimeoutError, type LeanPublishOptions } from "./lean-publisher.js";
export { withLeadLookup, lookUpLead } from "./lead-lookup.js";
