import {
  BANDS,
  ControlSubjects,
  INTAKE_CONSUMER,
  KvBuckets,
  RECORDER_CONSUMER,
  WEBHOOK_CONSUMER,
  OUTCOME_CONSUMER,
  REACTION_CONSUMER,
  REACTION_SUBJECT_PREFIX,
  Streams,
  Subjects,
  consumerName,
  deadLetterSubject,
  taskSubject,
  tenantResultSubjects,
  tenantSubject,
  tenantPublishSubjects,
  TENANT_SUBJECT_PREFIX,
  type AgentTypeDefinition,
} from "@gardenos/contracts";

/**
 * Who may do what on the broker: one NATS user per role, with the publish and subscribe
 * permissions that role's job needs and nothing more, derived from the agent-type registry (a
 * plugin type gets its own user and subjects). deploy/nats/auth.conf is rendered from this
 * (deploy/scripts/generate-manifests.ts), and `gardenos up` renders the same with generated passwords.
 *
 * What the JetStream client needs, subject by subject:
 * - every request's reply comes to the connection's inbox: each role subscribes only to its own
 *   `_INBOX_<user>.>` (the services set `inboxPrefix`, see NATS_INBOX_PREFIX), so no role reads
 *   another's replies, pulled tasks or KV values;
 * - `jetstreamManager()` asks `$JS.API.INFO`; stream set-up `$JS.API.STREAM.{INFO,CREATE,UPDATE}.<stream>`;
 * - a durable pull consumer: `$JS.API.CONSUMER.INFO.<stream>.<durable>` (consumers.get),
 *   `…CONSUMER.CREATE.<stream>.<durable>[.<filter>]` / `…CONSUMER.DURABLE.CREATE.<stream>.<durable>` (set-up),
 *   `…CONSUMER.MSG.NEXT.<stream>.<durable>` (pulls), `$JS.ACK.<stream>.<durable>.>` (ack, nak, working, term);
 * - an ordered (ephemeral) consumer: `…CONSUMER.CREATE.<stream>.>`, `…MSG.NEXT.<stream>.>`, `…CONSUMER.DELETE.<stream>.>`;
 * - a KV bucket: `…STREAM.INFO.KV_<bucket>` (open) and `…STREAM.CREATE.KV_<bucket>` (first start),
 *   `…DIRECT.GET.KV_<bucket>.>` and `…STREAM.MSG.GET.KV_<bucket>` (get), `$KV.<bucket>.<key>` (put,
 *   create, update), watchers and key listings are ordered push consumers (`…CONSUMER.CREATE.KV_<bucket>.>`
 *   plus flow control replies on `$JS.FC.KV_<bucket>.>`);
 * - a JetStream publish gets its PubAck on the inbox: publishing needs nothing else.
 */

export interface RolePermissions {
  readonly publish: readonly string[];
  readonly subscribe: readonly string[];
  /** May answer requests (publish once to the reply subject of a message it received). */
  readonly allowResponses: boolean;
}

export interface BrokerRole {
  /** NATS user name (also the service's NATS_USER). */
  readonly user: string;
  /** What the role is for (a comment in the config). */
  readonly description: string;
  /** The environment variable holding its password (compose, Helm, the rendered config). */
  readonly passwordEnv: string;
  /** The inbox prefix the role's connections use (NATS_INBOX_PREFIX; the default for NATS_USER). */
  readonly inboxPrefix: string;
  readonly permissions: RolePermissions;
}

export const BrokerUsers = {
  gateway: "gateway",
  metrics: "metrics",
  /** A CRM (or any other system) that publishes tasks and reads results. */
  crm: "crm",
} as const;

export interface BrokerRoleOptions {
  /** The LLM budget bucket (LLM_BUDGET_BUCKET). Default gardenos_llm_budget. */
  budgetBucket?: string;
  /**
   * Tenants that publish over NATS (NATS_TENANTS): each gets a user `crm-<tenant>` confined to
   * `tenant.<tenant>.…`, and the bare-subject `crm` user is left out (the bare subjects become
   * internal, so a tenant can neither read another's results nor pass as another).
   */
  tenants?: readonly string[];
}

const API = "$JS.API";
const TASK_STREAMS = [Streams.tasks, Streams.results, Streams.deadLetters] as const;

export function passwordEnvFor(user: string): string {
  return `${user.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_NATS_PASSWORD`;
}

export function inboxPrefixFor(user: string): string {
  return `_INBOX_${user.replace(/[^A-Za-z0-9_-]/g, "_")}`;
}

