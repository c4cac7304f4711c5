import { describe, expect, it } from "vitest";
import type { FollowUpResult, Lead } from "@gardenos/contracts";
import { writeFollowUp } from "../src/template-writer.js";

/** The built-in writer: a requested slot, the trades' paragraph, event nouns, reorganisations, the notes' shorthand. */

const NOW = new Date("2026-11-27T09:00:00Z");
const lead = (id: string, first: string, company: string, industry: string, extra: Partial<Lead> = {}): Lead => ({
  id,
  contact: { first_name: first, title: "Operations Manager" },
  company: { name: company, industry, employees: 80 },
  ...extra,
});
const write = (l: Lead, context: string) => writeFollowUp({ lead: l, context, now: NOW });
const text = (r: FollowUpResult) => `${r.subject}\n${r.body}`;

describe("a demo asked for at an exact time", () => {
  it("proposes that slot instead of asking for times on it", () => {
    const r = write(lead("s1", "Rachel", "Northgate Plumbing", "Construction"), "no demo yet - she wants one next Thurs 3pm");
    expect(r.stage).toBe("demo_requested");
    expect(r.body).toMatch(/Thursday at 3pm/);
    expect(r.body).not.toMatch(/times that suit you (?:next|on) Thursday|Which days work best for you (?:next|on) Thursday/);
  });
  it("in German too", () => {
    const r = write(lead("s2", "Katrin", "Hansen Haustechnik", "Construction"), "Demo nächste Woche Mittwoch 9 Uhr gewünscht");
    expect(r.body).toMatch(/Mittwoch um 9 Uhr/);
    expect(r.body).not.toMatch(/Zeitfenster am/);
  });
  it("without a time, still asks for times", () => {
    const r = write(lead("s3", "Tom", "Acme Roofing", "Construction"), "requested a demo");
    expect(r.body).toMatch(/times|days/i);
  });
});

describe("industry paragraph", () => {
  it("a plumbing firm reads about jobs and sites, not listings and viewings", () => {
    const r = write(lead("s4", "Kevin", "Apex Plumbing", "Construction"), "asked about invoicing");
    expect(r.body).not.toMatch(/listing|viewing|real estate/i);
    const estate = write(lead("s5", "Olivia", "Harbor Realty", "Real Estate"), "asked about invoicing");
    expect(estate.body).not.toMatch(/\bsite\b.*\bcrews?\b/);
  });
});

describe("points the reader now finds", () => {
  it("names the trade show in German", () => {
    const r = write(lead("s6", "Monika", "Spedition Hartmann", "Logistics"), "Neuer Lead über Messe, interessiert an Tourenplanung");
    expect(text(r)).toMatch(/Messe/);
    expect(text(r)).toMatch(/Tourenplanung/);
  });
  it("acknowledges a reorganisation and comes back in the month named", () => {
    const r = write(lead("s7", "Rita", "Evergreen Care", "Healthcare"), "timing is bad, restructuring until end of Feb. circle back March");
    expect(r.stage).toBe("objection");
    expect(r.body).toMatch(/reorganisation/);
    expect(r.reconnect_month).toMatch(/-03$/);
  });
  it("writes a Spanish note in Spanish and answers the free trial", () => {
    const r = write(lead("s8", "Beatriz", "Academia Prisma", "Education", { contact: { first_name: "Beatriz", do_not_call: true } }), "solo email, quiere saber si hay prueba gratis");
    expect(r.body).toMatch(/prueba/);
    expect(r.body).not.toMatch(/llamada|llamar|teléfono/i);
  });
  it("writes monday.com as a name, not as a domain the output policy would remove as a link", () => {
    const r = write(lead("s9", "Natalie", "Ironclad Engineering", "Engineering"), "Comparing us against Monday.com and Asana, decision end of Q1");
    expect(r.body).toMatch(/Monday and Asana/);
    expect(r.body).not.toMatch(/monday\.com/i);
  });
  it("'busy until summer' plans to come back in June", () => {
    const r = write(lead("s10", "Jon", "Norbridge Foods", "Food & Beverage"), "Replied 'not now', busy with a system migration until summer");
    expect(r.stage).toBe("objection");
    expect(r.reconnect_month).toBe("2027-06");
  });
  it("a question about a trial is answered as a question", () => {
    const r = write(lead("s11", "Ian", "Copperleaf", "Accounting"), "asked if there is a free trial");
    expect(r.body).toMatch(/On a trial: we'll confirm in writing/);
  });
});
