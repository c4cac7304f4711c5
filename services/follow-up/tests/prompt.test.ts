import { describe, expect, it } from "vitest";
import type { Lead } from "@gardenos/contracts";
import { parseAnswer } from "@gardenos/llm";
import { FOLLOW_UP_MAX_WORDS, FOLLOW_UP_SYSTEM_PROMPT, completeFollowUp, followUpAnswerSchema, followUpPrompt } from "../src/prompt.js";

const NOW = new Date("2026-11-27T09:00:00Z");
const lead: Lead = {
  id: "crm-9",
  company: { name: "Sunpeak Solar", industry: "Energy", employees: 45, revenue: 6_200_000, website: "https://sunpeaksolar.example", country: "Australia", city: "Perth" },
  contact: { name: "Ava Novak", first_name: "Ava", title: "Director of IT", email: "ava@sunpeaksolar.example", phone: "+61 2 5550 1234", do_not_call: true, do_not_email: false },
  engagement: { source: "Webinar", created_at: "2026-04-28" },
  behavior: { site_visits: 12, time_on_site_seconds: 2545, last_activity: "Demo Requested", last_activity_at: "2026-05-22T10:00:00Z" },
  notes: "Evaluating two vendors.",
};

const data = (user: string) => JSON.parse(/```json data\n(.*)\n```/.exec(user)![1]!);

describe("follow-up prompt", () => {
  it("one compact data block: the context, the history in few words, and a flat brief of the lead for writing", () => {
    const history = [
      { task_id: "a1", type: "lead_analysis", at: "2026-11-20T10:00:00Z", lead_quality_score: 7 },
      { task_id: "f1", type: "follow_up", at: "2026-11-22T10:00:00Z", subject: "Your demo" },
    ];
    const { system, user } = followUpPrompt({ lead, context: "Demo done; asked about SSO", history } as never, { includeCustomFields: false, now: NOW });
    expect(system).toBe(FOLLOW_UP_SYSTEM_PROMPT);
    expect(user).toMatch(/^Today is 2026-11-27\.\n```json data\n\{.*\}\n```$/);
    expect(data(user)).toEqual({
      context: "Demo done; asked about SSO",
      history: [
        { date: "2026-11-22", kind: "follow-up, maybe unsent", subject: "Your demo" },
        { date: "2026-11-20", kind: "lead analysis", score: 7 },
      ],
      lead: {
        id: "crm-9",
        first_name: "Ava",
        title: "Director of IT",
        do_not_call: true,
        company: "Sunpeak Solar",
        industry: "Energy",
        employees: 45,
        notes: "Evaluating two vendors.",
      },
    });
    // Nothing of the contact beyond the first name leaves (LLM_SEND_CONTACT=false).
    expect(user).not.toMatch(/Novak|ava@|5550/);
  });

  it("without a context, how the lead came in and its last activity are the story", () => {
    const { user } = followUpPrompt({ lead } as never, { includeCustomFields: false, now: NOW });
    expect(data(user).lead).toMatchObject({ country: "Australia", source: "Webinar", last_activity: "Demo Requested", last_activity_at: "2026-05-22", notes: "Evaluating two vendors." });
  });

  it("a large record is trimmed to what carries signal: the latest score and follow-up, a clipped context, no notes beside a long context", () => {
    const history = [
      { task_id: "a1", type: "lead_analysis", at: "2026-10-01T10:00:00Z", lead_quality_score: 5 },
      { task_id: "f1", type: "follow_up", at: "2026-10-15T10:00:00Z", subject: "First" },
      { task_id: "a2", type: "lead_analysis", at: "2026-11-02T10:00:00Z", lead_quality_score: 8 },
      { task_id: "f2", type: "follow_up", at: "2026-11-10T10:00:00Z", subject: "Second", sent_at: "2026-11-10T11:00:00Z" },
    ];
    const context = `${"They asked about SSO and the API. ".repeat(10)}CFO wants a revised quote for 120 seats before the board meeting on Dec 12.`;
    const long = { ...lead, notes: "Budget approved. ".repeat(30) };
    const d = data(followUpPrompt({ lead: long, context, history } as never, { includeCustomFields: false, now: NOW }).user);
    expect(d.history).toEqual([
      { date: "2026-11-10", kind: "follow-up sent", subject: "Second" },
      { date: "2026-11-02", kind: "lead analysis", score: 8 },
    ]);
    expect(d.context.length).toBeLessThanOrEqual(320);
    expect(d.context).toContain("CFO wants a revised quote for 120 seats");
    expect(d.lead.notes).toBeUndefined();
  });

  it("no context and no history: only the lead", () => {
    const { user } = followUpPrompt({ lead: { id: "x", company: { name: "Acme" } } } as never, { includeCustomFields: false, now: NOW });
    expect(data(user)).toEqual({ lead: { id: "x", company: "Acme" } });
  });

  it("asks for subject and body only, within the word limit; full_message is built from them", () => {
    expect(FOLLOW_UP_SYSTEM_PROMPT).toContain(`at most ${FOLLOW_UP_MAX_WORDS} words`);
    expect(FOLLOW_UP_SYSTEM_PROMPT).toContain('{"subject":');
    expect(FOLLOW_UP_SYSTEM_PROMPT).not.toContain("full_message");
    // OpenAI-compatible servers refuse response_format json_object unless a message says "JSON".
    expect(FOLLOW_UP_SYSTEM_PROMPT).toContain("JSON");
    // The seed's shape (with its own full_message) is valid; its full_message is not used.
    const seed = { subject: "Next steps after your demo", body: "Hi Ava,\n\nThanks for the demo.\n\nThe GardenOS team", full_message: "Complete email content" };
    const answer = parseAnswer(JSON.stringify(seed), "stop", followUpAnswerSchema({ lead } as never));
    expect(completeFollowUp(answer)).toEqual({ subject: seed.subject, body: seed.body, full_message: `Subject: ${seed.subject}\n\n${seed.body}` });
    // A call proposed to a do_not_call contact is still a bad answer.
    expect(() => parseAnswer(JSON.stringify({ ...seed, body: "Hi Ava, shall we book a call?" }), "stop", followUpAnswerSchema({ lead } as never))).toThrow(/body/);
    // The context's "stop calling her" counts as the flag: the prompt says do_not_call and a call is refused.
    const unflagged = { ...lead, contact: { ...lead.contact, do_not_call: undefined } };
    const event = { lead: unflagged, context: "asked us to stop calling her, email only" };
    expect(() => parseAnswer(JSON.stringify({ ...seed, body: "Hi Ava, shall we book a call?" }), "stop", followUpAnswerSchema(event as never))).toThrow(/body/);
    expect(followUpPrompt(event as never, { includeCustomFields: false }).user).toMatch(/"do_not_call":\s*true/);
    expect(followUpPrompt({ lead: unflagged, context: "call her on Tuesday" } as never, { includeCustomFields: false }).user).not.toMatch(/do_not_call/);
  });
});
