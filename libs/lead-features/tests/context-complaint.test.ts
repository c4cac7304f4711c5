import { describe, expect, it } from "vitest";
import { readContext } from "../src/index.js";

const NOW = new Date("2026-11-27T09:00:00Z");
const stage = (text: string) => readContext(text, { now: NOW }).stage;

/** A lead unhappy with us is a complaint (answered first), not unhappiness with another vendor's tool. */
describe("readContext: complaints", () => {
  it.each([
    "Complained that the onboarding was slow and support did not answer",
    "Customer is unhappy with our support response times",
    "Asked for a refund after the outage",
    "Support ticket still unresolved for 2 weeks, CFO escalated",
    "Signed in March, now frustrated with the onboarding",
    "Kunde ist unzufrieden mit dem Onboarding und der Salesforce-Integration",
    "Der Support hat nicht geantwortet, Kunde verärgert",
    "Le client est mécontent : le support n'a jamais répondu",
    "El cliente se quejó de la facturación",
  ])("%s → complaint", (text) => {
    expect(stage(text)).toBe("complaint");
  });

  it("an unanswered support ticket is a complaint, not a lead who did not reply", () => {
    expect(stage("support did not answer for a week")).toBe("complaint");
    expect(stage("No reply to my last 2 emails since the proposal went out")).toBe("no_reply");
  });

  it.each([
    ["Frustrated with their current CRM, wants better reporting", "question"],
    ["unhappy with HubSpot, looking to switch", "competitor"],
    ["HubSpot support is slow, they want a change", "question"],
    ["frustrated with spreadsheets, asked about forecasting", "question"],
    ["Sehr unzufrieden mit ihrem aktuellen CRM, wollen wechseln", "competitor"],
  ])("unhappiness with another vendor is no complaint: %s → %s", (text, expected) => {
    expect(stage(text)).toBe(expected);
  });
});
