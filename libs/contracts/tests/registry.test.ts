import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  AgentTypeRegistry,
  BUILTIN_AGENT_TYPES,
  FollowUpGenerateEvent,
  LeadAnalyzeEvent,
  agentTypes,
  defineAgentType,
  followUp,
  parseResultEvent,
  toIssues,
} from "../src/index.js";

const echo = defineAgentType({
  type: "echo_text",
  service: "echo-text",
  description: "repeat a text",
  subject: "echo.text",
  resultSubject: "echo.texted",
  input: { text: z.string().min(1, "must not be empty") },
  result: z.object({ text: z.string() }),
  http: { path: "/ai/echo", summary: "Echo" },
  agents: { default: 1, max: 3 },
  timeoutSeconds: 5,
  taskIdPrefix: "echo",
});

describe("defineAgentType", () => {
  it("derives the seed's env names, the request body and the task event from one definition", () => {
    expect(followUp.env).toEqual({ agents: "FOLLOW_UP_AGENTS", maxAgents: "MAX_FOLLOW_UP_AGENTS", timeout: "FOLLOW_UP_TIMEOUT" });
    expect(echo.env.maxAgents).toBe("MAX_ECHO_TEXT_AGENTS");
    expect(echo.main).toBe("services/echo-text/dist/main.js");
    expect(echo.requestBody.parse({ text: "hi" })).toEqual({ text: "hi", priority: 5 });
    const bad = echo.taskEvent.safeParse({ text: "", lead: {} });
    expect(toIssues(bad.error!).map((i) => i.path).sort()).toEqual(["lead", "text"]);
  });

  it("refuses names that cannot be subjects or env stems", () => {
    const base = { description: "x", input: {}, result: z.object({}), http: { path: "/ai/x", summary: "x" }, agents: { default: 1, max: 1 }, timeoutSeconds: 1, taskIdPrefix: "x" };
    expect(() => defineAgentType({ ...base, type: "Bad-Type", service: "bad", subject: "a.b", resultSubject: "a.c" })).toThrow(/snake_case/);
    expect(() => defineAgentType({ ...base, type: "ok_type", service: "ok", subject: "a.*", resultSubject: "a.c" })).toThrow(/not a valid subject/);
    expect(() => defineAgentType({ ...base, type: "ok_type", service: "ok", subject: "a.b", resultSubject: "a.c", agents: { default: 5, max: 2 } })).toThrow(/agents.default/);
  });

  it("finds the lead id in a lead or in a lead_id field", () => {
    expect(followUp.leadIdOf({ lead: { id: "crm-1" } })).toBe("crm-1");
    expect(echo.leadIdOf({ text: "x", lead_id: "crm-2" })).toBe("crm-2");
    expect(echo.leadOf({ text: "x" })).toBeUndefined();
  });
});

describe("the registry", () => {
  it("holds the built-in types in order and refuses a type that clashes with one", () => {
    const r = new AgentTypeRegistry(BUILTIN_AGENT_TYPES);
    expect(r.names()).toEqual(["lead_analysis", "follow_up", "email_classification"]);
    expect(() => r.register({ ...echo, type: "other", subject: "lead.analyze" } as typeof echo)).toThrow(/same subject as "lead_analysis"/);
    r.register(echo);
    expect(r.register(echo)).toBe(echo);
    expect(r.parseTaskSubject("echo.text.high")).toEqual({ type: "echo_text", band: "high" });
    expect(r.parseTaskSubject("echo.texted")).toBeUndefined();
  });
});

describe("event versions", () => {
  it("reads an event without schema_version as version 1 and refuses a version it does not know", () => {
    expect(LeadAnalyzeEvent.parse({ lead: { id: "x" } }).schema_version).toBe(1);
    const r = LeadAnalyzeEvent.safeParse({ schema_version: 2, lead: { id: "x" } });
    expect(toIssues(r.error!)).toEqual([{ path: "schema_version", message: "unsupported schema version; this release reads 1" }]);
  });
});

