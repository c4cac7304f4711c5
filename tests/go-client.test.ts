import { execFile, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, skipWithout, type Tool } from "./helpers/deploy.js";
import { loggedViolations } from "./helpers/broker.js";
import { startStack, type TestStack } from "./helpers/stack.js";

/**
 * Another language's NATS client, written from the README alone: examples/go/main.go (nats.go)
 * connects as the `crm` user with its inbox prefix, publishes a lead-analysis task with
 * `js.Publish`, a task that breaks the contract, a follow-up and an e-mail classification, and
 * reads their results on the result subjects; then the same as a tenant (`-tenant acme`: user
 * crm-acme, `tenant.acme.` subjects). Runs against a real stack with the per-role broker users, as
 * `gardenos up` starts it.
 */

/** Where Debian's golang-github-nats-io-go-nats-dev puts nats.go (GOPATH mode, no network). */
const GOPATHS = [...(process.env.GOPATH ?? "").split(delimiter).filter(Boolean), "/usr/share/gocode"];

function findGoWithNats(): Tool & { gopath?: string } {
  const install = "install them with `apt-get install golang-go golang-github-nats-io-go-nats-dev` (Debian)";
  const v = spawnSync("go", ["version"], { encoding: "utf8" });
  if (v.error || v.status !== 0) return { name: "go", found: false, why: `go not found: ${install}` };
  const gopath = GOPATHS.find((p) => existsSync(join(p, "src/github.com/nats-io/nats.go/nats.go")));
  if (!gopath) return { name: "nats.go", found: false, why: `the NATS Go client (nats.go) is not in ${GOPATHS.join(", ")}: ${install}` };
  return { name: "go", found: true, why: "", gopath };
}

const go = findGoWithNats();

interface Step {
  step: string;
  task_id: string;
  ok: boolean;
  problem?: string;
  subject?: string;
  sent: Record<string, any>;
  event?: Record<string, any>;
}

/** Builds examples/go once per file (a few seconds cold; Go's build cache is kept between runs). */
let binary: Promise<string> | undefined;
function buildClient(dir: string): Promise<string> {
  binary ??= new Promise((resolve, reject) => {
    const out = join(dir, "go-client");
    execFile(
      "go",
      ["build", "-o", out, "main.go"],
      { cwd: join(ROOT, "examples/go"), env: { ...process.env, GO111MODULE: "off", GOPATH: go.gopath!, GOCACHE: process.env.GOCACHE ?? join(tmpdir(), "gardenos-go-cache"), GOFLAGS: "" } },
      (err, _stdout, stderr) => (err ? reject(new Error(`go build failed:\n${stderr}`)) : resolve(out)),
    );
  });
  return binary;
}

/** Runs the client (not spawnSync: the stack runs in this process and must keep working meanwhile). */
function runClient(bin: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string; steps: Map<string, Step> }> {
  return new Promise((resolve) => {
    execFile(bin, [...args, "-json", "-timeout", "15s"], { encoding: "utf8", timeout: 60_000, env: { PATH: process.env.PATH ?? "" } }, (err, stdout, stderr) => {
      const steps = new Map<string, Step>(
        stdout
          .split("\n")
          .filter((l) => l.startsWith("{"))
          .map((l) => JSON.parse(l) as Step)
          .map((s) => [s.step, s]),
      );
      resolve({ status: err ? (typeof err.code === "number" ? err.code : null) : 0, stdout, stderr, steps });
    });
  });
}

/** What a user checks: a scored result for the lead sent, a task.failed naming the field, a follow-up, a classification. */
function expectWhatTheReadmePromises(run: Awaited<ReturnType<typeof runClient>>): void {
  const { steps } = run;
  expect([...steps.keys()], `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`).toEqual(["analyze", "invalid", "followup", "classify"]);

  // (a, b) The result of the task it published, for the lead it sent, with a score.
  const analyze = steps.get("analyze")!;
  expect(analyze.subject).toBe("lead.analyzed");
  expect(analyze.event!.task_id).toBe(analyze.sent.task_id);
  expect(analyze.event!.lead_id).toBe(analyze.sent.lead.id);
  expect(analyze.event!.status).toBe("completed");
  const score = analyze.event!.result.lead_quality_score;
  expect(score).toBeGreaterThanOrEqual(1);
  expect(score).toBeLessThanOrEqual(10);

  // (c) The invalid task: task.failed, not retried, naming the field.
  const invalid = steps.get("invalid")!;
  expect(invalid.subject).toBe("task.failed");
  expect(invalid.event!.task_id).toBe(invalid.sent.task_id);
  expect(invalid.event!.error).toMatchObject({ code: "ERR_EVENT_INVALID", retryable: false });
  expect(invalid.event!.error.issues).toContainEqual({ path: "lead.contact.email", message: expect.any(String) });

  // (d) A follow-up e-mail and a classified reply.
  const followup = steps.get("followup")!;
  expect(followup.subject).toBe("followup.generated");
  expect(followup.event!.task_id).toBe(followup.sent.task_id);
  expect(followup.event!.result.subject).toEqual(expect.any(String));
  expect(followup.event!.result.body).toContain("Jane");
  const classify = steps.get("classify")!;
  expect(classify.subject).toBe("email.classified");
  expect(classify.event!.task_id).toBe(classify.sent.task_id);
  expect(classify.event!.result.category).toBe("meeting_request");

  expect(run.status, run.stderr).toBe(0);
}

describe.skipIf(skipWithout(go, "the Go client example (examples/go)"))("a Go client from the README (examples/go)", () => {
  const dir = mkdtempSync(join(tmpdir(), "gardenos-go-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe("on the bare subjects, as user crm", () => {
    let stack: TestStack;
    beforeAll(async () => {
      await buildClient(dir);
      stack = await startStack({ brokerAuth: true });
    });
    afterAll(async () => {
      await stack?.stop();
    });

    it("gets a scored lead.analyzed for its lead, a task.failed naming the bad field, a follow-up and a classification", async () => {
      const run = await runClient(await buildClient(dir), ["-nats", stack.nats.url, "-creds", stack.broker!.credentialsFile]);
      expectWhatTheReadmePromises(run);
      // task_id and Nats-Msg-Id set: one attempt, no retry of a contract error.
      expect(run.steps.get("invalid")!.event!.attempts).toBe(1);
      // Everything it did was allowed to the crm user: no permission violation in the broker's log.
      expect(loggedViolations(stack.broker!.logFile)).toEqual([]);
    });
  });

  describe("as a tenant (NATS_TENANTS=acme, user crm-acme, tenant.acme. subjects through INTAKE)", () => {
    let stack: TestStack;
    beforeAll(async () => {
      await buildClient(dir);
      stack = await startStack({ brokerAuth: true, tenants: ["acme"] });
    });
    afterAll(async () => {
      await stack?.stop();
    });

    it("gets the same answers on its tenant's subjects", async () => {
      const run = await runClient(await buildClient(dir), ["-nats", stack.nats.url, "-creds", stack.broker!.credentialsFile, "-tenant", "acme"]);
      expectWhatTheReadmePromises(run);
      expect(loggedViolations(stack.broker!.logFile)).toEqual([]);
    });
  });
});
