import { describe, expect, it } from "vitest";
import { LeadAnalysisResult, type Lead } from "@gardenos/contracts";
import { parseAnswer } from "@gardenos/llm";
import { completeAnalysis, leadAnalysisAnswerSchema } from "../src/answer.js";
import { scoreLead } from "../src/heuristic.js";
import { LEAD_ANALYSIS_SYSTEM_PROMPT, leadAnalysisPrompt } from "../src/prompt.js";

const NOW = new Date("2026-11-27T09:00:00Z");
const lead: Lead = {
  id: "crm-7",
  company: { name: "Acme Robotics", industry: "Manufacturing", employees: 450, website: "https://www.acme-robotics.example/about" },
  contact: { name: "Jane Doe", first_name: "Jane", title: "VP of Operations", email: "jane@acme-robotics.example", phone: "+1 555 0100", do_not_call: false },
  engagement: { source: "Referral", created_at: "2026-11-01T09:00:00Z", interactions: 3 },
  behavior: { site_visits: 12, last_activity: "Requested a demo", last_activity_at: "2026-11-26" },
  notes: "Budget approved for Q1.",
};

/** The lead-data block of a prompt, parsed. */
const data = (user: string) => JSON.parse(/```json lead-data\n(.*)\n```/.exec(user)![1]!);

describe("lead-analysis prompt", () => {
  it("sends the lead as one compact JSON line with only what scores: ages in days, the website's host, no name, no false opt-outs", () => {
    const { system, user } = leadAnalysisPrompt({ lead } as never, { includeCustomFields: false, now: NOW });
    expect(system).toBe(LEAD_ANALYSIS_SYSTEM_PROMPT);
    expect(user).toMatch(/^Today is 2026-11-27\.\n```json lead-data\n\{.*\}\n```$/);
    expect(data(user)).toEqual({
      id: "crm-7",
      company: { name: "Acme Robotics", industry: "Manufacturing", employees: 450, website: "acme-robotics.example" },
      contact: { title: "VP of Operations", email_domain: "acme-robotics.example", has_phone: true },
      engagement: { source: "Referral", interactions: 3, created_days_ago: 26 },
      behavior: { site_visits: 12, last_activity: "Requested a demo", last_activity_days_ago: 1 },
      notes: "Budget approved for Q1.",
    });
  });

  it("the system prompt is the same for every lead (a cacheable prefix) and asks for the seed's five fields only", () => {
    const other = leadAnalysisPrompt({ lead: { id: "x", company: { name: "Other" } } } as never, { includeCustomFields: false, now: new Date("2027-01-01") });
    expect(other.system).toBe(LEAD_ANALYSIS_SYSTEM_PROMPT);
    for (const f of ["lead_quality_score", "conversion_probability", "recommended_action", "follow_up_timeline", "key_insights"]) expect(LEAD_ANALYSIS_SYSTEM_PROMPT).toContain(`"${f}"`);
    expect(LEAD_ANALYSIS_SYSTEM_PROMPT).not.toMatch(/factors/);
    // OpenAI-compatible servers refuse response_format json_object unless a message says "JSON".
    expect(LEAD_ANALYSIS_SYSTEM_PROMPT).toContain("JSON");
  });

  it("a known conversion probability is given to the model, not asked for, and kept in the result", () => {
    const { user, system } = leadAnalysisPrompt({ lead } as never, { includeCustomFields: false, now: NOW, conversionProbability: 42.04 });
    expect(system).toBe(LEAD_ANALYSIS_SYSTEM_PROMPT);
    expect(user).toContain("conversion_probability is known: 42. Leave it out of your answer");
    const answer = { lead_quality_score: 5, recommended_action: "Send a case study", follow_up_timeline: "This week", key_insights: ["Referral"] };
    // Without the probability the answer is valid only when it is known.
    expect(() => parseAnswer(JSON.stringify(answer), "stop", leadAnalysisAnswerSchema())).toThrow(/conversion_probability/);
    const parsed = parseAnswer(JSON.stringify({ ...answer, conversion_probability: 90 }), "stop", leadAnalysisAnswerSchema({ probabilityKnown: true }));
    const result = completeAnalysis(parsed, lead, { conversionProbability: 42.04, now: NOW });
    expect(result.conversion_probability).toBe(42.04);
    expect(LeadAnalysisResult.parse(result)).toEqual(result);
  });

  it("fills missing factor arrays from the scorer and says whose they are", () => {
    const seed = { lead_quality_score: 8, conversion_probability: 75, recommended_action: "Schedule demo call", follow_up_timeline: "Within 24 hours", key_insights: ["High-value prospect"] };
    const scored = scoreLead(lead, NOW);
    expect(completeAnalysis(seed, lead, { now: NOW })).toMatchObject({ top_positive_factors: scored.top_positive_factors, top_negative_factors: scored.top_negative_factors, factors_source: "scorer" });
    const own = { ...seed, top_positive_factors: [{ factor: "Referral", impact: 10, detail: "Referred" }], top_negative_factors: [] };
    expect(completeAnalysis(own, lead, { now: NOW })).toMatchObject({ top_positive_factors: own.top_positive_factors, top_negative_factors: [], factors_source: "model" });
  });
});
