import { describe, expect, it } from "vitest";
import { readContext } from "../src/index.js";

/** Terms and names the context reader learnt from a second, blind probe set (samples/followup-cases-probe2.jsonl). */

const NOW = new Date("2026-11-27T09:00:00Z");
const read = (text: string) => readContext(text, { now: NOW });
const ids = (text: string) => read(text).points.map((p) => p.id);
const labelEn = (text: string, id: string) => {
  const p = read(text).points.find((x) => x.id === id);
  return typeof p?.label === "string" ? p.label : p?.label.en;
};

describe("names end at a full stop", () => {
  it("a competitor's name does not run into the next sentence", () => {
    expect(ids("Il a trouvé notre offre trop chère par rapport à Sellsy. Rappeler en mars.")).toContain("sellsy");
    expect(ids("Went with Pipedrive. Revisit in June.")).toEqual(["pipedrive"]);
  });
  it("a name followed by a capitalised sentence start is the name alone", () => {
    expect(read("Comparing us with Axonaut. Then she left for lunch").points.map((p) => p.label)).toEqual(["Axonaut"]);
  });
});

describe("French and Spanish objections", () => {
  it("'trop chère', 'demasiado cara' are budget objections; 'par rapport à' is a comparison, not reporting", () => {
    const fr = read("Il a trouvé notre offre trop chère par rapport à Sellsy. Rappeler en mars.");
    expect(fr.stage).toBe("objection");
    expect(fr.reconnect).toMatchObject({ month: 3, reason: "budget" });
    expect(ids("Il a trouvé notre offre trop chère par rapport à Sellsy.")).not.toContain("reporting");
    expect(ids("Il veut des rapports hebdomadaires")).toContain("reporting");
    expect(read("Le parece demasiado cara la licencia").stage).toBe("objection");
  });
});

describe("terms", () => {
  it("a BAA, telephony and Teams telephony, support", () => {
    expect(ids("Needs HIPAA compliance and a BAA before anything else")).toEqual(expect.arrayContaining(["hipaa", "baa"]));
    expect(ids("Fragt, ob wir Telefonie (Teams) anbinden können")).toEqual(expect.arrayContaining(["telephony", "teams"]));
    expect(ids("The teams in sales want better reports")).not.toContain("teams");
    expect(ids("invoices were charged twice and support didn't answer for 3 days")).toContain("support");
    // "Do you support SSO?" is a verb, not the support team.
    expect(ids("asked if we support SAML SSO with Okta")).not.toContain("support");
  });
  it("a price lock and the currency to invoice in", () => {
    expect(ids("Wants a 3-year price lock")).toContain("price_lock");
    expect(ids("Möchte eine Preisgarantie für zwei Jahre")).toContain("price_lock");
    expect(labelEn("Wants invoicing in EUR", "currency")).toBe("invoicing in EUR");
    expect(labelEn("Factures en euros, svp", "currency")).toBe("invoicing in EUR");
    // The currency says what the invoicing point would have: no separate "invoicing" feature.
    expect(ids("Wants invoicing in EUR")).not.toContain("invoicing");
  });
  it("German data residency with the country in the middle", () => {
    expect(labelEn("ob die Daten in Deutschland liegen", "hosting")).toBe("hosting in Germany");
  });
});

describe("days", () => {
  it("a start in a month alone ('quiere empezar en febrero')", () => {
    expect(read("Quiere empezar en febrero.").when).toEqual([expect.objectContaining({ event: "start", month: 2 })]);
    expect(read("Went live in March with Zendesk").when.filter((w) => w.event === "start")).toHaveLength(1);
  });
  it("a day number between a weekday and a time keeps the time ('lunes 9 a las 10:00')", () => {
    expect(read("onboarding el lunes 9 a las 10:00").when).toEqual([expect.objectContaining({ event: "start", weekday: 1, hour: 10, minute: 0 })]);
  });
});
