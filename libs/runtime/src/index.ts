export { createLogger, REDACT_PATHS, type Logger, type LoggerOptions } from "./logger.js";
export { nodeVersionProblem, MIN_NODE_MAJOR } from "./node-version.js";
export { serializeError, isDatabaseError, summarizeDatabaseError } from "./safe-error.js";
export { loadConfig, baseConfigShape, BaseConfigSchema, envInt, envNumber, envBool, natsAuthProblems, type BaseConfig, type NatsAuthSettings } from "./config.js";
export {
  ConfigError,
  isConfigError,
  UnrecoverableError,
  isUnrecoverable,
  TransientError,
  isTransient,
  errorMessage,
} from "./errors.js";
export { connectNats, natsAlive, natsAuthOptions, natsAuthMethod, type NatsConnection } from "./nats.js";
export { serveRequests } from "./request-responder.js";
export { HeldMessages, type WorkingMsg } from "./held-messages.js";
export {
  ensureStreams,
  JS_SETUP_TIMEOUT_MS,
  ensureTaskConsumers,
  ensureRecorderConsumer,
  ensureOutcomeConsumer,
  ensureReactionConsumer,
  ensureTenantIntake,
  RECORDER_ACK_WAIT_SECONDS,
  GATEWAY_ACK_WAIT_SECONDS,
  ensureDurableConsumer,
  streamConfigs,
  taskConsumerConfig,
  queueDepths,
  isCode,
  JsCodes,
  isPermissionViolation,
  retryUntilCreated,
  awaitStreams,
  ensureStreamsIfMissing,
  type TaskConsumerOptions,
} from "./topology.js";
export {
  AgentPool,
  withLeadLookup,
  lookUpLead,
  ackWaitSeconds,
  BAND_WEIGHTS,
  LeanPublisher,
  PubAckRefusedError,
  PubAckTimeoutError,
  type LeanPublishOptions,
  type AgentContext,
  type AgentHandler,
  type AgentOutput,
  type AgentPoolOptions,
} from "./pool/index.js";
export { DeadLetterWriter, type DeadLetter } from "./dead-letter-writer.js";
export { runService, STOP_MESSAGE, type ServiceHandle, type StartService } from "./service.js";
export { processAlive } from "./process-alive.js";
export { SERVICE_NODE_OPTIONS, SERVICE_NODE_FLAGS, SERVICE_PROCESS_ENV, SERVICE_THREAD_LIMITS, EMBEDDED_DB_NODE_FLAGS } from "./node-flags.js";
export { NatsServer, freePort, natsServerAvailable, NATS_INSTALL_HINT, type NatsServerOptions } from "./nats-server.js";
export { startAgentService, agentConfigSchema, agentSettings, type AgentService, type AgentServiceSettings } from "./agent-service.js";
export { startHealthServer, type HealthServerOptions } from "./health-server.js";
export { Scaler, splitAgents, claimReplicaSlot, countReplicaSlots, type ScalablePool, type ScalerOptions } from "./scaler.js";
export { openAgentsKv, openAgentsKvToRead, openReplicasKv, openCancelledKv, openModelsKv, openScheduledKv, readDesired, writeDesired, parseDesired, REPLICA_SLOT_TTL_SECONDS } from "./control-kv.js";
export { loadAgentTypePlugins, deployedAgentTypes } from "./agent-type-plugins.js";
export {
  BrokerUsers,
  agentRole,
  brokerRoles,
  crmRole,
  gatewayRole,
  inboxPrefixFor,
  metricsRole,
  passwordEnvFor,
  renderAuthConfig,
  tenantCrmRole,
  type BrokerRole,
  type BrokerRoleOptions,
  type RolePermissions,
} from "./broker-auth.js";
export { generatePassword, writeLocalBrokerAuth, type LocalBrokerAuth, type LocalBrokerUser } from "./broker-local-auth.js";
