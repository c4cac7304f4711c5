import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { providersEnv, startFakeLlm, type FakeLlm } from "./helpers/fake-llm.js";
import { watchHeartbeats } from "./helpers/heartbeats.js";
import { postJson, sampleLead, startStack, waitForTask, type TestStack } from "./helpers/stack.js";

describe("429 and Retry-After: back off, lose nothing, recover", () => {
  let provider: FakeLlm;
  let stack: TestStack;
  let beats: Awaited<ReturnType<typeof watchHeartbeats>>;

  beforeAll(async () => {
    provider = await startFakeLlm();
    stack = await startStack({
      env: {
        LLM_PROVIDERS: providersEnv([{ name: "limited", fake: provider, maxConcurrency: 4 }]),
        LEAD_ANALYSIS_AGENTS: "8",
        // Room for the 1 s Retry-After pause plus queueing behind the halved limit on a busy CI machine.
        LEAD_ANALYSIS_TIMEOUT: "4",
        LLM_BREAKER_VOLUME: "2",
      },
    });
    beats = await watchHeartbeats(stack.nats.url);
  });
  afterAll(async () => {
    await beats?.close();
    await stack?.stop();
    await provider?.close();
  });
  beforeEach(() => provider.reset());

  async function submitMany(prefix: string, n: number) {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const r = await postJson(`${stack.url}/ai/analyze-lead`, { lead: { ...sampleLead, id: `${prefix}-${i}` } });
      expect(r.status).toBe(202);
      ids.push(r.json.task_id);
    }
    return Promise.all(ids.map((id) => waitForTask(stack.url, id, 30_000)));
  }

  it("keeps at most maxConcurrency calls in flight however many agents run", async () => {
    provider.setDefault({ kind: "ok", delayMs: 150 });
    const tasks = await submitMany("rl-conc", 16);
    expect(tasks.every((t) => t.status === "completed" && t.provider === "limited" && !t.degraded)).toBe(true);
    expect(provider.maxInFlight).toBeLessThanOrEqual(4);
    expect(provider.maxInFlight).toBeGreaterThanOrEqual(2);
  });

  it("on 429 halves the limit, pauses for Retry-After, loses no task, and grows back; 429s are not outages", async () => {
    provider.setDefault({ kind: "ok", delayMs: 50 });
    provider.queue({ kind: "rate_limit", retryAfterSeconds: 1 });
    const sawHalved = beats.waitFor("lead_analysis", (h) => h.providers[0].concurrency_limit === 2 && h.providers[0].paused_ms > 0, 15_000);
    const tasks = await submitMany("rl-429", 12);
    expect(tasks.map((t) => [t.status, t.provider, t.degraded])).toEqual(tasks.map(() => ["completed", "limited", false]));
    await sawHalved;
    // No call started during the pause the provider asked for.
    const chats = provider.chats();
    const limitedAt = chats[0]!.at;
    const duringPause = chats.filter((r) => r.at > limitedAt + 50 && r.at < limitedAt + 900);
    expect(duringPause).toEqual([]);
    // The limit recovers with successes, and the breaker never counted the 429.
    const h = await beats.waitFor("lead_analysis", (s) => s.providers[0].concurrency_limit >= 3);
    expect(h.providers[0]).toMatchObject({ breaker: "closed", failures: 0 });
    expect(h.providers[0].rate_limited).toBeGreaterThanOrEqual(1);
  });

  it("a Retry-After longer than the task timeout: the task is retried later through redelivery, not degraded", async () => {
    provider.setDefault({ kind: "ok" });
    provider.queue({ kind: "rate_limit", retryAfterSeconds: 6 });
    const [task] = await submitMany("rl-long", 1);
    expect(task).toMatchObject({ status: "completed", provider: "limited", degraded: false, attempts: 2 });
    const chats = provider.chats();
    expect(chats).toHaveLength(2);
    expect(chats[1]!.at - chats[0]!.at).toBeGreaterThanOrEqual(5900);
  });
});
