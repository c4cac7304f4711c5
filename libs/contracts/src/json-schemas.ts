import { z } from "zod";
import * as C from "./control.js";
import * as E from "./events.js";
import { LeadSchema } from "./lead.js";

/** Every contract as JSON Schema (draft 2020-12), keyed by file name. Generated, never edited by hand. */
export function jsonSchemas(): Record<string, unknown> {
  const input = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any" });
  const output = (s: z.ZodType) => z.toJSONSchema(s, { io: "output", unrepresentable: "any" });
  return {
    "lead.json": input(LeadSchema),
    "http.analyze-lead.request.json": input(E.AnalyzeLeadBody),
    "http.generate-follow-up.request.json": input(E.GenerateFollowUpBody),
    "lead.analyze.json": input(E.LeadAnalyzeEvent),
    "followup.generate.json": input(E.FollowUpGenerateEvent),
    "lead.analyzed.json": output(E.LeadAnalyzedEvent),
    "followup.generated.json": output(E.FollowUpGeneratedEvent),
    "task.failed.json": output(E.TaskFailedEvent),
    "task.started.json": output(E.TaskStartedEvent),
    "task.retrying.json": output(E.TaskRetryingEvent),
    "agent.heartbeat.json": output(E.AgentHeartbeat),
    "metrics.status.json": output(C.ClusterStatus),
    "metrics.queues.json": output(C.QueuesDebug),
    "replica.presence.json": output(C.ReplicaPresence),
    "http.scale-agents.request.json": input(C.ScaleAgentsBody),
    "http.restart.request.json": input(C.RestartBody),
  };
}

/** File text as written to `libs/contracts/schemas/`. */
export function schemaFileText(schema: unknown): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
