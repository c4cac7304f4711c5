import {
  EmailClassificationResult,
  EmailClassifyEvent,
  type EmailClassificationAnswer,
  type EmailClassificationResult as Result,
  type EmailClassifyEvent as Event,
  type EmailFindings,
} from "@gardenos/contracts";
import { builtinOutput, createLlmHandler, startAgentServiceWithLlm, type LlmChain } from "@gardenos/llm";
import type { AgentHandler, AgentService, Logger } from "@gardenos/runtime";
import type { EmailClassifier } from "./classifier.js";
import { defaultClassifier } from "./default-model.js";
import { emailClassificationAnswerSchema, emailClassificationPrompt } from "./prompt.js";
import { classifyBuiltin, completeResult } from "./reply.js";
import { loadRouting, type RoutingConfig } from "./routing.js";

export { EmailClassifier, modelText, bareSubject, type Classification, type TextModel } from "./classifier.js";
export { NaiveBayes, type NaiveBayesData } from "./model/naive-bayes.js";
export { LinearModel, trainLinear, DEFAULT_TRAINING, type LinearModelData, type LinearTrainingOptions } from "./model/linear.js";
export { featurize } from "./model/features.js";
export { CombinedModel, trainCombined, NB_SCALE, type CombinedModelData } from "./model/combined.js";
export { tokenize } from "./model/tokens.js";
export { prepareText, htmlToText, type PreparedText } from "./text/prepare.js";
export { findings, meetingTimes, returnDate, colleague, objectionFindings, bouncedAddress, isoWithOffset } from "./extract.js";
export { DEFAULT_ROUTES, loadRouting, routeFor, RoutingConfigSchema, type RoutingConfig, type RouteRule } from "./routing.js";
export { classifyBuiltin, completeResult } from "./reply.js";
export { defaultClassifier, readShippedModel } from "./default-model.js";
export { emailClassificationPrompt, emailForPrompt, EMAIL_CLASSIFICATION_SYSTEM_PROMPT } from "./prompt.js";

export const BUILTIN_MODEL = "builtin-classifier";

/** The built-in e-mail classifier: rules and the shipped model, no network. */
export function builtinEmailClassification(routing: RoutingConfig, classifier: EmailClassifier = defaultClassifier()): AgentHandler<Event, Result> {
  return {
    type: "email_classification",
    eventSchema: EmailClassifyEvent,
    resultSchema: EmailClassificationResult,
    async process(event) {
      return builtinOutput(classifyBuiltin(classifier, routing, event), BUILTIN_MODEL);
    },
    status: () => ({ mode: "builtin", providers: [] }),
  };
}

/** Only what the e-mail's own text contains: an address the model names must be in it. */
function checkedFindings(found: EmailFindings | undefined, text: string): EmailFindings {
  if (!found) return {};
  const lower = text.toLowerCase();
  const inText = (a: string | undefined) => (a && lower.includes(a.toLowerCase()) ? a : undefined);
  const colleagueEmail = inText(found.colleague?.email);
  const colleague = found.colleague && (found.colleague.name || colleagueEmail) ? { ...(found.colleague.name ? { name: found.colleague.name } : {}), ...(colleagueEmail ? { email: colleagueEmail } : {}) } : undefined;
  const bounced = inText(found.bounced_address);
  return {
    ...(found.meeting_times?.length ? { meeting_times: found.meeting_times } : {}),
    ...(found.return_date ? { return_date: found.return_date } : {}),
    ...(colleague ? { colleague } : {}),
    ...(found.competitor ? { competitor: found.competitor } : {}),
    ...(found.price ? { price: found.price } : {}),
    ...(bounced ? { bounced_address: bounced } : {}),
  };
}

/**
 * A model's answer as a result. The rules that must never be overruled stay in force: an
 * unsubscribe request or a mail system's bounce found by the built-in rules decides the category
 * whatever the model said. What the e-mail names is read by the built-in extraction first; the
 * model's findings fill only the gaps. Route and action come from the routing rules.
 */
export function completeFromAnswer(answer: EmailClassificationAnswer, event: Event, classifier: EmailClassifier, routing: RoutingConfig): Result {
  const builtin = classifier.classify(event.email);
  const forced = builtin.category === "unsubscribe" || builtin.category === "bounce";
  const category = forced ? builtin.category : answer.category;
  const ours = completeResult(event, { ...builtin, category }, routing);
  const theirs = forced ? {} : checkedFindings(answer.found, `${event.email.body}`);
  return {
    ...ours,
    confidence: forced ? builtin.confidence : answer.confidence,
    sentiment: forced ? ours.sentiment : answer.sentiment,
    urgency: forced ? ours.urgency : answer.urgency,
    found: { ...theirs, ...ours.found },
    signals: forced ? [...builtin.signals, "overrode the model"] : ["model answer"],
  };
}

/** The LLM e-mail classifier: the provider chain, then the built-in classifier (degraded). */
export function llmEmailClassification(chain: LlmChain, o: { timeoutSeconds: number; maxAttempts: number; fallback?: "builtin" | "none" }, routing: RoutingConfig, classifier: EmailClassifier = defaultClassifier()): AgentHandler<Event, Result> {
  return createLlmHandler({
    type: "email_classification",
    eventSchema: EmailClassifyEvent,
    resultSchema: EmailClassificationResult,
    chain,
    prompt: (event) => emailClassificationPrompt(event),
    answerSchema: () => emailClassificationAnswerSchema(),
    complete: (answer: EmailClassificationAnswer, event: Event): Result => completeFromAnswer(answer, event, classifier, routing),
    builtin: (event) => classifyBuiltin(classifier, routing, event),
    builtinModel: BUILTIN_MODEL,
    timeoutSeconds: o.timeoutSeconds,
    maxAttempts: o.maxAttempts,
    ...(o.fallback ? { fallback: o.fallback } : {}),
  });
}

/**
 * Starts the e-mail classification service (config from `env`): LLM agents when a provider is
 * configured (DEEPINFRA_API_KEY, LLM_BASE_URL or LLM_PROVIDERS), else the built-in classifier;
 * routing rules from EMAIL_ROUTES / EMAIL_ROUTES_FILE.
 */
export async function startEmailClassification(env: NodeJS.ProcessEnv = process.env, logger?: Logger): Promise<AgentService<Event, Result>> {
  const routing = loadRouting(env);
  return startAgentServiceWithLlm(
    {
      builtin: builtinEmailClassification(routing),
      llm: (chain, settings) => llmEmailClassification(chain, settings, routing),
    },
    env,
    logger,
  );
}
