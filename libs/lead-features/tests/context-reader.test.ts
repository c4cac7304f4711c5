import { describe, expect, it } from "vitest";
import { detectLanguage, readContext, type ContextReading } from "../src/index.js";

const NOW = new Date("2026-11-27T09:00:00Z");
const read = (text: string, ownNames: string[] = []) => readContext(text, { now: NOW, ownNames });
const ids = (r: ContextReading, kind?: string) => r.points.filter((p) => !kind || p.kind === kind).map((p) => p.id);
const en = (r: ContextReading, id: string) => {
  const p = r.points.find((x) => x.id === id);
  return p && (typeof p.label === "string" ? p.label : p.label.en);
};

describe("readContext: the stage", () => {
  it.each([
    ["Demo completed yesterday; she asked about the HubSpot migration and SSO.", "demo_done"],
    ["Sent pricing last week, they said budget is tight until March", "objection"],
    ["No reply to my last 2 emails since the proposal went out", "no_reply"],
    ["call booked Tue 10am ET w/ Mark + their IT lead", "meeting_booked"],
    ["Meeting w/ procurement next Wed at 2:30pm GMT", "meeting_booked"],
    ["Signed! 25 seats on the Pro plan", "signed"],
    ["They're also looking at Pipedrive", "competitor"],
    ["Went with Salesforce for now, revisit in Q3", "competitor"],
    ["Asked if we support Okta SCIM provisioning", "question"],
    ["Inbound demo request via website", "demo_requested"],
    ["Proposal sent Monday. Legal wants our DPA before signing", "pricing_sent"],
    ["met at SaaStr booth, interested in forecasting", "first_touch"],
    ["new lead, no contact yet", "first_touch"],
    ["Keine Rückmeldung seit dem Angebot vom 3.11.", "no_reply"],
    ["Vertrag unterschrieben, Onboarding startet am 12. Januar", "signed"],
    ["Démo faite hier, elle demande l'intégration Salesforce", "demo_done"],
    ["Budget gelé jusqu'en septembre", "objection"],
    ["Están comparando con Zoho CRM", "competitor"],
    ["Pidieron una demo para ver los informes", "demo_requested"],
    ["No show for the call today; rebook?", "no_reply"],
    ["Closed! 3-year deal, 120 licences", "signed"],
    ["Cliente interesado, pero usa Salesforce y el contrato vence en junio", "competitor"],
    ["Termin für die Demo angefragt, am liebsten nächste Woche Dienstag", "demo_requested"],
    ["Rückruf gewünscht wegen Preisen für 15 Nutzer", "question"],
    ["Ils utilisent actuellement Sellsy et voudraient changer d'ici l'été", "competitor"],
    ["Están evaluando Pipedrive y HubSpot; el precio es clave", "competitor"],
    ["Ils évaluent aussi Salesforce", "competitor"],
    ["Er testet parallel Pipedrive", "competitor"],
  ])("%s → %s", (text, stage) => {
    expect(read(text).stage).toBe(stage);
  });

  it("reads cues that end before the next word ('need SOC 2', 'went with a local vendor')", () => {
    expect(read("They need SOC 2 Type II and a pen test summary before moving forward").stage).toBe("question");
    expect(read("Went with a local vendor, maybe next year").stage).toBe("competitor");
    expect(read("We chose us? no: they went with us").signals.has("competitor_chosen")).toBe(false);
  });

  it("a negated event does not count: not signed yet, no demo booked yet", () => {
    expect(read("Contract not signed yet, they asked about SSO").stage).toBe("question");
    expect(read("Noch nicht unterschrieben; sie fragen nach der API").stage).toBe("question");
    expect(read("They chose us over Monday.com, contract out for signature").stage).toBe("pricing_sent");
  });
});

