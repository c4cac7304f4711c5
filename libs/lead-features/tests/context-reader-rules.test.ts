import { describe, expect, it } from "vitest";
import { readContext } from "../src/index.js";
import { expandShorthand } from "../src/context/shorthand.js";
import { wordsRegex } from "../src/context/text.js";

/** Rules of the context reader beyond its tables: shorthand, negation, tense, precedence, dates. */

const NOW = new Date("2026-11-27T09:00:00Z");
const read = (text: string) => readContext(text, { now: NOW });
const ids = (text: string) => read(text).points.map((p) => p.id);

describe("shorthand and typos", () => {
  it("spells out salesperson shorthand and common typos before reading", () => {
    expect(expandShorthand("went w/ Close, left 3 VMs abt the pricng")).toBe("went with Close, left 3 voicemails about the pricing");
    expect(expandShorthand("w/Priya and w/o budget")).toBe("with Priya and without budget");
  });
  it("reads a stage written in shorthand", () => {
    expect(read("they went w/ Freshsales, maybe next yr").stage).toBe("competitor");
    expect(read("sent the pricng + order form this am").stage).toBe("pricing_sent");
    expect(read("left 4 VMs, nothing back").stage).toBe("no_reply");
    expect(read("not intrested right now, try again in April")).toMatchObject({ stage: "objection", reconnect: { month: 4 } });
  });
  it("matches accented words after a \\w* stem (pregunt\\w* → Preguntó)", () => {
    expect(wordsRegex(["pregunt\\w*"]).test("Preguntó si hay API")).toBe(true);
    expect(read("Preguntó por la app móvil").stage).toBe("question");
  });
});

describe("negation and tense", () => {
  it("a demo not yet held, then asked for: a demo request, with its day", () => {
    const r = read("no demo yet, he wants one Thursday 11am");
    expect(r.stage).toBe("demo_requested");
    expect(r.when[0]).toMatchObject({ weekday: 4, hour: 11, event: "meeting" });
  });
  it("a day in a past clause is no meeting to come", () => {
    expect(read("demo done wed., asks about Xero sync").stage).toBe("demo_done");
  });
  it("a demo on a future day, with no booking word, is a demo requested; with one it is a meeting booked", () => {
    expect(read("Demo el jueves que viene a las 10h, quiere ver la facturación").stage).toBe("demo_requested");
    expect(read("Demo confirmed for Friday 9am").stage).toBe("meeting_booked");
  });
  it("'not yet' cancels neither the question nor the want that follows", () => {
    expect(read("noch keine Demo, möchte zuerst Referenzen sehen").stage).toBe("question");
    expect(read("pas encore de démo, il veut d'abord des références").stage).toBe("question");
  });
});

describe("precedence", () => {
  it("a competitor's contract running until a month is no objection", () => {
    expect(read("nutzen derzeit HubSpot, Vertrag läuft bis März").stage).toBe("competitor");
    expect(read("On Zendesk today, contract runs until May, open to switching").stage).toBe("competitor");
  });
  it("'not before' on a demo request is the request's timing", () => {
    expect(read("Wants a demo but not before 10 February").stage).toBe("demo_requested");
  });
  it("waiting for a board's approval is a timing objection, with the month", () => {
    expect(read("needs sign-off from the board, which meets in early March")).toMatchObject({ stage: "objection", reconnect: { month: 3 } });
    expect(read("they need approval workflows for purchase orders").stage).toBe("question");
  });
  it("reads unavailability in four languages as timing", () => {
    expect(read("Kein Interesse vor dem neuen Geschäftsjahr (ab April)")).toMatchObject({ stage: "objection", reconnect: { month: 4 } });
    expect(read("Pas dispo avant février, trop de projets")).toMatchObject({ stage: "objection", reconnect: { month: 2 } });
    expect(read("No están disponibles hasta mayo").stage).toBe("objection");
  });
  it("thinking of switching away from a CRM is a competitor stage", () => {
    expect(read("Usan Pipedrive y están pensando en cambiar").stage).toBe("competitor");
  });
});

describe("dates and months", () => {
  it("'the 20th of January' is one date", () => {
    expect(read("He wants a demo, not before the 20th of January").when[0]).toMatchObject({ day: 20, month: 1 });
  });
  it("joins a weekday and a time across 'prochain à' and 'que viene a las'", () => {
    expect(read("Démo prévue mardi prochain à 15h").when[0]).toMatchObject({ weekday: 2, hour: 15, next: true });
    expect(read("Demo el lunes que viene a las 9").when[0]).toMatchObject({ weekday: 1, hour: 9 });
  });
  it("a quarter named as a deadline or a decision date is its last month", () => {
    expect(read("Comparing us with Zoho, decision end of Q2").when.find((w) => w.event === "decision")).toMatchObject({ month: 6 });
    expect(read("Their Zoho contract renews end of Q3").when.find((w) => w.event === "deadline")).toMatchObject({ month: 9 });
  });
  it("who moves next: the contact's reply, our follow-up after a day; a date in the past is none", () => {
    expect(read("Angebot am Montag geschickt, er meldet sich Ende nächster Woche.").when).toEqual([expect.objectContaining({ event: "their_move", relative: "end_of_next_week" })]);
    expect(read("Follow up after she talks to her CIO on Friday.").when).toEqual([expect.objectContaining({ event: "follow_up", weekday: 5 })]);
    expect(read("Il reviendra vers nous jeudi prochain.").when).toEqual([expect.objectContaining({ event: "their_move", weekday: 4, next: true })]);
    // The verb must come before the day: "Friday" here is the call's, not the contact's move.
    expect(read("Call on Friday, she will get back to us.").when[0]?.event).toBe("meeting");
  });
  it("'in a year' reconnects in the same month next year", () => {
    expect(read("Ils ont choisi Axonaut, à recontacter dans un an").reconnect).toMatchObject({ month: 11, year: 2027 });
    expect(read("Went with Close, revisit in 2 years").reconnect).toMatchObject({ month: 11, year: 2028 });
  });
});

describe("what is named", () => {
  it("finds scheduling, route planning, territories, invoicing, training, recording, agenda and POs", () => {
    expect(ids("interested in shift planning and route planning")).toEqual(expect.arrayContaining(["scheduling", "route_planning"]));
    expect(ids("asked about territory management and invoicing")).toEqual(expect.arrayContaining(["territories", "invoicing"]));
    expect(ids("signed, training for 6 drivers, send the recording and agenda, PO next week")).toEqual(expect.arrayContaining(["training", "team_size", "recording", "agenda", "purchase_order"]));
    expect(ids("quiere la gestión de turnos")).toContain("scheduling");
  });
  it("does not take 'planning to' or 'schedule a call' for a feature", () => {
    expect(ids("planning to schedule a call next week")).not.toContain("scheduling");
  });
  it("does not take a contract for a product name", () => {
    const products = read("nutzen aktuell Pipedrive, Vertrag läuft bis Juni").points.filter((p) => p.kind === "competitor" || p.kind === "tool" || p.kind === "integration");
    expect(products.map((p) => p.id)).toEqual(["pipedrive"]);
  });
  it("tells short Spanish notes from English", () => {
    expect(read("no contestar por teléfono, solo email. quiere saber si hay prueba gratis").language).toBe("es");
    expect(read("Nuevo lead desde la web, interesado en la gestión de turnos").language).toBe("es");
  });
});
