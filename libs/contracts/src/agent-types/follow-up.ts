import { z } from "zod";
import { LeadSchema } from "../lead.js";
import { ContextSchema } from "../task-fields.js";
import { defineAgentType } from "./define.js";

export const FollowUpResult = z
  .object({
    subject: z.string().min(1).max(300),
    body: z.string().min(1).max(10_000),
    full_message: z.string().min(1).max(12_000),
  })
  .describe("An e-mail ready to send");

/** Follow-up: a personalised e-mail, with the lead's earlier interactions as memory. */
export const followUp = defineAgentType({
  type: "follow_up",
  service: "follow-up",
  description: "write a follow-up e-mail",
  subject: "followup.generate",
  resultSubject: "followup.generated",
  input: {
    lead: LeadSchema,
    context: ContextSchema.optional().describe("What happened last, e.g. \"Demo completed\""),
  },
  result: FollowUpResult,
  http: { path: "/ai/generate-follow-up", summary: "Queue a follow-up e-mail" },
  agents: { default: 2, max: 5 },
  timeoutSeconds: 20,
  taskIdPrefix: "followup",
  history: true,
});

export type FollowUpResult = z.infer<typeof FollowUpResult>;
