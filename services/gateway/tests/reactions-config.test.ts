import { describe, expect, it } from "vitest";
import { DEFAULT_EMAIL_REACTIONS, taskIdOfMessageId, followUpMessageId } from "@gardenos/contracts";
import { loadConfig } from "@gardenos/runtime";
import { gatewayConfigSchema } from "../src/index.js";
import { addressOf, foldText } from "../src/reactions/email-text.js";

/** EMAIL_REACTIONS, the Message-ID convention and the reply text a follow-up gets as context. */
describe("reply reactions: settings and reply text", () => {
  const cfg = (env: NodeJS.ProcessEnv) => loadConfig(gatewayConfigSchema(), env);

  it("EMAIL_REACTIONS: the issue's defaults, overridden per category, `off`, and a bad pair refused naming the variable", () => {
    expect(cfg({}).EMAIL_REACTIONS).toEqual(DEFAULT_EMAIL_REACTIONS);
    expect(DEFAULT_EMAIL_REACTIONS).toMatchObject({ meeting_request: "follow_up", interested: "follow_up", question: "follow_up", unsubscribe: "suppress", out_of_office: "schedule_follow_up", bounce: "mark_bounced", wrong_person: "colleague_follow_up" });
    const custom = cfg({ EMAIL_REACTIONS: "question=none, objection=follow_up" }).EMAIL_REACTIONS;
    expect(custom).toMatchObject({ question: "none", objection: "follow_up", interested: "follow_up" });
    expect(Object.values(cfg({ EMAIL_REACTIONS: "off" }).EMAIL_REACTIONS).every((a) => a === "none")).toBe(true);
    expect(() => cfg({ EMAIL_REACTIONS: "question=shout" })).toThrow(/EMAIL_REACTIONS/);
    expect(() => cfg({ EMAIL_OOO_DELAY_HOURS: "-1" })).toThrow(/EMAIL_OOO_DELAY_HOURS/);
  });

  it("a follow-up's Message-ID is <task_id@gardenos>, found again in an In-Reply-To line", () => {
    expect(followUpMessageId("followup-abc")).toBe("<followup-abc@gardenos>");
    expect(taskIdOfMessageId("<followup-abc@gardenos>")).toBe("followup-abc");
    expect(taskIdOfMessageId("<x@mail.example> <followup-1f2e@GardenOS>")).toBe("followup-1f2e");
    expect(taskIdOfMessageId("<followup-0131@gardenos.example>")).toBe("followup-0131");
    expect(taskIdOfMessageId("<followup-abc@elsewhere.example>")).toBeUndefined();
    expect(taskIdOfMessageId("<followup-abc@notgardenos>")).toBeUndefined();
    expect(taskIdOfMessageId(undefined)).toBeUndefined();
  });

  it("the sender's address, and the fallback text of a result that carries no reply (folded, clipped)", () => {
    expect(foldText("Tuesday   works.\n\n\n\nThanks")).toBe("Tuesday works.\n\nThanks");
    expect(foldText("x".repeat(5000), 100)).toHaveLength(100);
    expect(addressOf("Jane Doe <Jane@Acme.example>")).toBe("jane@acme.example");
    expect(addressOf("jane@acme.example")).toBe("jane@acme.example");
    expect(addressOf("no address")).toBeUndefined();
  });
});
