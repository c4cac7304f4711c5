import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { KvBuckets, Streams, desiredKey } from "@gardenos/contracts";
import { BaseConfigSchema, ConfigError, isPermissionViolation, loadConfig } from "@gardenos/runtime";
import { connectAs, loggedViolations, violationReported } from "./helpers/broker.js";
import { sampleLead, postJson, startStack, waitForTask, type TestStack } from "./helpers/stack.js";

/**
 * Each service's broker user can do its job — the control endpoints (KV write, restart request,
 * dead letters, queue views) included — and no more: no role publishes another's results, pulls
 * another type's tasks or writes the desired counts except the gateway.
 */
const ADMIN = "admin-key-broker-0123456789abcdef";

describe("each service's broker user, on a real nats-server", () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({ brokerAuth: true, env: { GARDENOS_ADMIN_KEYS: ADMIN, GARDENOS_ALLOW_NO_AUTH: "true" } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it("gateway: scales (KV desired count), restarts agents (request/reply), lists dead letters and queues", async () => {
    const h = { authorization: `Bearer ${ADMIN}` };
    const scale = await postJson(`${stack.url}/ai/scale-agents`, { agent_type: "follow_up", target_count: 3 }, h);
    expect(scale.status, scale.text).toBeLessThan(300);
    const restart = await postJson(`${stack.url}/ai/restart`, { agent_type: "lead_analysis" }, h);
    expect(restart.status, restart.text).toBeLessThan(300);
    for (const path of ["/ai/dead-letters", "/ai/debug/queues", "/ai/agents", "/ai/status"]) {
      const r = await fetch(`${stack.url}${path}`, { headers: h });
      expect(r.status, `${path}: ${await r.clone().text()}`).toBe(200);
    }
    const r = await postJson(`${stack.url}/ai/analyze-lead`, { lead: sampleLead, priority: 2 }, h);
    expect((await waitForTask(stack.url, r.json.task_id)).status).toBe("completed");
  });

  it("metrics is read-only: no task, no result, no KV write, no stream change", async () => {
    const { nc, violations } = await connectAs(stack.nats.url, stack.broker!, "metrics");
    try {
      for (const subject of ["lead.analyze", "lead.analyzed", `$KV.${KvBuckets.agents}.${desiredKey("lead_analysis")}`, `$JS.API.STREAM.DELETE.${Streams.tasks}`, `$JS.API.CONSUMER.MSG.NEXT.${Streams.tasks}.lead-analysis`]) {
        nc.publish(subject, "{}");
        await violationReported(nc, violations, "publish", subject);
      }
      // What it may do: read stream state.
      const jsm = await jetstreamManager(nc);
      expect((await jsm.streams.info(Streams.results)).config.name).toBe(Streams.results);
    } finally {
      await nc.close();
    }
  });

  it("an agent service touches only its own type: no other result, no other type's tasks, no desired count", async () => {
    const { nc, violations } = await connectAs(stack.nats.url, stack.broker!, "lead-analysis");
    try {
      const err = await jetstream(nc)
        .publish("followup.generated", "{}", { timeout: 3000 })
        .then(() => undefined, (e: unknown) => e);
      expect(isPermissionViolation(err), String(err)).toBe(true);
      for (const subject of [`$JS.API.CONSUMER.MSG.NEXT.${Streams.tasks}.follow-up`, `$JS.ACK.${Streams.tasks}.follow-up.1.1.1.1.1.1`, `$KV.${KvBuckets.agents}.${desiredKey("lead_analysis")}`, "gardenos.control.restart.follow_up", "lead.analyze"]) {
        nc.publish(subject, "{}");
        await violationReported(nc, violations, "publish", subject);
      }
    } finally {
      await nc.close();
    }
  });

  // The gateway may publish task.failed: it answers a bad lead.outcome there (it is not an agent's result).
  it("gateway cannot forge results nor delete streams", async () => {
    const { nc, violations } = await connectAs(stack.nats.url, stack.broker!, "gateway");
    try {
      for (const subject of ["lead.analyzed", "followup.generated", `$JS.API.STREAM.DELETE.${Streams.tasks}`, `$JS.API.STREAM.PURGE.${Streams.results}`]) {
        nc.publish(subject, "{}");
        await violationReported(nc, violations, "publish", subject);
      }
    } finally {
      await nc.close();
    }
  });

  it("the services themselves never hit a refusal", () => {
    const byServices = loggedViolations(stack.broker!.logFile).filter((l) => /User "(gateway|metrics|lead-analysis|follow-up)"/.test(l) && !/test-/.test(l));
    expect(byServices, byServices.join("\n")).toEqual([]);
  });
});

describe("NATS credentials in the config", () => {
  const dir = mkdtempSync(join(tmpdir(), "gardenos-nats-cfg-"));
  const cert = join(dir, "client.pem");
  writeFileSync(cert, "not checked here");
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig(BaseConfigSchema, env);
      return [];
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return [...(e as ConfigError).problems];
    }
  };

  it("rejects a certificate without its key, a user without a password, two methods at once, missing files", () => {
    expect(problems({ NATS_TLS_CERT: cert })).toContain("NATS_TLS_KEY: is required with NATS_TLS_CERT (the client certificate's private key)");
    expect(problems({ NATS_USER: "gateway" })).toContain("NATS_PASSWORD: is required with NATS_USER");
    expect(problems({ NATS_USER: "gateway", NATS_PASSWORD: "x", NATS_TOKEN: "t" }).join()).toContain("choose one of");
    expect(problems({ NATS_CREDS_FILE: join(dir, "missing.creds") }).join()).toContain("NATS_CREDS_FILE: no such file");
    expect(problems({ NATS_NKEY_SEED: "not-a-seed" }).join()).toContain("NATS_NKEY_SEED");
  });

  it("accepts each method alone, and never puts the secret in the error", () => {
    expect(problems({ NATS_USER: "gateway", NATS_PASSWORD: "s3cret-pass" })).toEqual([]);
    expect(problems({ NATS_TOKEN: "tok" })).toEqual([]);
    expect(problems({ NATS_TLS_CA: cert, NATS_TLS_CERT: cert, NATS_TLS_KEY: cert })).toEqual([]);
    expect(problems({ NATS_PASSWORD: "s3cret-pass", NATS_TOKEN: "tok" }).join()).not.toContain("s3cret-pass");
  });
});
