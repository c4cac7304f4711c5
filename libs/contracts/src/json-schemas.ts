import { z } from "zod";
import { BUILTIN_AGENT_TYPES, EmailClassificationAnswer, FollowUpAnswer, LeadAnalysisAnswer, type AgentTypeDefinition } from "./agent-types/index.js";
import * as C from "./control.js";
import * as E from "./events.js";
import { LeadSchema } from "./lead.js";
import * as L from "./live.js";
import * as V from "./views.js";
import * as O from "./outcomes.js";
import * as R from "./reactions.js";

const input = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any" });
const output = (s: z.ZodType) => z.toJSONSchema(s, { io: "output", unrepresentable: "any" });

/** One agent type's contracts as JSON Schema: its task event, result event and HTTP request body. */
export function agentTypeJsonSchemas(def: AgentTypeDefinition): Record<string, unknown> {
  const route = def.http.path.split("/").filter(Boolean).at(-1) ?? def.type;
  return {
    [`${def.subject}.json`]: input(def.taskEvent),
    [`${def.resultSubject}.json`]: output(def.resultEvent),
    [`http.${route}.request.json`]: input(def.requestBody),
  };
}

/** Every contract as JSON Schema (draft 2020-12), keyed by file name. Generated, never edited by hand. */
export function jsonSchemas(): Record<string, unknown> {
  return {
    "lead.json": input(LeadSchema),
    ...Object.assign({}, ...BUILTIN_AGENT_TYPES.map(agentTypeJsonSchemas)),
    "task.failed.json": output(E.TaskFailedEvent),
    "task.started.json": output(E.TaskStartedEvent),
    "task.retrying.json": output(E.TaskRetryingEvent),
    "task.cancelled.json": output(E.TaskCancelledEvent),
    "live.event.json": output(L.LiveEvent),
    "agent.heartbeat.json": output(E.AgentHeartbeat),
    "metrics.status.json": output(C.ClusterStatus),
    "metrics.queues.json": output(C.QueuesDebug),
    "replica.presence.json": output(C.ReplicaPresence),
    "http.scale-agents.request.json": input(C.ScaleAgentsBody),
    "http.restart.request.json": input(C.RestartBody),
    "http.task.response.json": output(V.TaskView),
    "http.dead-letter.response.json": output(V.DeadLetterView),
    "http.types.response.json": output(V.AgentTypesResponse),
    "http.tasks.response.json": output(L.TaskList),
    "http.session.response.json": output(L.SessionView),
    "http.webhooks.request.json": input(L.WebhookCreateBody),
    "http.webhook.response.json": output(L.WebhookView),
    "http.webhook-delivery.response.json": output(L.DeliveryView),
    "lead.outcome.json": input(O.LeadOutcomeEvent),
    "lead.outcome.refused.json": output(E.TaskFailedEvent.describe("lead.outcome.refused: a lead.outcome event that could not be stored (the task.failed shape)")),
    "http.outcomes.request.json": input(O.OutcomesBody),
    "http.models.response.json": output(O.ModelsResponse),
    "http.models-train.request.json": input(O.TrainBody),
    "http.experiments.request.json": input(O.ExperimentBody),
    "http.experiment.response.json": output(O.ExperimentView),
    "kv.active-model.json": output(O.ActiveModelRecord),
    "email.reaction.json": output(R.EmailReactionEvent),
    "http.suppressions.request.json": input(R.SuppressionBody),
    "http.suppressions.response.json": output(R.SuppressionList),
    "http.scheduled.response.json": output(R.ScheduledTaskList),
    "kv.scheduled-task.json": output(R.ScheduledTaskRecord),
    // What a model must answer (the LLM agents validate against these; extra fields are ignored).
    "llm.lead-analysis.answer.json": input(LeadAnalysisAnswer),
    "llm.follow-up.answer.json": input(FollowUpAnswer),
    "llm.email-classification.answer.json": input(EmailClassificationAnswer),
  };
}

/** File text as written to `libs/contracts/schemas/`. */
export function schemaFileText(schema: unknown): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
