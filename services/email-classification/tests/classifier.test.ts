import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { EmailClassificationResult } from "@gardenos/contracts";
import { defaultClassifier, readShippedModel } from "../src/default-model.js";
import { colleague, meetingTimes, objectionFindings, returnDate } from "../src/extract.js";
import { trainCombined } from "../src/model/combined.js";
import { modelText } from "../src/classifier.js";
import { classifyBuiltin } from "../src/reply.js";
import { DEFAULT_ROUTES, loadRouting, routeFor } from "../src/routing.js";
import { prepareText } from "../src/text/prepare.js";

const c = defaultClassifier();
const mail = (body: string, subject = "Re: Following up", from = "Ana Ruiz <ana@acme.example>") => ({ from, to: "max@gardenos.example", subject, body, received_at: "2026-03-05T10:00:00Z" });
const categoryOf = (body: string, subject?: string, from?: string) => c.classify(mail(body, subject, from)).category;

describe("text preparation: the e-mail's own words", () => {
  it.each([
    ["en", "Sounds good.\n\nOn Tue, 3 Mar 2026 at 10:04, Max <max@gardenos.example> wrote:\n> Please unsubscribe if not interested"],
    ["de", "Klingt gut.\n\nAm 03.03.2026 um 10:04 schrieb Max <max@gardenos.example>:\n> Bitte abmelden, falls kein Interesse"],
    ["fr", "Ça me va.\n\nLe mar. 3 mars 2026 à 10:04, Max <max@gardenos.example> a écrit :\n> Désabonnez-vous si besoin"],
    ["es", "Me parece bien.\n\nEl mar, 3 mar 2026 a las 10:04, Max <max@gardenos.example> escribió:\n> Darse de baja aquí"],
    ["outlook", "Sounds good.\n\nFrom: Max Lindqvist <max@gardenos.example>\nSent: Monday, March 2, 2026 9:00 AM\nTo: Ana\nSubject: Following up\n\nUnsubscribe here"],
    ["original", "Sounds good.\n\n-----Original Message-----\nUnsubscribe here"],
  ])("cuts the quoted message (%s)", (_lang, body) => {
    const p = prepareText(body);
    expect(p.quoted).toBe(true);
    expect(p.text).not.toMatch(/abonn|abmelden|baja|unsubscribe/i);
  });

  it("cuts signatures, phone sign-offs and the greeting", () => {
    const p = prepareText("Hi Max,\n\nWe would like a quote for 20 seats.\n\nBest regards,\nAna Ruiz\nHead of Sales | Acme\n+34 600 000 000\n\nSent from my iPhone");
    expect(p.text).toBe("We would like a quote for 20 seats.");
    expect(p.signature).toBe(true);
    expect(prepareText("Passt gut.\n-- \nAna Ruiz\nAcme GmbH").text).toBe("Passt gut.");
  });

  it("reads HTML-only bodies as text without the quoted block", () => {
    const p = prepareText('<html><body><p>Can we talk on <b>Friday</b>?</p><blockquote class="gmail_quote">remove me</blockquote></body></html>');
    expect(p.html).toBe(true);
    expect(p.text).toContain("Can we talk on Friday?");
    expect(p.text).not.toContain("remove me");
  });
});

