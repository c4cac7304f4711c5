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

describe("from the third blind probe set (samples/followup-cases-probe3.jsonl)", () => {
  it("stages: a German missed appointment is a no-reply with a reschedule; 'tuvimos la demo' is a demo done", () => {
    const de = read("Termin verpasst, war auf der Baustelle. Neuen Termin vorschlagen.");
    expect(de.stage).toBe("no_reply");
    expect(de.missedMeeting).toBe(true);
    expect(read("Tuvimos la demo el martes; quiere saber si cumple con el RGPD").stage).toBe("demo_done");
    expect(read("On a eu la démo hier, il a des questions sur l'API").stage).toBe("demo_done");
  });
  it("the tool in use named in brackets, and the data moved from it", () => {
    const r = read("quiere saber si podemos migrar los datos desde su software actual (Gesden).");
    expect(r.points).toEqual([expect.objectContaining({ id: "gesden", kind: "integration", migration: true })]);
  });
  it("a product with a web address is an integration, never a person", () => {
    const r = read("Le interesa la integración con Booking.com y las encuestas a los huéspedes.");
    expect(r.points.find((p) => p.id === "booking")).toMatchObject({ kind: "integration", label: "Booking" });
    expect(r.points.some((p) => p.kind === "person")).toBe(false);
    expect(ids("Le interesa la integración con Booking.com y las encuestas a los huéspedes.")).toContain("surveys");
  });
  it("features and security terms: SMS reminders, several locations, IP allowlisting, an uptime SLA", () => {
    expect(ids("She wants to see appointment reminders by SMS and how we handle multiple clinic locations.")).toEqual(expect.arrayContaining(["sms", "reminders", "multi_location"]));
    expect(ids("they need IP allowlisting and asked about our uptime SLA")).toEqual(expect.arrayContaining(["ip_allowlist", "sla"]));
  });
  it("a pilot that went well, a rollout, ease of use, payment terms, vendor paperwork", () => {
    const pilot = ids("Pilot with 20 field staff went well; she needs a rollout plan for 300 users.");
    expect(pilot).toEqual(expect.arrayContaining(["pilot_done", "rollout"]));
    expect(pilot).not.toContain("pilot");
    expect(ids("Says our tool is too complicated for his reps; wants something simpler.")).toContain("ease_of_use");
    expect(labelEn("il demande un paiement trimestriel au lieu d'annuel", "payment_terms")).toBe("quarterly payment");
    expect(ids("Sent their vendor onboarding form; needs our VAT number, bank details and proof of insurance by Dec 10.")).toEqual(expect.arrayContaining(["vendor_form", "doc_vat", "doc_bank", "doc_insurance"]));
    expect(ids("Sent their vendor onboarding form")).not.toContain("onboarding");
  });
  it("a plan named after its word ('formule Pro') and a training's day", () => {
    expect(ids("Il a signé hier pour 3 utilisateurs, formule Pro.")).toContain("plan:pro");
    expect(read("Souhaite une formation pour son équipe la semaine prochaine.").when).toEqual([expect.objectContaining({ event: "start", relative: "next_week" })]);
  });
  it("'avant vendredi' is a deadline", () => {
    expect(read("Réponse attendue avant vendredi.").when).toEqual([expect.objectContaining({ event: "deadline", weekday: 5 })]);
  });
});

describe("from the fourth blind probe set (samples/followup-cases-probe4.jsonl)", () => {
  it("a build of their own is a vendor chosen; 'not interested' is an objection", () => {
    const r = read("Kein Interesse mehr, sie haben intern eine eigene Lösung gebaut.");
    expect(r.stage).toBe("competitor");
    expect(r.points).toEqual([expect.objectContaining({ id: "in_house", chosen: true })]);
    expect(read("Not interested any more.").stage).toBe("objection");
  });
  it("no calls asked for; a price ceiling; the interface in another language", () => {
    expect(read("asked to stop calling her, prefers email only").noCalls).toBe(true);
    expect(read("Call her on Tuesday").noCalls).toBeUndefined();
    expect(labelEn("too expensive for a 4-person shop, would need something under $50/month", "price_ceiling")).toBe("a plan under $50 a month");
    expect(labelEn("Wants the interface in Japanese for their Tokyo users", "ui_language")).toBe("the interface in Japanese");
  });
  it("roles: the data protection officer is not GDPR, a committee, a managing partner by name, a colleague who takes over", () => {
    expect(ids("Datenschutzbeauftragter hat Bedenken; braucht Auskunft zu Unterauftragsverarbeitern.")).toEqual(expect.arrayContaining(["dpo", "subprocessors"]));
    expect(ids("Datenschutzbeauftragter hat Bedenken")).not.toContain("gdpr");
    expect(ids("Necesita tres presupuestos para su comité")).toEqual(expect.arrayContaining(["committee", "proposal"]));
    expect(ids("the managing partner, David Lane, signs off on software")).toEqual(expect.arrayContaining(["managing_partner", "person:david lane"]));
    expect(ids("son collègue Marc reprend le dossier")).toContain("person:marc");
  });
  it("days: 'fecha límite', a board meeting's date, the end of the year, two starts", () => {
    expect(read("Fecha límite: 5 de diciembre.").when).toEqual([expect.objectContaining({ event: "deadline", day: 5, month: 12 })]);
    expect(read("Vorstandssitzung am 18. Dezember.").when).toEqual([expect.objectContaining({ event: "deadline", day: 18, month: 12 })]);
    expect(read("pide un descuento si firman antes de fin de año").when).toEqual([expect.objectContaining({ relative: "end_of_year" })]);
    expect(read("Kickoff call Monday 10am CET; go-live on Jan 15.").when.filter((w) => w.event === "start")).toHaveLength(2);
  });
  it("a cost-benefit analysis is an ROI case, not invoicing or pricing", () => {
    const got = ids("Benötigt eine Kosten-Nutzen-Rechnung für den Vorstand");
    expect(got).toContain("roi");
    expect(got).not.toContain("invoicing");
    expect(got).not.toContain("pricing");
  });
});

describe("from the fifth blind probe set (samples/followup-cases-probe5.jsonl)", () => {
  it("PCI DSS, a sandbox, accessibility, an NDA; 'more than 300 employees' is no team size", () => {
    expect(ids("Nos pidió un entorno de pruebas (sandbox). También preguntó por PCI DSS.")).toEqual(expect.arrayContaining(["sandbox", "pci"]));
    expect(ids("Muss barrierefrei (BITV 2.0) sein")).toContain("accessibility");
    const refs = ids("Procurement requires two references from companies with more than 300 employees and our SOC 2 report under NDA.");
    expect(refs).toEqual(expect.arrayContaining(["nda", "soc2"]));
    expect(refs).not.toContain("team_size");
  });
  it("a referrer named with 'présentée par'; the referrer's agency in brackets is no office of the lead's", () => {
    const r = read("Elle nous a été présentée par Julien (agence Pixel).");
    expect(r.points).toEqual([expect.objectContaining({ id: "person:julien", referrer: true })]);
  });
  it("'Angebotsfrist 20. Januar' is a deadline", () => {
    expect(read("Ausschreibung läuft, Angebotsfrist 20. Januar.").when).toEqual([expect.objectContaining({ event: "deadline", day: 20, month: 1 })]);
  });
});
