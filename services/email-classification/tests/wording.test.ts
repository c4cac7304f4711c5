import { describe, expect, it } from "vitest";
import { defaultClassifier } from "../src/default-model.js";
import { maskNegated } from "../src/text/negation.js";

/** Wording the first phrase tables did not know: other voices, negation, real mail systems' reports. */

const c = defaultClassifier();
const categoryOf = (body: string, subject = "Re: Following up", from = "Ana Ruiz <ana@acme.example>") =>
  c.classify({ from, subject, body }).category;

describe("requests to stop in words the tables did not list", () => {
  it.each([
    "take us off please",
    "Kindly do not email me again about this.",
    "I am not wishing to receive these messages.",
    "Please make this the last email I get from you.",
    "I'd rather not hear from you again, thanks.",
    "Under Art. 21 GDPR I object to direct marketing.",
    "Remove all of my details from your system.",
    "Bitte tragen Sie mich aus Ihrer Mailingliste aus.",
    "Schreiben Sie mir bitte nicht mehr.",
    "Ich widerrufe meine Einwilligung.",
    "Ne m'écrivez plus, merci.",
    "Merci de supprimer mes données et de ne plus me solliciter.",
    "No vuelvan a contactarme, por favor.",
    "Quiero darme de baja.",
    "Me opongo al tratamiento de mis datos.",
    "Veuillez rayer mon adresse de votre fichier.",
    "Por favor quiten mi correo de su listado.",
    "Unsub me.",
    "I request you to not send any further promotional mails to this id.",
    "Keine Werbemails mehr an diese Adresse, bitte.",
    "Merci d'arrêter de m'envoyer vos messages.",
  ])("%s", (body) => {
    expect(categoryOf(body)).toBe("unsubscribe");
  });

  it.each([
    ["Don't send me the contract yet, legal is still reviewing it.", "interested"],
    ["Please remove the SSO add-on from the quote, we don't need it.", null],
    ["No more questions from my side, please send the order form.", "interested"],
    ["Bitte schicken Sie mir das Angebot, wir wollen nicht mehr warten.", "interested"],
    ["Please don't send the contract again, we have it. Can you set us up on Monday?", null],
  ])("does not read a business request as one: %s", (body, expected) => {
    const got = categoryOf(body);
    expect(got).not.toBe("unsubscribe");
    if (expected) expect(got).toBe(expected);
  });
});

describe("negation and competing intents", () => {
  it("masks what a reply says it does not want", () => {
    expect(maskNegated("no need for another call, send the paperwork")).toMatch(/znomeeting/);
    expect(maskNegated("we prefer not to move forward")).toMatch(/znegated/);
  });

  it.each([
    ["We'll go ahead with the pilot. No need for another call, just send the paperwork.", "interested"],
    ["Not interested right now, but feel free to check back next year.", "not_interested"],
    ["We won't be moving forward with this.", "not_interested"],
    ["Merci, mais ce n'est pas une priorité pour nous.", "not_interested"],
    ["Too expensive for us, we pay half that with our current tool.", "objection"],
    ["does it work w/ outlook?", "question"],
    ["can u do thurs 3pm EST?", "meeting_request"],
    ["They said yes. What do you need from us to get started?", "interested"],
  ])("%s → %s", (body, expected) => {
    expect(categoryOf(body)).toBe(expected);
  });
});

describe("legal disclaimers", () => {
  it("are cut with the signature, in four languages", () => {
    for (const d of ["CONFIDENTIALITY NOTICE: This e-mail is confidential and intended solely for the addressee; we will not be responsible.", "Diese E-Mail enthält vertrauliche Informationen und ist nur für den Empfänger bestimmt.", "Ce message et ses pièces jointes sont confidentiels et destinés au seul destinataire.", "Este mensaje es confidencial y va dirigido exclusivamente a su destinatario."]) {
      const r = c.classify({ from: "a@b.example", subject: "Re: x", body: `Not something we wish to pursue, thanks.\n\nYours sincerely,\nAna\n\n${d}` });
      expect(r.prepared.text, d).toBe("Not something we wish to pursue, thanks.");
      expect(r.category, d).toBe("not_interested");
    }
  });
});

describe("auto-replies and delivery reports from real mail systems", () => {
  it.each([
    "Je serai de retour le 3 mars. En mon absence, vos messages ne seront pas lus.",
    "Me encuentro de vacaciones y regresaré el 3 de marzo.",
    "Ich bin auf Dienstreise und ab dem 3. März wieder im Büro.",
    "I'm at a conference this week and will reply when I'm back.",
  ])("out of office: %s", (body) => {
    expect(categoryOf(body, "Re: Following up")).toBe("out_of_office");
  });

  it.each([
    ["Postfix", "MAILER-DAEMON@mail.acme.example (Mail Delivery System)", "Undelivered Mail Returned to Sender", "This is the mail system at host mail.acme.example.\n\nI'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n<x@acme.example>: host mx.acme.example said: 550 5.1.1 Recipient address rejected: User unknown\n\nFinal-Recipient: rfc822; x@acme.example\nAction: failed\nStatus: 5.1.1"],
    ["qmail", "MAILER-DAEMON@mx.acme.example", "failure notice", "Hi. This is the qmail-send program at mx.acme.example.\nI'm afraid I wasn't able to deliver your message to the following addresses.\nThis is a permanent error; I've given up.\n\n<x@acme.example>:\nSorry, no mailbox here by that name. (#5.1.1)"],
    ["Exchange (de)", "Microsoft Outlook <postmaster@acme.example>", "Unzustellbar: Angebot", "Ihre Nachricht hat folgende Empfänger oder Gruppen nicht erreicht:\n\nx@acme.example\nDie eingegebene E-Mail-Adresse wurde nicht gefunden.\n\nRemoteserver hat '550 5.1.10 RESOLVER.ADR.RecipientNotFound' zurückgegeben."],
  ])("bounce: %s", (_system, from, subject, body) => {
    expect(categoryOf(body, subject, from)).toBe("bounce");
  });
});