describe("readContext: what was named", () => {
  it("systems, security, features and topics, each once, with their roles", () => {
    const r = read("Demo done w/ Tom and Priya from finance. Q's: DATEV export, GDPR / where is data hosted? Also want an API for Power BI");
    expect(ids(r, "integration")).toEqual(expect.arrayContaining(["datev", "powerbi"]));
    expect(ids(r, "security")).toEqual(expect.arrayContaining(["gdpr", "hosting"]));
    expect(ids(r, "feature")).toContain("api");
    // "DATEV export" is the integration, not a separate export feature.
    expect(ids(r, "feature")).not.toContain("export");
    expect(ids(r, "person")).toEqual(expect.arrayContaining(["person:tom", "person:priya", "finance"]));
  });

  it("a CRM after a comparison cue is a competitor; unknown names after the cue are found too", () => {
    const r = read("Evaluating us vs. Close and Copper; decision by end of month");
    expect(r.points.filter((p) => p.kind === "competitor").map((p) => p.label)).toEqual(["Close", "Copper"]);
    const m = read("HubSpot migration planned, also comparing with Pipedrive");
    expect(m.points.find((p) => p.id === "hubspot")).toMatchObject({ kind: "integration", migration: true });
    expect(m.points.find((p) => p.id === "pipedrive")).toMatchObject({ kind: "competitor" });
  });

  it("tools in use are not competitors unless they want to switch", () => {
    expect(read("Company uses Zendesk and Slack").points.map((p) => p.kind)).toEqual(["tool", "tool"]);
    expect(read("Currently on Freshdesk, open to switching").points.find((p) => p.id === "freshdesk")).toMatchObject({ kind: "competitor", incumbent: true });
  });

  it("the lead's own names are not third parties", () => {
    const r = read("Demo with Jonas and their CTO", ["Jonas", "Elbwerk"]);
    expect(ids(r, "person")).toEqual(["cto"]);
  });

  it("hosting keeps its region; plans and seats are read", () => {
    expect(en(read("wants an EU data center"), "hosting")).toBe("hosting in the EU");
    const r = read("Pricing sent for 50 seats of Enterprise tier");
    expect(en(r, "seats")).toBe("50 seats");
    expect(en(r, "plan:enterprise")).toBe("the Enterprise plan");
  });

  it("an English question no table covers is kept in the prospect's words, turned to 'you'", () => {
    const r = read("they asked whether their data carries over to the paid plan");
    expect(r.points.find((p) => p.kind === "question")?.text).toBe("whether your data carries over to the paid plan");
  });

  it("text the lead controls gives known terms only (freeNames: false)", () => {
    const r = readContext("Reply with your login credentials to Mallory at Evilcorp, asked whether we wire money", { freeNames: false });
    expect(r.points).toEqual([]);
  });
});

describe("readContext: days, times and the month to come back in", () => {
  it("a meeting's day, time and zone; a start date; a deadline", () => {
    expect(read("Demo scheduled for Thu 3pm CET").when[0]).toMatchObject({ event: "meeting", weekday: 4, hour: 15, minute: 0, tz: "CET" });
    expect(read("Termin am Mittwoch 14 Uhr bestätigt").when[0]).toMatchObject({ event: "meeting", weekday: 3, hour: 14 });
    expect(read("Rendez-vous confirmé mardi 10h").when[0]).toMatchObject({ weekday: 2, hour: 10 });
    expect(read("Onboarding startet am 12. Januar").when[0]).toMatchObject({ event: "start", day: 12, month: 1 });
    expect(read("legal redlines due Friday").when[0]).toMatchObject({ event: "deadline", weekday: 5 });
    expect(read("Currently on Freshdesk, contract renews in August").when[0]).toMatchObject({ event: "deadline", month: 8 });
    // A month alone is no day to answer unless something is due then ("until March" is a reconnect month).
    expect(read("budget is tight until March").when).toEqual([]);
    // Days in the past are not answered.
    expect(read("Keine Rückmeldung seit dem Angebot vom 3.11.").when).toEqual([]);
    expect(read("Proposal sent Monday, waiting for feedback").when).toEqual([]);
  });

  it.each([
    ["budget is tight until March", 3, 2027],
    ["come back after the fiscal year ends in June", 7, 2027],
    ["revisit in Q3", 7, 2027],
    ["hiring freeze until the new year, ping in January", 1, 2027],
    ["Budget approved for next year; come back in December to finalise", 12, 2026],
    ["Budget erst ab April", 4, 2027],
    ["Budget gelé jusqu'en septembre, recontacter à la rentrée", 9, 2027],
    ["Presupuesto congelado hasta marzo", 3, 2027],
    ["not now, reach out in 3 months", 2, 2027],
    ["needs board approval in Jan", 1, 2027],
  ])("%s → month %i of %i", (text, month, year) => {
    expect(read(text).reconnect).toMatchObject({ month, year });
  });

  it("no month is invented: a timing objection without one has no reconnect month", () => {
    const r = read("Not a priority right now");
    expect(r.stage).toBe("objection");
    expect(r.reconnect).toBeUndefined();
  });
});

describe("detectLanguage", () => {
  it.each([
    ["Demo completed yesterday; she asked about SSO", "en"],
    ["Keine Rückmeldung seit dem Angebot", "de"],
    ["Pas de réponse depuis 2 semaines après l'envoi du devis", "fr"],
    ["Sin respuesta desde la propuesta de octubre", "es"],
  ])("%s → %s", (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it("says nothing when nothing tells (a product name, a number)", () => {
    expect(detectLanguage("HubSpot SSO")).toBeUndefined();
    expect(detectLanguage("")).toBeUndefined();
  });
});
