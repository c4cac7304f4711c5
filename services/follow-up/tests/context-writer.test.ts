import { describe, expect, it } from "vitest";
import type { FollowUpResult, InteractionSummary, Lead } from "@gardenos/contracts";
import { writeFollowUp } from "../src/template-writer.js";

/** The built-in writer answers what the context says: issue 14's examples and the rules around them. */

const NOW = new Date("2026-11-27T09:00:00Z");
const lead = (id: string, first: string, company: string, industry: string, extra: Partial<Lead> = {}): Lead => ({
  id,
  contact: { first_name: first, title: "Head of Operations", email: `${first.toLowerCase()}@${id}.example` },
  company: { name: company, industry, employees: 300 },
  ...extra,
});
const write = (l: Lead, context: string, history?: InteractionSummary[]) => writeFollowUp({ lead: l, context, now: NOW, ...(history ? { history } : {}) });
const text = (r: FollowUpResult) => `${r.subject}\n${r.body}`;
const sentences = (r: FollowUpResult) => r.body.split(/\n\n|(?<=[.!?])\s+/);
const DEMO_INVITE = /\b(schedule|book|set up|arrange|see) a demo\b|reaching out about a demo/i;

describe("issue 14's examples", () => {
  it("after a demo, answers the HubSpot migration and SSO in sentences and does not invite to a demo", () => {
    const r = write(lead("x1", "Maria", "Brightwave Logistics", "Logistics"), "Demo completed yesterday; she asked about the HubSpot migration and SSO.");
    expect(r.stage).toBe("demo_done");
    expect(text(r)).not.toMatch(DEMO_INVITE);
    // Each point in a sentence that says what happens about it, not in a list of keywords.
    const hubspot = sentences(r).find((s) => s.includes("HubSpot"));
    const sso = sentences(r).find((s) => s.includes("SSO"));
    expect(hubspot).toMatch(/migration/);
    expect(hubspot!.split(/\s+/).length).toBeGreaterThanOrEqual(8);
    expect(sso!.split(/\s+/).length).toBeGreaterThanOrEqual(8);
    expect(hubspot).toMatch(/\b(we'll|we can|I'll|I can)\b/);
  });

  it("budget tight until March: no farewell, the e-mail plans to come back in March and says so in the result", () => {
    const history: InteractionSummary[] = [
      { task_id: "t-1", type: "follow_up", at: "2026-11-01T10:00:00Z", subject: "Your proposal", sent_at: "2026-11-01T10:00:00Z" },
      { task_id: "t-2", type: "follow_up", at: "2026-11-10T10:00:00Z", subject: "Checking in", sent_at: "2026-11-10T10:00:00Z" },
    ];
    const r = write(lead("x2", "Daniel", "Keystone Dental", "Healthcare"), "Sent pricing last week, they said budget is tight until March", history);
    expect(r.stage).toBe("objection");
    expect(r.reconnect_month).toBe("2027-03");
    expect(r.body).toMatch(/March/);
    expect(r.body).toMatch(/budget/);
    expect(text(r)).not.toMatch(/last note|close the loop|stop following up/i);
  });
});

describe("stages and their next steps", () => {
  const l = lead("x3", "Jonas", "Elbwerk Software", "Software");
  it("a meeting already booked is confirmed with its day and time, and nobody is asked to find a time", () => {
    const r = write(l, "Demo scheduled for Thu 3pm CET with Jonas and their CTO");
    expect(r.stage).toBe("meeting_booked");
    expect(r.body).toContain("Thursday at 3pm CET");
    expect(r.body).toMatch(/your CTO/);
    expect(text(r)).not.toMatch(/find a time|times that (suit|work)|what days work/i);
  });

  it("after signing: onboarding, not a sales pitch", () => {
    const r = write(l, "Signed! 25 seats on the Pro plan, kickoff next Monday");
    expect(r.stage).toBe("signed");
    expect(r.body).toMatch(/Pro plan/);
    expect(r.body).toMatch(/kickoff next Monday/);
    expect(text(r)).not.toMatch(/\b(demo|pricing|trial|proposal)\b/i);
  });

  it("a competitor is named and compared fairly; a lost deal is acknowledged and revisited in the stated quarter", () => {
    const evaluating = write(l, "They're also looking at Pipedrive, price is the main concern");
    expect(evaluating.stage).toBe("competitor");
    expect(evaluating.body).toMatch(/Pipedrive/);
    expect(evaluating.body).toMatch(/price|cost/i);
    const lost = write(l, "Went with Salesforce for now, revisit in Q3");
    expect(lost.stage).toBe("competitor");
    expect(lost.reconnect_month).toBe("2027-07");
    expect(lost.body).toMatch(/gone with Salesforce|chosen Salesforce/);
    expect(lost.body).toMatch(/July/);
  });

  it("reads a fiscal year's end: 'after the fiscal year ends in June' is July", () => {
    const r = write(l, "CFO: no budget this FY, come back after the fiscal year ends in June");
    expect(r).toMatchObject({ stage: "objection", reconnect_month: "2027-07" });
    expect(r.body).toMatch(/July/);
    expect(r.body).toMatch(/fiscal year/);
  });

  it("no reply: a nudge that names what went unanswered, never a thank-you for a demo", () => {
    const r = write(l, "No reply to my last 2 emails since the proposal went out on the 4th");
    expect(r.stage).toBe("no_reply");
    expect(r.body).toMatch(/the proposal/);
    expect(text(r)).not.toMatch(/thank(s| you) for (the|your time in the) demo/i);
  });

  it("a question nobody's table knows is answered in the prospect's own words, with the deadline", () => {
    const r = write(l, "Trial ends Friday; they asked whether data carries over to the paid plan");
    expect(r.stage).toBe("question");
    expect(r.body).toMatch(/You asked whether data carries over to the paid plan/);
    expect(r.body).toMatch(/Friday/);
  });

  it("never proposes a call to a do_not_call contact, whatever the stage", () => {
    const dnc = { ...l, contact: { ...l.contact, do_not_call: true } };
    for (const context of ["Spoke at the trade show, wants more info on inventory sync with Shopify", "Asked about nonprofit pricing", "Demo completed", "No reply since the webinar", "Proposal sent Monday", "They're also looking at Pipedrive"]) {
      expect(text(write(dnc, context)), context).not.toMatch(/\bcall|phone|\bring\b/i);
    }
  });
});