describe("parseResultEvent", () => {
  const base = { task_id: "t1", agent_id: "a", model: "m", provider: "p", degraded: false, usage: { prompt_tokens: 1, completion_tokens: 2 }, cost_usd: 0, latency_ms: 3, attempts: 1, started_at: "2026-11-25T10:00:00.000Z", completed_at: "2026-11-25T10:00:01.000Z" };
  it("reads results by their type's subject, task.started without any input (an older agent's lead is dropped), and ignores other subjects", () => {
    const done = parseResultEvent("followup.generated", { ...base, type: "follow_up", status: "completed", result: { subject: "S", body: "B", full_message: "F" } });
    expect(done).toMatchObject({ kind: "completed", def: { type: "follow_up" }, event: { schema_version: 1, result: { subject: "S" } } });
    const started = parseResultEvent("task.started", { task_id: "t1", type: "follow_up", agent_id: "a", attempt: 1, started_at: "2026-11-25T10:00:00.000Z", subject: "followup.generate", priority: 5, lead: { id: "L" }, context: "c" });
    expect(started).toMatchObject({ kind: "started", event: { task_id: "t1" } });
    expect(started?.event).not.toHaveProperty("lead");
    expect(started?.event).not.toHaveProperty("context");
    expect(parseResultEvent("something.else", {})).toBeUndefined();
    expect(() => parseResultEvent("lead.analyzed", { ...base, type: "lead_analysis", status: "completed", result: {} })).toThrow();
    expect(agentTypes.names()).toEqual(["lead_analysis", "follow_up", "email_classification"]);
  });
});

describe("event field bounds", () => {
  const started = { task_id: "t1", type: "lead_analysis", agent_id: "a", attempt: 1, started_at: "2026-11-25T10:00:00.000Z", subject: "lead.analyze", priority: 5, lead: { id: "L" } };

  it("refuses a timestamp that is not an ISO 8601 date-time with a time zone", () => {
    for (const bad of ["x", "", "2026-11-25", "2026-11-25T10:00:00", "2026-02-30T10:00:00Z", "0000-01-01T00:00:00Z", "2026-11-25T25:00:00Z"]) {
      expect(() => parseResultEvent("task.started", { ...started, created_at: bad }), bad).toThrow(/created_at|date-time/);
      expect(() => parseResultEvent("task.started", { ...started, started_at: bad }), bad).toThrow();
    }
    for (const good of ["2026-11-25T10:00:00Z", "2026-11-25T10:00:00.123Z", "2026-11-25T11:00:00+01:00"]) {
      expect(parseResultEvent("task.started", { ...started, created_at: good })?.kind).toBe("started");
    }
    expect(() => LeadAnalyzeEvent.parse({ lead: { id: "L" }, created_at: "x" })).toThrow();
    expect(() => FollowUpGenerateEvent.parse({ lead: { id: "L" }, history: [{ task_id: "t", type: "follow_up", at: "yesterday" }] })).toThrow();
  });

  it("bounds every string: ids, agent ids, subjects, history subjects, error messages", () => {
    const long = (n: number) => "a".repeat(n);
    expect(() => parseResultEvent("task.started", { ...started, task_id: long(501) })).toThrow();
    expect(() => parseResultEvent("task.started", { ...started, agent_id: long(501) })).toThrow();
    expect(() => parseResultEvent("task.started", { ...started, subject: long(1001) })).toThrow();
    expect(() => parseResultEvent("task.started", { ...started, task_id: "" })).toThrow();
    const failed = { task_id: "t1", subject: "lead.analyze", agent_id: "a", attempts: 1, failed_at: "2026-11-25T10:00:00Z", error: { code: "ERR_X", message: "m", retryable: false } };
    expect(parseResultEvent("task.failed", failed)?.kind).toBe("failed");
    expect(() => parseResultEvent("task.failed", { ...failed, error: { ...failed.error, message: long(20_001) } })).toThrow();
    expect(() => parseResultEvent("task.failed", { ...failed, error: { ...failed.error, code: long(101) } })).toThrow();
    const history = (subject: string) => ({ lead: { id: "L" }, history: [{ task_id: "t", type: "follow_up", at: "2026-11-25T10:00:00Z", subject }] });
    expect(FollowUpGenerateEvent.parse(history(long(300)))).toBeTruthy();
    expect(() => FollowUpGenerateEvent.parse(history(long(301)))).toThrow();
  });
});
