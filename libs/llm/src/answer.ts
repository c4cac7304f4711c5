import type { z } from "zod";
import { InvalidAnswerError } from "./errors.js";

/** Most characters of a bad answer quoted back to the model in the repair message. */
const QUOTE_MAX = 4000;

/**
 * Reads a model's answer as the contract's result: JSON (bare, or in one ``` fence), then the
 * schema. Throws InvalidAnswerError listing every problem; never returns an unvalidated value.
 */
export function parseAnswer<R>(content: string, finishReason: string | null, schema: z.ZodType<R>): R {
  if (finishReason === "length") {
    throw new InvalidAnswerError("the answer was cut off (finish_reason: length)", [
      "Your answer was cut off because it was too long. Answer again, shorter, with the complete JSON object.",
    ]);
  }
  const text = unfence(content.trim());
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InvalidAnswerError("the answer is not JSON", ["The answer must be one JSON object and nothing else."], e instanceof Error ? e.message : String(e));
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new InvalidAnswerError("the answer is not a JSON object", ["The answer must be one JSON object (not an array or a plain value)."]);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.length ? i.path.join(".") : "(object)"}: ${i.message}`);
    // The message names the fields only: zod's messages may quote the (lead-derived) values.
    const fields = [...new Set(parsed.error.issues.map((i) => (i.path.length ? i.path.join(".") : "(object)")))];
    throw new InvalidAnswerError(`the answer breaks the result schema (${fields.join(", ")})`, problems, problems.join("; "));
  }
  return parsed.data;
}

function unfence(s: string): string {
  const m = /^```[a-zA-Z]*\s*\n([\s\S]*?)\n?```$/.exec(s);
  return m?.[1] ?? s;
}

/** The follow-up message that asks the model to fix its answer. */
export function repairMessage(badAnswer: string, error: InvalidAnswerError): string {
  const quoted = badAnswer.length > QUOTE_MAX ? `${badAnswer.slice(0, QUOTE_MAX)}…` : badAnswer;
  return [
    "Your previous answer could not be used:",
    ...error.problems.map((p) => `- ${p}`),
    "",
    `Previous answer (for reference):\n${quoted || "(empty)"}`,
    "",
    "Answer again with only the corrected JSON object, with exactly the required fields and value ranges.",
  ].join("\n");
}
