import { describe, expect, it } from "vitest";
import { ConfigError, agentConfigSchema, loadConfig, BaseConfigSchema } from "../src/index.js";

describe("configuration from the environment", () => {
  it("applies documented defaults and freezes the result", () => {
    const cfg = loadConfig(BaseConfigSchema, {});
    expect(cfg.NATS_URL).toBe("nats://127.0.0.1:4222");
    expect(cfg.TASK_MAX_RETRIES).toBe(3);
    expect(Object.isFrozen(cfg)).toBe(true);
  });

  it("rejects bad values naming each variable", () => {
    let err: unknown;
    try {
      loadConfig(BaseConfigSchema, { STREAM_REPLICAS: "7", HEARTBEAT_INTERVAL: "soon", LOG_LEVEL: "loud" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    expect(msg).toContain("STREAM_REPLICAS: must be at most 5");
    expect(msg).toContain("HEARTBEAT_INTERVAL: must be a number");
    expect(msg).toContain("LOG_LEVEL");
  });

  it("bounds the pool by the seed's MAX_*_AGENTS", () => {
    const ok = loadConfig(agentConfigSchema("lead_analysis"), {}) as Record<string, unknown>;
    expect(ok).toMatchObject({ LEAD_ANALYSIS_AGENTS: 4, MAX_LEAD_ANALYSIS_AGENTS: 10, LEAD_ANALYSIS_TIMEOUT: 30 });
    expect(() => loadConfig(agentConfigSchema("follow_up"), { FOLLOW_UP_AGENTS: "8" })).toThrow("FOLLOW_UP_AGENTS: must be at most MAX_FOLLOW_UP_AGENTS (5)");
  });
});