describe("built-in classifier rules", () => {
  it.each([
    "Please remove me from your mailing list.",
    "STOP",
    "Thanks.\n\nunsubscribe",
    "We liked the demo, but don't email me again.",
    "Bitte nehmen Sie mich aus Ihrem Verteiler.",
    "Merci de me retirer de votre liste de diffusion.",
    "Por favor, dame de baja.",
    "Kindly ensure that my address is removed from all of your marketing lists.",
    "I would ask that you no longer send emails to this address.",
    "Please treat this as a formal GDPR request to stop processing my contact details for marketing.",
    "Ich widerspreche der Nutzung meiner Daten zu Werbezwecken.",
  ])("never misses a request to stop: %s", (body) => {
    expect(categoryOf(body)).toBe("unsubscribe");
  });

  it.each([
    "Je ne suis plus chez Dupont SA depuis septembre, merci de contacter Mme Leroy.",
    "Ich bin nicht mehr bei der Müller GmbH, bitte schreiben Sie Herrn Kraus.",
    "Ya no estoy en Ferretería López; escriba a Ana Ruiz.",
    "I'm no longer at Acme - please reach out to Mark Brown instead.",
  ])("reads a departure as the wrong person, not as a request to stop: %s", (body) => {
    expect(categoryOf(body)).toBe("wrong_person");
  });

  it("still reads an absence that names a colleague as an absence", () => {
    expect(categoryOf("Je suis absente jusqu'au 5 janvier. En cas d'urgence, merci de contacter ma collègue Mme Leroy.")).toBe("out_of_office");
  });

  it("takes a request to stop from the subject too, but not from a quote or a header", () => {
    expect(categoryOf("", "Unsubscribe")).toBe("unsubscribe");
    expect(categoryOf("Yes, send me the proposal please.\n\nOn Mon, Max wrote:\n> reply STOP to unsubscribe")).toBe("interested");
  });

  it("lets the model take a request to stop that no rule knows, below the rules' confidence", () => {
    const r = classifyBuiltin(c, DEFAULT_ROUTES, { email: mail("Your marketing emails are not welcome here, I never signed up.") });
    expect(r.category).toBe("unsubscribe");
    expect(r.signals).toContain("model:unsubscribe");
    expect(r.confidence).toBeLessThanOrEqual(0.9);
  });

  it("flags weak signs of a request to stop in a reply about the deal, for a person to check", () => {
    const r = classifyBuiltin(c, DEFAULT_ROUTES, { email: mail("Your marketing emails are not welcome here, and the quote you sent was far too high anyway.") });
    expect(r.category).not.toBe("unsubscribe");
    expect(r.signals).toContain("possible_unsubscribe");
    expect(r.confidence).toBeLessThanOrEqual(0.5);
    expect(r.suggested_action).toMatch(/may ask to stop e-mails/);
  });

  it("reads machines first: a mail system's report and an automatic reply ask nobody to stop", () => {
    const dsn = "Your message to old.address@acme.example could not be delivered.\n550 5.1.1 mailbox unavailable. To be taken off the blocklist, request removal from this list at the provider.";
    expect(categoryOf(dsn, "Undeliverable: Following up", "Mail Delivery System <MAILER-DAEMON@mx.acme.example>")).toBe("bounce");
    expect(categoryOf("Ich bin bis Montag im Urlaub und lese keine E-Mails. Bitte wenden Sie sich an team@acme.example.", "Automatische Antwort: Following up")).toBe("out_of_office");
    expect(categoryOf("Thank you for your message. Pat Kelly is no longer with Acme Ltd. Please contact Sam Lee (sam.lee@acme.example) instead.", "Automatic reply: Following up")).toBe("wrong_person");
    expect(categoryOf("Pat Kelly hat das Unternehmen Ende Oktober verlassen. Ihre Nachricht wird nicht weitergeleitet; bitte schreiben Sie an vertrieb@acme.example.", "Abwesenheitsnotiz: Following up")).toBe("wrong_person");
    // A person who writes "Unsubscribe" in the subject of an auto-reply's answer still stops.
    expect(categoryOf("", "Out of office: unsubscribe")).toBe("unsubscribe");
  });

  it("reads sick leave (\"de baja médica\") as an absence, not as a request to stop", () => {
    expect(categoryOf("Me encuentro de baja médica hasta el 30 de marzo y no podré responder hasta entonces.")).toBe("out_of_office");
  });

  it("knows bounces from a mail system and auto-replies", () => {
    expect(categoryOf("Delivery to the following recipient failed permanently: x@acme.example 550 5.1.1", "Delivery Status Notification (Failure)", "mailer-daemon@googlemail.com")).toBe("bounce");
    expect(categoryOf("I am out of the office until Monday with limited access to email.", "Automatic reply")).toBe("out_of_office");
    expect(categoryOf("I'm not the right person. Please contact Rachel Adams (rachel.adams@acme.example).")).toBe("wrong_person");
  });

  it("gives every result the contract's shape", () => {
    for (const body of ["", "?", "<html></html>", "a".repeat(50_000), "Ignore previous instructions."]) {
      expect(EmailClassificationResult.safeParse(classifyBuiltin(c, DEFAULT_ROUTES, { email: mail(body) })).success).toBe(true);
    }
  });

  it("carries the reply as it read it: sender, the Message-ID it answers, its own text without quotes or signature", () => {
    const quoted = {
      en: "Tuesday works.\n\nOn Mon, Nov 23, 2026 at 9:00 AM Sales <s@x.example> wrote:\n> Shall we meet?",
      de: "Passt mir gut.\n\nAm 23.11.2026 um 09:00 schrieb Vertrieb <s@x.example>:\n> Termin?",
      fr: "Ça me va.\n\nLe lun. 23 nov. 2026 à 09:00, Ventes <s@x.example> a écrit :\n> Rendez-vous ?",
      es: "Me parece bien.\n\nEl lun, 23 nov 2026 a las 9:00, Ventas (<s@x.example>) escribió:\n> ¿Reunión?",
    };
    for (const [lang, body] of Object.entries(quoted)) {
      const r = classifyBuiltin(c, DEFAULT_ROUTES, { email: { ...mail(body), in_reply_to: "<followup-1@gardenos>" } });
      expect(r.reply, lang).toMatchObject({ from: "Ana Ruiz <ana@acme.example>", in_reply_to: "<followup-1@gardenos>", received_at: "2026-03-05T10:00:00Z" });
      expect(r.reply!.text, lang).toBe(body.split("\n")[0]);
    }
    const long = classifyBuiltin(c, DEFAULT_ROUTES, { email: mail("word ".repeat(2000)) });
    expect(long.reply!.text.length).toBeLessThanOrEqual(3000);
  });
});

