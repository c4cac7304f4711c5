import { contactName, type FollowUpDraft, type FollowUpGenerateEvent, type FollowUpResult, type Lead, type VariantAssignment } from "@gardenos/contracts";
import type { Prompt } from "@gardenos/llm";
import type { AgentHandler } from "@gardenos/runtime";

/**
 * The A/B variant hook: the gateway puts a lead's experiment variant on its follow-up task
 * (`variant`); the writers apply it and every result says which one it was written with
 * (`experiment`, `variant`). The writers themselves know nothing of experiments.
 */

const oneLine = (s: string) => s.replace(/[\r\n\u2028\u2029]+/g, " ").replace(/\s+/g, " ").trim();

/** `{first_name}` and `{company}` in a variant's subject, from the lead (empty when unknown). */
export function fillVariantText(text: string, lead: Lead): string {
  const first = lead.contact?.first_name ?? contactName(lead)?.split(/\s+/)[0] ?? "";
  return oneLine(text.replaceAll("{first_name}", first).replaceAll("{company}", lead.company?.name ?? "")).replace(/\s+([,.!?])/g, "$1");
}

/** Built-in writer: the variant's subject instead of the template's, its instructions as a closing P.S. line. */
export function applyVariantToDraft<D extends FollowUpDraft>(draft: D, variant: VariantAssignment | undefined, lead: Lead): D {
  if (!variant || (!variant.subject && !variant.instructions)) return draft;
  const subject = variant.subject ? fillVariantText(variant.subject, lead).slice(0, 300) || draft.subject : draft.subject;
  const body = variant.instructions ? `${draft.body}\n\nP.S. ${variant.instructions}`.slice(0, 10_000) : draft.body;
  // Everything else the writer said (language, stage …) stays as it was.
  return { ...draft, subject, body, full_message: `Subject: ${subject}\n\n${body}`.slice(0, 12_000) };
}

/** LLM writer: the variant's subject and instructions as one more paragraph of the user message (our instructions, outside the lead's data). */
export function applyVariantToPrompt(prompt: Prompt, variant: VariantAssignment | undefined): Prompt {
  if (!variant || (!variant.subject && !variant.instructions)) return prompt;
  const lines = [`This e-mail is variant "${variant.variant}" of an A/B test of the sales team.`];
  if (variant.subject) lines.push(`Use this subject line (fill in the lead's first name for {first_name} and company for {company}): ${oneLine(variant.subject)}`);
  if (variant.instructions) lines.push(`Follow this instruction for the e-mail: ${oneLine(variant.instructions)}`);
  return { system: prompt.system, user: `${lines.join("\n")}\n\n${prompt.user}` };
}

/** Stamps `experiment` and `variant` on every result of a task that carries a variant (after the output policy). */
export function withVariantTag(handler: AgentHandler<FollowUpGenerateEvent, FollowUpResult>): AgentHandler<FollowUpGenerateEvent, FollowUpResult> {
  return {
    ...handler,
    async process(event, ctx) {
      const out = await handler.process(event, ctx);
      if (!event.variant) return out;
      return { ...out, result: { ...out.result, experiment: event.variant.experiment, variant: event.variant.variant } };
    },
  };
}