/** Every task subject of the types, every band. */
function taskSubjects(types: readonly AgentTypeDefinition[]): string[] {
  return types.flatMap((t) => BANDS.map((b) => taskSubject(t.type, b)));
}

/** Declaring the three streams at start (every service does; re-declaring is a no-op). */
function streamSetup(): string[] {
  return TASK_STREAMS.flatMap((s) => [`${API}.STREAM.INFO.${s}`, `${API}.STREAM.CREATE.${s}`, `${API}.STREAM.UPDATE.${s}`]);
}

/** A durable pull consumer: look it up, create or update it, pull from it, ack its messages. */
function durableConsumer(stream: string, durable: string): string[] {
  return [
    `${API}.CONSUMER.INFO.${stream}.${durable}`,
    `${API}.CONSUMER.CREATE.${stream}.${durable}`,
    `${API}.CONSUMER.CREATE.${stream}.${durable}.>`,
    `${API}.CONSUMER.DURABLE.CREATE.${stream}.${durable}`,
    `${API}.CONSUMER.MSG.NEXT.${stream}.${durable}`,
    `$JS.ACK.${stream}.${durable}.>`,
  ];
}

/** An ordered consumer (ephemeral, no acks) of a stream: KV watchers, key listings, RESULTS/DLQ readers. */
function orderedConsumers(stream: string): string[] {
  return [
    `${API}.CONSUMER.CREATE.${stream}`,
    `${API}.CONSUMER.CREATE.${stream}.>`,
    `${API}.CONSUMER.INFO.${stream}.>`,
    `${API}.CONSUMER.MSG.NEXT.${stream}.>`,
    `${API}.CONSUMER.DELETE.${stream}.>`,
    `$JS.FC.${stream}.>`,
  ];
}

/** Opening (creating on first use) and reading a KV bucket; `writeKeys` are the keys the role may put. */
function kvBucket(bucket: string, o: { create: boolean; watch: boolean; writeKeys: readonly string[] }): string[] {
  const stream = `KV_${bucket}`;
  return [
    `${API}.STREAM.INFO.${stream}`,
    ...(o.create ? [`${API}.STREAM.CREATE.${stream}`] : []),
    `${API}.DIRECT.GET.${stream}.>`,
    `${API}.STREAM.MSG.GET.${stream}`,
    ...(o.watch ? orderedConsumers(stream) : []),
    ...o.writeKeys.map((k) => `$KV.${bucket}.${k}`),
  ];
}

function role(user: string, description: string, p: { publish: string[]; subscribe: string[]; allowResponses: boolean }): BrokerRole {
  const inboxPrefix = inboxPrefixFor(user);
  return {
    user,
    description,
    passwordEnv: passwordEnvFor(user),
    inboxPrefix,
    permissions: {
      publish: [...new Set(p.publish)],
      subscribe: [...new Set([`${inboxPrefix}.>`, ...p.subscribe])],
      allowResponses: p.allowResponses,
    },
  };
}