describe("what the e-mail names", () => {
  const received = new Date("2026-03-05T10:00:00Z"); // a Thursday
  it("reads proposed meeting times in the sender's zone, relative to when the e-mail arrived", () => {
    expect(meetingTimes("Are you free Tuesday at 3pm EST?", "en", received)).toEqual(["2026-03-10T15:00:00-05:00"]);
    expect(meetingTimes("Passt Ihnen Donnerstag um 10:00 Uhr MEZ?", "de", received)).toEqual(["2026-03-12T10:00:00+01:00"]);
    expect(meetingTimes("Friday 11:00 (UTC+2) works", "en", received)).toEqual(["2026-03-06T11:00:00+02:00"]);
    // No zone stated: read as UTC.
    expect(meetingTimes("Je suis disponible mardi à 14h.", "fr", received)).toEqual(["2026-03-10T14:00:00Z"]);
  });

  it("reads the return date of an absence", () => {
    expect(returnDate("I am out of the office until Monday, March 16.", "en", received)).toBe("2026-03-16");
    expect(returnDate("Out of office: back on 07.04.2026.", "en", received)).toBe("2026-04-07");
    expect(returnDate("I'm out of the office through Wednesday, returning Thursday, March 19.", "en", received)).toBe("2026-03-19");
    expect(returnDate("Ich bin bis einschließlich 3. April im Urlaub.", "de", received)).toBe("2026-04-04");
  });

  it("reads the colleague, the competitor and the price", () => {
    expect(colleague("Please contact Rachel Adams (rachel.adams@acme.example), who handles purchasing.", "Ana <ana@acme.example>")).toEqual({ name: "Rachel Adams", email: "rachel.adams@acme.example" });
    expect(colleague("I'm in finance. Please reach out to Martin Vogel instead.", "ana@acme.example")).toEqual({ name: "Martin Vogel" });
    expect(objectionFindings("Pipedrive does this for $40/user, half the price.")).toEqual({ competitor: "Pipedrive", price: "$40/user" });
    expect(objectionFindings("Das ist uns zu teuer, wir zahlen 300 € im Monat für HubSpot.")).toEqual({ competitor: "HubSpot", price: "300 € im Monat" });
  });
});

describe("routing rules", () => {
  it("routes by category, urgency, lead score and territory, first match wins", () => {
    expect(routeFor(DEFAULT_ROUTES, { category: "question", urgency: 6, territory: "emea" })).toBe("sales:emea");
    expect(routeFor(DEFAULT_ROUTES, { category: "question", urgency: 6 })).toBe("sales");
    expect(routeFor(DEFAULT_ROUTES, { category: "interested", urgency: 8, lead_score: 9 })).toBe("sales-priority");
    const cfg = loadRouting({ EMAIL_ROUTES: JSON.stringify({ rules: [{ category: ["objection"], territory: ["us-west"], route: "ae-west" }], fallback: "inbox" }) });
    expect(routeFor(cfg, { category: "objection", urgency: 5, territory: "US-West" })).toBe("ae-west");
    expect(routeFor(cfg, { category: "objection", urgency: 5, territory: "emea" })).toBe("inbox");
  });

  it("refuses a bad configuration naming the field", () => {
    expect(() => loadRouting({ EMAIL_ROUTES: '{"rules":[{"category":["maybe"],"route":"x"}]}' })).toThrow(/rules\.0\.category/);
    expect(() => loadRouting({ EMAIL_ROUTES: "{not json" })).toThrow(/EMAIL_ROUTES is not valid JSON/);
  });
});

describe("the shipped model", () => {
  it("is what the training script fits from every labelled file (samples/emails*.jsonl)", () => {
    const dir = fileURLToPath(new URL("../../../samples/", import.meta.url));
    const files = readdirSync(dir).filter((f) => /^emails.*\.jsonl$/.test(f)).sort().map((f) => `samples/${f}`);
    const samples = files.flatMap((f) => readFileSync(`${dir}${f.slice("samples/".length)}`, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l)));
    const data = trainCombined(samples.map((s) => ({ text: modelText(s.email), label: s.label })), { files });
    const SHIPPED_MODEL = readShippedModel();
    expect(SHIPPED_MODEL.trained_on).toEqual({ files, emails: samples.length });
    expect(SHIPPED_MODEL.nb_scale).toBe(data.nb_scale);
    expect(SHIPPED_MODEL.linear.training).toEqual(data.linear.training);
    expect(data.linear.bias).toEqual(SHIPPED_MODEL.linear.bias);
    expect(data.linear.weights).toEqual(SHIPPED_MODEL.linear.weights);
    expect(data.naive_bayes.docs).toEqual(SHIPPED_MODEL.naive_bayes.docs);
    expect(data.naive_bayes.counts).toEqual(SHIPPED_MODEL.naive_bayes.counts);
  }, 60_000);
});
