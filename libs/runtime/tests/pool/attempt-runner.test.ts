import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { LeadAnalyzeEvent } from "@gardenos/contracts";
import { TransientError, isTransient } from "../../src/errors.js";
import { AttemptRunner } from "../../src/pool/attempt-runner.js";
import type { AgentContext, AgentOutput } from "../../src/pool/types.js";
import { fakeAttempt, fakeMsg, lead, type Journal } from "./fakes.js";

const Result = z.object({ score: z.number().int() });
type Result = z.infer<typeof Result>;
const event: LeadAnalyzeEvent = { task_id: "t-1", lead };
const output = (result: unknown): AgentOutput<Result> => ({ result: result as Result, model: "m", provider: "p", degraded: false, usage: { prompt_tokens: 0, completion_tokens: 0 }, costUsd: 0 });

function runner(process: (e: LeadAnalyzeEvent, ctx: AgentContext) => Promise<AgentOutput<Result>>, o: { timeoutSeconds?: number; hardStop?: AbortController } = {}) {
  const hardStop = o.hardStop ?? new AbortController();
  return new AttemptRunner<LeadAnalyzeEvent, Result>({ handler: { process, resultSchema: Result }, timeoutSeconds: o.timeoutSeconds ?? 10, hardStop: () => hardStop.signal });
}

afterEach(() => vi.useRealTimers());

describe("attempt runner", () => {
  it("aborts the handler's signal and fails the attempt (retryable) when the deadline passes", async () => {
    let seen: AbortSignal | undefined;
    const r = runner((_e, ctx) => {
      seen = ctx.signal;
      return new Promise(() => undefined); // never settles on its own
    }, { timeoutSeconds: 0.05 });
    const a = fakeAttempt<LeadAnalyzeEvent, Result>(fakeMsg([]), { event });
    const err = await r.run(a).then(() => undefined, (e: unknown) => e);
    expect(isTransient(err)).toBe(true);
    expect((err as Error).message).toBe("timed out after 0.05 s");
    expect(seen?.aborted).toBe(true);
    expect(a.keepAlive).toBeUndefined();
    expect(a.result).toBeUndefined();
  });

  it("aborts a running attempt when the pool stops hard", async () => {
    const hardStop = new AbortController();
    const r = runner(() => new Promise(() => undefined), { hardStop });
    const running = r.run(fakeAttempt<LeadAnalyzeEvent, Result>(fakeMsg([]), { event }));
    hardStop.abort();
    const err = await running.then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(TransientError);
    expect((err as Error).message).toBe("shutting down");
  });

  it("gives the handler the task id, agent id, attempt and event", async () => {
    const process = vi.fn(async () => output({ score: 3 }));
    const a = fakeAttempt<LeadAnalyzeEvent, Result>(fakeMsg([], { attempt: 2 }), { event });
    await runner(process).run(a);
    clearInterval(a.keepAlive);
    expect(process).toHaveBeenCalledWith(event, expect.objectContaining({ taskId: "t-1", agentId: "lead-analysis-0", attempt: 2 }));
  });

  it("keeps the result as the schema parsed it, and the keep-alive running until it is acked", async () => {
    vi.useFakeTimers();
    const journal: Journal = [];
    const a = fakeAttempt<LeadAnalyzeEvent, Result>(fakeMsg(journal), { event });
    // ack wait for a 10 s timeout is 20 s: working() every 6.67 s.
    const r = runner(() => new Promise((resolve) => setTimeout(() => resolve(output({ score: 7, extra: "dropped" })), 7000)));
    const running = r.run(a);
    await vi.advanceTimersByTimeAsync(7000);
    await running;
    expect(journal).toEqual(["working"]);
    expect(a.result).toEqual({ score: 7 });
    expect(a.output?.model).toBe("m");
    await vi.advanceTimersByTimeAsync(7000);
    expect(journal).toEqual(["working", "working"]);
    clearInterval(a.keepAlive);
  });

  it("fails the attempt (retryable) when the result does not follow the result schema", async () => {
    const a = fakeAttempt<LeadAnalyzeEvent, Result>(fakeMsg([]), { event });
    const err = await runner(async () => output({ score: "high" }))
      .run(a)
      .then(() => undefined, (e: unknown) => e);
    expect(isTransient(err)).toBe(true);
    expect((err as Error).message).toMatch(/^agent produced an invalid result: result\.score/);
    expect(a.keepAlive).toBeUndefined();
  });
});
