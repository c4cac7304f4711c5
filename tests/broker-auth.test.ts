import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { Kvm } from "@nats-io/kv";
import { KvBuckets, LeadAnalyzedEvent, Streams, desiredKey, restartSubject } from "@gardenos/contracts";
import { isPermissionViolation } from "@gardenos/runtime";
import { connectAs, loggedViolations, violationReported, type Violation } from "./helpers/broker.js";
import { postJson, sampleLead, startStack, waitForTask, type TestStack } from "./helpers/stack.js";

/**
 * The broker closed (issue 11, part 1): nats-server runs with the per-role users of
 * libs/runtime/src/broker-auth.ts (the model of deploy/nats/auth.conf), every service of the
 * stack connects as its own user, and the CRM publisher can queue tasks and hear results — and
 * nothing else.
 */
describe("a broker with one user per role", () => {
  let stack: TestStack;
  let crm: { nc: NatsConnection; violations: Violation[] };
  let admin: NatsConnection;

  beforeAll(async () => {
    stack = await startStack({ brokerAuth: true });
    crm = await connectAs(stack.nats.url, stack.broker!, "crm");
    // Reads what the CRM must not change, as the gateway (which may read streams and the agents bucket).
    admin = (await connectAs(stack.nats.url, stack.broker!, "gateway")).nc;
  });
  afterAll(async () => {
    await crm?.nc.close();
    await admin?.close();
    await stack?.stop();
  });

  it("refuses connections without credentials or with a wrong password", async () => {
    await expect(connect({ servers: stack.nats.url, reconnect: false })).rejects.toMatchObject({ name: "AuthorizationError" });
    await expect(connect({ servers: stack.nats.url, user: "crm", pass: "not-the-password", reconnect: false })).rejects.toMatchObject({ name: "AuthorizationError" });
  });

  it("runs the whole stack with per-role users: an HTTP task completes and /ai/health is healthy", async () => {
    const r = await postJson(`${stack.url}/ai/analyze-lead`, { lead: sampleLead });
    expect(r.status).toBe(202);
    const task = await waitForTask(stack.url, r.json.task_id);
    expect(task.status).toBe("completed");
    const f = await postJson(`${stack.url}/ai/generate-follow-up`, { lead: sampleLead, context: "Demo completed" });
    expect((await waitForTask(stack.url, f.json.task_id)).status).toBe("completed");
    let health: any;
    for (let i = 0; i < 80; i++) {
      health = await (await fetch(`${stack.url}/ai/health`)).json();
      if (health.status === "healthy") break;
      await new Promise((res) => setTimeout(res, 250));
    }
    expect(health.status).toBe("healthy");
    // The metrics service answers the gateway over request/reply (both as their own users).
    const status = await fetch(`${stack.url}/ai/status`);
    expect(status.status).toBe(200);
  });

  it("the CRM publisher CAN publish lead.analyze (JetStream, PubAck on its inbox) and receive lead.analyzed", async () => {
    const got: unknown[] = [];
    const sub = crm.nc.subscribe("lead.analyzed", { callback: (_e, m) => got.push(m.json()) });
    const failedSub = crm.nc.subscribe("task.failed");
    // The lifecycle events and reply reactions the README's event table offers a CRM.
    const started: unknown[] = [];
    const startedSub = crm.nc.subscribe("task.started", { callback: (_e, m) => started.push(m.json()) });
    const lifecycleSubs = ["task.retrying", "task.cancelled", "email.reaction.>"].map((s) => crm.nc.subscribe(s));
    await crm.nc.flush();
    const ack = await jetstream(crm.nc).publish("lead.analyze.high", JSON.stringify({ task_id: "crm-auth-1", lead: sampleLead }));
    expect(ack.stream).toBe(Streams.tasks);
    const deadline = Date.now() + 15_000;
    while (!got.some((e: any) => e.task_id === "crm-auth-1") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    const event = LeadAnalyzedEvent.parse(got.find((e: any) => e.task_id === "crm-auth-1"));
    expect(event.status).toBe("completed");
    expect((await waitForTask(stack.url, "crm-auth-1")).status).toBe("completed");
    expect(started.some((e: any) => e.task_id === "crm-auth-1")).toBe(true);
    sub.unsubscribe();
    failedSub.unsubscribe();
    startedSub.unsubscribe();
    for (const l of lifecycleSubs) l.unsubscribe();
    expect(crm.violations).toEqual([]);
  });

  it("the CRM publisher CANNOT publish a result (lead.analyzed): refused, nothing reaches RESULTS", async () => {
    const jsm = await jetstreamManager(admin);
    const before = (await jsm.streams.info(Streams.results)).state.last_seq;
    crm.nc.publish("lead.analyzed", JSON.stringify({ task_id: "forged", status: "completed" }));
    await violationReported(crm.nc, crm.violations, "publish", "lead.analyzed");
    const err = await jetstream(crm.nc)
      .publish("lead.analyzed", "{}", { timeout: 3000 })
      .then(() => undefined, (e: unknown) => e);
    expect(isPermissionViolation(err), String(err)).toBe(true);
    expect((await jsm.streams.info(Streams.results)).state.last_seq).toBe(before);
  });

  it("the CRM publisher CANNOT put KV keys (desired.lead_analysis) nor open the bucket", async () => {
    const kv = await new Kvm(admin).open(KvBuckets.agents);
    const before = await kv.get(desiredKey("lead_analysis"));
    crm.nc.publish(`$KV.${KvBuckets.agents}.${desiredKey("lead_analysis")}`, "0");
    await violationReported(crm.nc, crm.violations, "publish", `$KV.${KvBuckets.agents}.${desiredKey("lead_analysis")}`);
    const crmKv = await new Kvm(crm.nc).open(KvBuckets.agents).catch((e: unknown) => e);
    if (crmKv instanceof Error) expect(isPermissionViolation(crmKv), String(crmKv)).toBe(true);
    else {
      const putErr = await crmKv.put(desiredKey("lead_analysis"), "0").then(() => undefined, (e: unknown) => e);
      expect(isPermissionViolation(putErr), String(putErr)).toBe(true);
      const getErr = await crmKv.get(desiredKey("lead_analysis")).then(() => undefined, (e: unknown) => e);
      expect(isPermissionViolation(getErr), String(getErr)).toBe(true);
    }
    const after = await kv.get(desiredKey("lead_analysis"));
    expect(after?.revision).toBe(before?.revision);
  });

  it("the CRM publisher CANNOT delete a stream or create a consumer (no JetStream API)", async () => {
    const jsm = await jetstreamManager(crm.nc, { checkAPI: false });
    const del = await jsm.streams.delete(Streams.tasks).then(() => undefined, (e: unknown) => e);
    expect(isPermissionViolation(del), String(del)).toBe(true);
    const add = await jsm.consumers.add(Streams.tasks, { durable_name: "crm-spy", filter_subject: "lead.analyze.low", ack_policy: "explicit" as never }).then(() => undefined, (e: unknown) => e);
    expect(isPermissionViolation(add), String(add)).toBe(true);
    await violationReported(crm.nc, crm.violations, "publish", `$JS.API.STREAM.DELETE.${Streams.tasks}`);
    // Still there, untouched.
    const info = await (await jetstreamManager(admin)).streams.info(Streams.tasks);
    expect(info.config.name).toBe(Streams.tasks);
    await expect((await jetstreamManager(admin)).consumers.info(Streams.tasks, "crm-spy")).rejects.toThrow();
  });

  it("the CRM publisher CANNOT publish control subjects (restart) nor read heartbeats, the replicas' reports or other inboxes", async () => {
    crm.nc.publish(restartSubject("lead_analysis"), "{}");
    await violationReported(crm.nc, crm.violations, "publish", restartSubject("lead_analysis"));
    const req = await crm.nc.request(restartSubject("follow_up"), "{}", { timeout: 2000 }).then(() => undefined, (e: unknown) => e);
    expect(isPermissionViolation(req), String(req)).toBe(true);
    for (const subject of ["agent.heartbeat.>", "gardenos.replica.>", "_INBOX.>", "_INBOX_gateway.>", "$KV.>", "$JS.API.>"]) {
      crm.nc.subscribe(subject);
      await violationReported(crm.nc, crm.violations, "subscription", subject);
    }
  });

  it("the services did their whole job without a single permission violation", () => {
    const lines = loggedViolations(stack.broker!.logFile);
    const byServices = lines.filter((l) => !/User "crm"/.test(l));
    expect(byServices, byServices.join("\n")).toEqual([]);
    // The CRM's refusals are logged by the server, naming the user.
    expect(lines.some((l) => /User "crm"/.test(l) && l.includes("lead.analyzed"))).toBe(true);
  });
});