/** The gateway: intake, recorder, dead-letter views and replay, control endpoints, task lookups. */
export function gatewayRole(types: readonly AgentTypeDefinition[]): BrokerRole {
  return role(BrokerUsers.gateway, "gateway: publishes tasks, records results, control endpoints", {
    publish: [
      `${API}.INFO`,
      ...streamSetup(),
      ...durableConsumer(Streams.results, RECORDER_CONSUMER),
      // Webhooks: a durable consumer of RESULTS that queues deliveries; live streams and ?wait:
      // ordered consumers of RESULTS (from a sequence, for Last-Event-ID).
      ...durableConsumer(Streams.results, WEBHOOK_CONSUMER),
      ...orderedConsumers(Streams.results),
      // DELETE /ai/tasks/:id: the cancellation marker the agents watch, and the task.cancelled event.
      ...kvBucket(KvBuckets.cancelled, { create: true, watch: false, writeKeys: [">"] }),
      Subjects.taskCancelled,
      // Outcomes the CRM publishes (lead.outcome); a bad one is answered on lead.outcome.refused.
      ...durableConsumer(Streams.results, OUTCOME_CONSUMER),
      Subjects.leadOutcomeRefused,
      Subjects.taskFailed,
      // Reactions to classified reply e-mails: their consumer, their events, the delayed tasks.
      ...durableConsumer(Streams.results, REACTION_CONSUMER),
      `${REACTION_SUBJECT_PREFIX}.>`,
      `${TENANT_SUBJECT_PREFIX}.*.${REACTION_SUBJECT_PREFIX}.>`,
      ...kvBucket(KvBuckets.scheduled, { create: true, watch: true, writeKeys: [">"] }),
      // The active conversion model of each tenant, for the lead-analysis agents.
      ...kvBucket(KvBuckets.models, { create: true, watch: false, writeKeys: ["active.*"] }),
      // /ai/health and /ai/queues: consumer state of every band consumer.
      `${API}.CONSUMER.INFO.${Streams.tasks}.*`,
      // Dead letters: list (ordered consumer), read, replay (publish the task again), delete.
      ...orderedConsumers(Streams.deadLetters),
      `${API}.STREAM.MSG.GET.${Streams.deadLetters}`,
      `${API}.STREAM.MSG.DELETE.${Streams.deadLetters}`,
      ...taskSubjects(types),
      // Tenants' tasks (NATS_TENANTS): the INTAKE stream, and each tenant's copy of its results.
      `${API}.STREAM.INFO.${Streams.intake}`,
      `${API}.STREAM.CREATE.${Streams.intake}`,
      `${API}.STREAM.UPDATE.${Streams.intake}`,
      ...durableConsumer(Streams.intake, INTAKE_CONSUMER),
      ...[...types.map((t) => t.resultSubject), Subjects.taskFailed].map((s) => `${TENANT_SUBJECT_PREFIX}.*.${s}`),
      // POST /ai/scale-agents: the desired counts.
      ...kvBucket(KvBuckets.agents, { create: true, watch: false, writeKeys: ["desired.*"] }),
      // POST /ai/restart and the metrics service's answers (request/reply).
      `${ControlSubjects.restartPrefix}.*`,
      Subjects.metricsStatus,
      ControlSubjects.metricsAgents,
      ControlSubjects.metricsQueues,
      ControlSubjects.metricsPrometheus,
    ],
    subscribe: [Subjects.taskLookup, Subjects.contactCheck, Subjects.leadLookup, Subjects.leadNeighbours],
    allowResponses: true,
  });
}

/** One agent service: its band consumers, its results and lifecycle events, its control subjects and KV keys. */
export function agentRole(def: AgentTypeDefinition, o: BrokerRoleOptions = {}): BrokerRole {
  const consumers = BANDS.map((b) => consumerName(def.type, b));
  const subjects = BANDS.map((b) => taskSubject(def.type, b));
  return role(def.service, `${def.service}: the ${def.type} agents`, {
    publish: [
      `${API}.INFO`,
      ...streamSetup(),
      ...consumers.flatMap((c) => durableConsumer(Streams.tasks, c)),
      // The MAX_DELIVERIES safety net: read the stuck task, dead-letter it, remove it.
      `${API}.STREAM.MSG.GET.${Streams.tasks}`,
      `${API}.STREAM.MSG.DELETE.${Streams.tasks}`,
      def.resultSubject,
      Subjects.taskStarted,
      Subjects.taskFailed,
      Subjects.taskRetrying,
      ...subjects.map((s) => deadLetterSubject(s)),
      `${Subjects.heartbeatPrefix}.${def.type}.*`,
      `${ControlSubjects.replicaPrefix}.${def.type}.*`,
      Subjects.taskLookup,
      Subjects.contactCheck,
      Subjects.leadLookup,
      Subjects.leadNeighbours,
      ...kvBucket(KvBuckets.agents, { create: true, watch: true, writeKeys: [] }),
      ...kvBucket(KvBuckets.replicas, { create: true, watch: true, writeKeys: [`${def.type}.*`] }),
      // Tasks cancelled before they started (DELETE /ai/tasks/:id): dropped when pulled.
      ...kvBucket(KvBuckets.cancelled, { create: true, watch: true, writeKeys: [] }),
      ...kvBucket(o.budgetBucket ?? "gardenos_llm_budget", { create: true, watch: false, writeKeys: [">"] }),
      // The tenants' active conversion models (read and watched; only the gateway writes them).
      ...kvBucket(KvBuckets.models, { create: true, watch: true, writeKeys: [] }),
    ],
    subscribe: [
      `${ControlSubjects.replicaPrefix}.${def.type}.*`,
      `${ControlSubjects.restartPrefix}.${def.type}`,
      ...consumers.map((c) => `$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${Streams.tasks}.${c}`),
    ],
    allowResponses: true,
  });
}

