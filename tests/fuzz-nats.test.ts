import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { connect, headers as natsHeaders, type NatsConnection } from "@nats-io/transport-node";
import { BANDS, Streams, Subjects, TaskFailedEvent, agentTypes, consumerName, taskSubject } from "@gardenos/contracts";
import { asksNotToBeEmailed } from "@gardenos/lead-features";
import { FUZZ_RUNS, fuzzParams, hostileJson, hostileString, nearValid, validLead } from "./helpers/fuzz.js";
import { startStack, type TestStack } from "./helpers/stack.js";

/**
 * Property-based fuzzing of every task subject (every registered type, every band) on a real
 * stack (nats-server, gateway, built-in agents, metrics): arbitrary JSON, near-valid mutations of
 * valid tasks and bytes that are not JSON. Every malformed task ends as task.failed, every valid
 * one completes, no service crashes, and nothing is left pending or redelivered.
 */

type Json = Parameters<typeof nearValid>[0];

const targets = agentTypes.list().flatMap((d) =>
  BANDS.map((band) => ({
    def: d,
    subject: taskSubject(d.type, band),
    valid: (d.type === "follow_up"
      ? { lead: validLead, context: "Demo completed", priority: 5 }
      : d.type === "email_classification"
        ? { email: { from: "Ana Ruiz <ana@acme.example>", to: "max@gardenos.example", subject: "Re: Demo", body: "Can we talk on Tuesday at 3pm EST?", received_at: "2026-03-05T10:00:00Z" }, lead_id: "crm-1", priority: 5 }
        : { lead: validLead, priority: 5 }) as unknown as Json,
  })),
);

describe("fuzz the task subjects", () => {
  let stack: TestStack;
  let nc: NatsConnection;
  const outcomes = new Map<string, "completed" | "failed">();
  /** The error code of each task.failed (to tell a policy refusal of a valid task from a bug). */
  const failures = new Map<string, string>();
  const unrecordable: string[] = [];
  const published: { id: string; subject: string; valid: boolean; payload: string }[] = [];
  const run = randomUUID().slice(0, 8);

  beforeAll(async () => {
    stack = await startStack({ env: { LOG_LEVEL: "error", TASK_MAX_RETRIES: "1" } });
    nc = await connect({ servers: stack.nats.url });
    for (const s of [Subjects.taskFailed, ...agentTypes.list().map((d) => d.resultSubject)]) {
      nc.subscribe(s, {
        callback: (_e, m) => {
          const e = m.json<{ task_id: string; error?: { code?: string; message?: string } }>();
          if (!outcomes.has(e.task_id)) outcomes.set(e.task_id, s === Subjects.taskFailed ? "failed" : "completed");
          if (e.error && !failures.has(e.task_id)) failures.set(e.task_id, `${e.error.code}: ${e.error.message}`);
          // Within the contract, so the recorder can store it (a hostile key once made an issue path of 100,000 characters).
          if (s === Subjects.taskFailed && !TaskFailedEvent.safeParse(e).success) unrecordable.push(e.task_id);
        },
      });
    }
  }, 120_000);

  afterAll(async () => {
    await nc?.close();
    await stack?.stop();
  });

  const body = (target: (typeof targets)[number]) =>
    fc.oneof(
      { arbitrary: hostileJson.map((v) => JSON.stringify(v) ?? "null"), weight: 3 },
      { arbitrary: nearValid(target.valid).map((v) => JSON.stringify(v) ?? "null"), weight: 4 },
      { arbitrary: fc.constant(JSON.stringify(target.valid)), weight: 1 },
      { arbitrary: fc.oneof(hostileString, fc.uint8Array({ maxLength: 100 }).map((b) => Buffer.from(b).toString("latin1"))), weight: 1 },
    );

  it("ends every malformed task as task.failed and completes every valid one", async () => {
    const js = jetstream(nc);
    const arb = fc.integer({ min: 0, max: targets.length - 1 }).chain((i) => body(targets[i]!).map((payload) => ({ target: targets[i]!, payload })));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(arb, async ({ target, payload }) => {
        const id = `fz-${run}-${n++}`;
        // A payload's own task_id would rename the task (and two equal ones deduplicate): keep ours.
        let text = payload;
        try {
          const v = JSON.parse(payload) as unknown;
          if (v && typeof v === "object" && !Array.isArray(v) && "task_id" in v) text = JSON.stringify({ ...v, task_id: id });
        } catch {
          /* not JSON: sent as it is */
        }
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = undefined;
        }
        // A valid follow-up for a contact marked do_not_email, or whose context or notes say they
        // asked not to be e-mailed, is refused by policy (ERR_DO_NOT_EMAIL): it fails.
        const f = parsed as { context?: unknown; lead?: { notes?: unknown; contact?: { do_not_email?: unknown } } } | undefined;
        const str = (v: unknown) => (typeof v === "string" ? v : undefined);
        const refused = target.def.type === "follow_up" && (f?.lead?.contact?.do_not_email === true || asksNotToBeEmailed(str(f?.context)) || asksNotToBeEmailed(str(f?.lead?.notes)));
        const valid = parsed !== undefined && !refused && target.def.taskEvent.safeParse(parsed).success;
        const h = natsHeaders();
        h.set("Nats-Msg-Id", id);
        await js.publish(target.subject, text, { headers: h, msgID: id });
        published.push({ id, subject: target.subject, valid, payload: text.slice(0, 300) });
      }),
      fuzzParams(),
    );

    const deadline = Date.now() + 60_000 + published.length * 20;
    while (Date.now() < deadline && published.some((p) => !outcomes.has(p.id))) await new Promise((r) => setTimeout(r, 200));
    const missing = published.filter((p) => !outcomes.has(p.id));
    expect(missing.slice(0, 5), `${missing.length} tasks without an outcome`).toEqual([]);
    const wrong = published.filter((p) => outcomes.get(p.id) !== (p.valid ? "completed" : "failed"));
    expect(wrong.slice(0, 5).map((w) => ({ ...w, outcome: outcomes.get(w.id), error: failures.get(w.id) })), `${wrong.length} tasks with the wrong outcome`).toEqual([]);

    expect(unrecordable.slice(0, 5), `${unrecordable.length} task.failed events break the contract`).toEqual([]);

    // Nothing waits or is redelivered: the work queue is empty and every consumer is settled.
    const jsm = await jetstreamManager(nc);
    const tasks = await jsm.streams.info(Streams.tasks);
    expect(tasks.state.messages).toBe(0);
    for (const d of agentTypes.list()) {
      for (const band of BANDS) {
        const ci = await jsm.consumers.info(Streams.tasks, consumerName(d.type, band));
        expect(ci.num_pending + ci.num_ack_pending).toBe(0);
      }
    }
    // Every service still answers.
    const health = await fetch(`${stack.url}/ai/health`);
    expect(health.status).toBeLessThan(500);
    const valid = published.filter((p) => p.valid).length;
    // eslint-disable-next-line no-console -- the run's numbers, for the README and reports
    console.info(`fuzz NATS: ${published.length} tasks on ${targets.length} subjects; ${valid} valid → completed, ${published.length - valid} malformed → task.failed`);
  }, 120_000 + FUZZ_RUNS * 50);
});
