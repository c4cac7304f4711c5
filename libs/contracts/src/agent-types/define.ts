import { z } from "zod";
import { LeadSchema, type Lead } from "../lead.js";
import { PRIORITY } from "../names.js";
import { EventVersionSchema, IdempotencyKeySchema, InteractionSummarySchema, PrioritySchema, TaskIdSchema, TimestampSchema, resultEventBase, taskStartedBase } from "../task-fields.js";

/**
 * What an agent type is, as data: the one place that names its subjects, its input and result,
 * its HTTP route, its pool bounds and their environment variables. Everything that lists agent
 * types (gateway routes and OpenAPI, recorder, metrics, dead-letter replay, CLI, local stack,
 * deploy manifests) is derived from these definitions.
 */
export interface AgentTypeSpec<I extends z.ZodRawShape, R extends z.ZodType> {
  /** snake_case id: `agent_type` in request bodies, metric labels, `queue_sizes` keys. */
  readonly type: string;
  /** kebab-case service name: consumer names, agent id prefix, deploy manifests. */
  readonly service: string;
  /** One line for the README, OpenAPI and `gardenos types`. */
  readonly description: string;
  /** Task subject of the normal band; the bands are `<subject>.high` and `<subject>.low`. */
  readonly subject: string;
  /** Subject of the result event on the RESULTS stream. */
  readonly resultSubject: string;
  /** The task's input fields (any zod shape; a lead-based type reuses `LeadSchema` as `lead`). */
  readonly input: I;
  /** What the agent produces (`result` in the result event). */
  readonly result: R;
  /**
   * `POST <path>` takes the input fields plus `priority` and `idempotency_key`. `bodyLimit`: the
   * route's largest request body in bytes, when it differs from the gateway's `BODY_LIMIT`.
   */
  readonly http: { readonly path: string; readonly summary: string; readonly bodyLimit?: number };
  /** Agents per process at start and their upper bound. */
  readonly agents: { readonly default: number; readonly max: number };
  /** Seconds one task may take. */
  readonly timeoutSeconds: number;
  /** Task ids are `<prefix>-<uuid>`. */
  readonly taskIdPrefix: string;
  /** Attach the lead's earlier interactions (`history`) to each task. Default false. */
  readonly history?: boolean;
  /** Environment variable stem; default the type in upper case (`FOLLOW_UP` → `FOLLOW_UP_AGENTS`). */
  readonly envPrefix?: string;
  /** The service's start module, relative to the repository (local stack); default `services/<service>/dist/main.js`. */
  readonly main?: string;
}

/** The environment variables of one agent type's pool (the seed's names for the built-ins). */
export interface AgentTypeEnv {
  readonly agents: string;
  readonly maxAgents: string;
  readonly timeout: string;
}

/** Common task fields around every type's input (TASKS stream). */
export const taskEventBase = {
  schema_version: EventVersionSchema,
  /** Optional for other publishers: without it the task id is the message's Nats-Msg-Id, else `evt-<stream seq>`. */
  task_id: TaskIdSchema.optional(),
  priority: PrioritySchema.optional(),
  created_at: TimestampSchema.optional().describe("When the task was accepted (ISO 8601 date-time with a time zone)"),
  history: z.array(InteractionSummarySchema).max(20).optional(),
};

const TYPE_ID = /^[a-z][a-z0-9_]{1,39}$/;
const SERVICE_ID = /^[a-z][a-z0-9-]{1,39}$/;
const SUBJECT = /^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)*$/;

