import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatsAbout, goodFollowUp, messagesOf, providersEnv, startFakeLlm, type FakeLlm } from "./helpers/fake-llm.js";
import { postJson, sampleLead, startStack, waitForTask, type TestStack } from "./helpers/stack.js";

/** The fenced JSON block with this label in a prompt, parsed; undefined when absent. */
function block(text: string, label: string): any {
  const m = new RegExp("```json " + label + "\\n([\\s\\S]*?)\\n```").exec(text);
  return m ? JSON.parse(m[1]!) : undefined;
}

describe("follow-up with memory: the gateway attaches the lead's history, the prompt carries it", () => {
  let provider: FakeLlm;
  let stack: TestStack;
  const lead = { ...sampleLead, id: "mem-lead-1", contact: { ...sampleLead.contact, email: "jane.memory@acme-robotics.example" } };

  beforeAll(async () => {
    provider = await startFakeLlm();
    stack = await startStack({ env: { LLM_PROVIDERS: providersEnv([{ name: "p", fake: provider }]), FOLLOW_UP_TIMEOUT: "5", LEAD_ANALYSIS_TIMEOUT: "5" } });
  });
  afterAll(async () => {
    await stack?.stop();
    await provider?.close();
  });

  async function run(path: string, body: Record<string, unknown>) {
    const r = await postJson(`${stack.url}${path}`, body);
    expect(r.status).toBe(202);
    const task = await waitForTask(stack.url, r.json.task_id);
    expect(task).toMatchObject({ status: "completed", provider: "p", degraded: false });
    return task;
  }
  const lastChat = () => provider.chats().at(-1)!;

  it("a first follow-up sees the lead's score; a second one sees the first e-mail's subject and date", async () => {
    const analysis = await run("/ai/analyze-lead", { lead });
    expect(analysis.result.lead_quality_score).toBe(8);

    const first = await run("/ai/generate-follow-up", { lead, context: "Demo completed" });
    const firstData = block(messagesOf(lastChat(), "user")[0]!, "data");
    expect(firstData.context).toBe("Demo completed");
    expect(firstData.history).toEqual([{ date: analysis.completed_at.slice(0, 10), kind: "lead analysis", score: 8 }]);
    expect(first.result.subject).toBe(goodFollowUp.subject);

    await run("/ai/generate-follow-up", { lead, context: "No response to last email" });
    const second = lastChat();
    const history = block(messagesOf(second, "user")[0]!, "data").history;
    expect(history[0]).toEqual({ date: first.completed_at.slice(0, 10), kind: "follow-up, maybe unsent", subject: goodFollowUp.subject });
    expect(history[1]).toMatchObject({ kind: "lead analysis", score: 8 });
    // History is data: only in its block, never in the instructions.
    expect(messagesOf(second, "system").join("\n")).not.toContain(goodFollowUp.subject);
    expect(messagesOf(second, "system").join("\n")).toMatch(/do not repeat it/);
  });

  it("finds the history by e-mail when the CRM id differs, and sends none for a new lead", async () => {
    await run("/ai/generate-follow-up", { lead: { ...lead, id: "mem-lead-1-dup" } });
    const byEmail = block(messagesOf(chatsAbout(provider, "mem-lead-1-dup").at(-1)!, "user")[0]!, "data").history;
    expect(byEmail.some((h: any) => h.subject === goodFollowUp.subject)).toBe(true);

    await run("/ai/generate-follow-up", { lead: { id: "mem-new", contact: { name: "New Person", email: "new.person@example.org" } } });
    expect(block(messagesOf(chatsAbout(provider, "mem-new").at(-1)!, "user")[0]!, "data").history).toBeUndefined();
  });

  it("calls an earlier e-mail sent only once the CRM has marked it sent (POST /ai/tasks/:id/sent)", async () => {
    const l = { ...lead, id: "mem-sent-1", contact: { ...lead.contact, email: "sent.check@acme-robotics.example" } };
    const first = await run("/ai/generate-follow-up", { lead: l, context: "Demo completed" });
    await run("/ai/generate-follow-up", { lead: l, context: "No response to last email" });
    const before = block(messagesOf(chatsAbout(provider, "mem-sent-1").at(-1)!, "user")[0]!, "data").history;
    expect(before[0]).toMatchObject({ kind: "follow-up, maybe unsent" });

    const marked = await postJson(`${stack.url}/ai/tasks/${first.task_id}/sent`, {});
    expect(marked.status, marked.text).toBe(200);
    await run("/ai/generate-follow-up", { lead: l, context: "No response to last email" });
    const after = block(messagesOf(chatsAbout(provider, "mem-sent-1").at(-1)!, "user")[0]!, "data").history;
    expect(after.find((h: any) => h.date === first.completed_at.slice(0, 10) && h.kind === "follow-up sent")).toBeDefined();
    expect(after.filter((h: any) => h.kind === "follow-up sent")).toHaveLength(1);
  });

  it("refuses an e-mail proposing a call to a do_not_call contact: repaired, never published", async () => {
    const dnc = { id: "mem-dnc", contact: { name: "Quiet Person", email: "quiet@example.org", do_not_call: true } };
    provider.queue({ kind: "ok", content: { ...goodFollowUp, body: "Hi,\n\nShall we schedule a quick call on Tuesday?\n\nThe GardenOS team" } });
    const task = await run("/ai/generate-follow-up", { lead: dnc, context: "Downloaded the pricing guide" });
    expect(task.result).toMatchObject(goodFollowUp);
    const calls = chatsAbout(provider, "mem-dnc");
    expect(calls).toHaveLength(2);
    expect(messagesOf(calls[1]!, "user").at(-1)).toMatch(/do_not_call/);
  });
});