describe("languages", () => {
  it("writes German for a German context, with the month to come back in", () => {
    const r = write(lead("x4", "Petra", "Hansa Logistik", "Logistics"), "Demo gestern gemacht, Fragen zu SAP-Anbindung und SSO. Budget erst ab April.");
    expect(r).toMatchObject({ language: "de", stage: "objection", reconnect_month: "2027-04" });
    expect(r.body).toMatch(/^(Hallo|Guten Tag) Petra,/);
    expect(r.body).toMatch(/SAP/);
    expect(r.body).toMatch(/SSO/);
    expect(r.body).toMatch(/April/);
    expect(r.body).not.toMatch(/\b(the|and|we)\b/);
  });

  it("writes French and Spanish, with days and dates in their words", () => {
    const fr = write(lead("x5", "Marc", "Brasserie des Quais", "Hospitality"), "Contrat signé ! Lancement prévu le 5 janvier avec l'équipe IT");
    expect(fr).toMatchObject({ language: "fr", stage: "signed" });
    expect(fr.body).toMatch(/^Bonjour Marc,/);
    expect(fr.body).toMatch(/5 janvier/);
    const es = write(lead("x6", "Lucía", "Clínica Santa Marta", "Healthcare"), "Firmaron el contrato ayer. Kickoff el lunes 10:00");
    expect(es).toMatchObject({ language: "es", stage: "signed" });
    expect(es.body).toMatch(/el lunes a las 10:00/);
  });

  it("the lead's language wins over the context's; a language it does not write gets English", () => {
    const es = write(lead("x7", "Gabriela", "Farmacias Luna", "Healthcare", { language: "es-MX" }), "Demo completed; they asked about WhatsApp integration");
    expect(es.language).toBe("es");
    expect(es.body).toMatch(/WhatsApp/);
    expect(es.body).not.toMatch(/agendar una demo|programar una demo/);
    const it_ = write(lead("x8", "Giulia", "Pasta Roma", "Retail", { language: "it" }), "Demo completed");
    expect(it_.language).toBe("en");
  });
});

describe("personal", () => {
  it("names the company at least once after a demo, whichever variants the lead's hash picks", () => {
    for (let i = 0; i < 40; i++) {
      const company = `Company ${i} Ltd`;
      const r = write(lead(`p${i}`, "Alex", company, i % 2 ? "Software" : "Unlisted Trade"), "Demo completed");
      expect(r.body, `lead p${i}`).toContain(company);
    }
  });
});

describe("varied wording", () => {
  it("two leads of the same industry and context do not get the same paragraph", () => {
    const names = [["Ava", "Northwind Freight"], ["Ben", "Harbor Line"], ["Cleo", "Ridge Transport"], ["Dev", "Summit Cargo"], ["Eli", "Pacific Haulage"], ["Fay", "Delta Movers"]] as const;
    const angle = (r: FollowUpResult, company: string) => r.body.split("\n\n")[2]!.split(company).join("<co>");
    const paragraphs = names.map(([first, company], i) => angle(write(lead(`v${i}`, first, company, "Logistics"), "Met at the trade show"), company));
    expect(new Set(paragraphs).size).toBeGreaterThanOrEqual(5);
  });
});