/** The metrics service: reads heartbeats, presence, RESULTS and queue state; answers the status requests. */
export function metricsRole(): BrokerRole {
  return role(BrokerUsers.metrics, "metrics: read-only observer, answers status requests", {
    publish: [
      `${API}.INFO`,
      ...TASK_STREAMS.map((s) => `${API}.STREAM.INFO.${s}`),
      // Age of the oldest waiting task per band.
      `${API}.STREAM.MSG.GET.${Streams.tasks}`,
      `${API}.CONSUMER.INFO.${Streams.tasks}.*`,
      // The day's results: an ordered consumer of RESULTS (and the recorder's state).
      ...orderedConsumers(Streams.results),
      ...kvBucket(KvBuckets.agents, { create: false, watch: true, writeKeys: [] }),
    ],
    subscribe: [`${Subjects.heartbeatPrefix}.>`, `${ControlSubjects.replicaPrefix}.>`, Subjects.metricsStatus, ControlSubjects.metricsAgents, ControlSubjects.metricsQueues, ControlSubjects.metricsPrometheus],
    allowResponses: true,
  });
}

/**
 * A CRM that publishes tasks (every band) and hears what the README's event table offers it:
 * results, the task lifecycle events (no input or contact data in them), refused outcomes and reply
 * reactions. No KV, no JetStream API, no control.
 */
export function crmRole(types: readonly AgentTypeDefinition[]): BrokerRole {
  return role(BrokerUsers.crm, "crm: publishes tasks and outcomes, subscribes to results, task lifecycle events and reply reactions, nothing else", {
    publish: [...taskSubjects(types), Subjects.leadOutcome],
    subscribe: [...types.map((t) => t.resultSubject), Subjects.taskFailed, Subjects.taskStarted, Subjects.taskRetrying, Subjects.taskCancelled, Subjects.leadOutcomeRefused, `${REACTION_SUBJECT_PREFIX}.>`],
    allowResponses: false,
  });
}

/** The CRM of one tenant: publishes its tasks and hears its results under `tenant.<tenant>.`, nothing else. */
export function tenantCrmRole(tenant: string, types: readonly AgentTypeDefinition[]): BrokerRole {
  tenantSubject(tenant, "x"); // validates the id
  return role(`crm-${tenant}`, `crm-${tenant}: tenant ${tenant}'s CRM — publishes tenant.${tenant}.<task subject> and tenant.${tenant}.lead.outcome, hears tenant.${tenant}.<result subject> and tenant.${tenant}.task.failed`, {
    publish: tenantPublishSubjects(tenant, types),
    subscribe: tenantResultSubjects(tenant, types),
    allowResponses: false,
  });
}

/** Every role: gateway, one per agent type, metrics, and the bare-subject crm or one crm per tenant. */
export function brokerRoles(types: readonly AgentTypeDefinition[], o: BrokerRoleOptions = {}): BrokerRole[] {
  const tenants = [...new Set(o.tenants ?? [])];
  const crms = tenants.length > 0 ? tenants.map((t) => tenantCrmRole(t, types)) : [crmRole(types)];
  const roles = [gatewayRole(types), ...types.map((t) => agentRole(t, o)), metricsRole(), ...crms];
  const envs = new Map<string, string>();
  for (const r of roles) {
    const other = envs.get(r.passwordEnv);
    if (other) throw new TypeError(`broker users ${other} and ${r.user} would share the password variable ${r.passwordEnv}`);
    envs.set(r.passwordEnv, r.user);
  }
  return roles;
}

const q = (s: string) => JSON.stringify(s);

/**
 * The `authorization { users = [...] }` block of a nats-server configuration. `password(role)`
 * gives what follows `password:`: a variable (`$GATEWAY_NATS_PASSWORD`, resolved from the server's
 * environment; the server refuses to start when it is unset) or a quoted literal.
 */
export function renderAuthConfig(roles: readonly BrokerRole[], password: (r: BrokerRole) => string = (r) => `$${r.passwordEnv}`, header: readonly string[] = []): string {
  const lines: string[] = [...header.map((h) => `# ${h}`)];
  lines.push("authorization {", "  users = [");
  for (const r of roles) {
    lines.push(`    # ${r.description}`, "    {", `      user: ${q(r.user)}`, `      password: ${password(r)}`, "      permissions: {");
    lines.push("        publish: {", "          allow: [");
    for (const s of r.permissions.publish) lines.push(`            ${q(s)}`);
    lines.push("          ]", "        }");
    lines.push("        subscribe: {", "          allow: [");
    for (const s of r.permissions.subscribe) lines.push(`            ${q(s)}`);
    lines.push("          ]", "        }");
    if (r.permissions.allowResponses) lines.push("        allow_responses: true");
    lines.push("      }", "    }");
  }
  lines.push("  ]", "}", "");
  return lines.join("\n");
}