export function defineAgentType<const I extends z.ZodRawShape, R extends z.ZodType>(spec: AgentTypeSpec<I, R>) {
  if (!TYPE_ID.test(spec.type)) throw new TypeError(`agent type "${spec.type}": type must be snake_case (a-z, 0-9, _)`);
  if (!SERVICE_ID.test(spec.service)) throw new TypeError(`agent type "${spec.type}": service must be kebab-case`);
  for (const s of [spec.subject, spec.resultSubject]) {
    if (!SUBJECT.test(s)) throw new TypeError(`agent type "${spec.type}": "${s}" is not a valid subject`);
  }
  if (!spec.http.path.startsWith("/")) throw new TypeError(`agent type "${spec.type}": http.path must start with /`);
  if (spec.agents.default > spec.agents.max) throw new TypeError(`agent type "${spec.type}": agents.default is above agents.max`);
  const stem = spec.envPrefix ?? spec.type.toUpperCase();
  const inputKeys = Object.keys(spec.input);
  const inputObject = z.object(spec.input);
  // A type whose input has both `lead` and `lead_id` (leadRefInput) takes exactly one of them.
  const leadRef = "lead" in spec.input && "lead_id" in spec.input;
  const refine = <T extends z.ZodObject>(s: T): T => (leadRef ? s.superRefine(exactlyOneLeadRef) : s);
  const taskEvent = refine(z.strictObject({ ...taskEventBase, ...spec.input })).describe(`${spec.subject}[.high|.low]: ${spec.description}`);
  const requestBody = refine(
    z.strictObject({
      ...spec.input,
      priority: PrioritySchema.default(PRIORITY.default),
      idempotency_key: IdempotencyKeySchema.optional(),
    }),
  ).describe(`POST ${spec.http.path}`);

  const resultEvent = z
    .object({ ...resultEventBase, type: z.literal(spec.type), status: z.literal("completed"), result: spec.result })
    .describe(spec.resultSubject);
  const startedEvent = z.object({ ...taskStartedBase, type: z.literal(spec.type) }).describe(`task.started of ${spec.type} (no input, no contact data)`);
  return Object.freeze({
    ...spec,
    env: Object.freeze({ agents: `${stem}_AGENTS`, maxAgents: `MAX_${stem}_AGENTS`, timeout: `${stem}_TIMEOUT` }) as AgentTypeEnv,
    main: spec.main ?? `services/${spec.service}/dist/main.js`,
    inputKeys,
    /** The input fields alone (extra fields of the surrounding event are dropped). */
    inputSchema: inputObject,
    /** The task event an agent of this type reads. */
    taskEvent,
    /** True when the input takes `lead` or `lead_id` (the gateway or the agent looks the lead up). */
    leadRef,
    /** The HTTP request body. */
    requestBody,
    /** The result event it publishes on `resultSubject`. */
    resultEvent,
    /** `task.started` for this type: the common fields and `lead_id`, without the input. */
    startedEvent,
    /** The input fields of an event or request body. */
    pickInput(source: Record<string, unknown>): Record<string, unknown> {
      const out: Record<string, unknown> = {};
      for (const k of inputKeys) if (source[k] !== undefined) out[k] = source[k];
      return out;
    },
    /** The lead an input carries (`lead` field), when the type is lead-based. */
    leadOf(input: Record<string, unknown>): Lead | undefined {
      if (!("lead" in spec.input) || input.lead === undefined) return undefined;
      const r = LeadSchema.safeParse(input.lead);
      return r.success ? r.data : undefined;
    },
    /** The CRM's lead id behind an input: `lead.id`, else a `lead_id` input field. */
    leadIdOf(input: Record<string, unknown>): string | undefined {
      const lead = input.lead as { id?: unknown } | undefined;
      if (lead && typeof lead.id === "string" && lead.id) return lead.id;
      return typeof input.lead_id === "string" && input.lead_id ? input.lead_id : undefined;
    },
  });
}

/** `lead` xor `lead_id`: neither names both fields; both names `lead_id`. */
function exactlyOneLeadRef(v: { lead?: unknown; lead_id?: unknown }, ctx: z.RefinementCtx): void {
  if (v.lead === undefined && v.lead_id === undefined) {
    ctx.addIssue({ code: "custom", path: ["lead"], message: "give either lead (the lead itself) or lead_id (the CRM's id, looked up in LEAD_SOURCE_URL)" });
  } else if (v.lead !== undefined && v.lead_id !== undefined) {
    ctx.addIssue({ code: "custom", path: ["lead_id"], message: "give either lead or lead_id, not both" });
  }
}

/** A registered agent type: its spec and the schemas and names derived from it. */
export type AgentTypeDefinition = ReturnType<typeof defineAgentType<z.ZodRawShape, z.ZodType>>;
