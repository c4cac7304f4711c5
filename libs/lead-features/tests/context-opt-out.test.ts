import { describe, expect, it } from "vitest";
import { asksNotToBeEmailed } from "../src/index.js";

describe("asksNotToBeEmailed", () => {
  it.each([
    "Please remove me from your list.",
    "She asked to be removed from our mailing list",
    "Unsubscribed yesterday",
    "Opted out of all emails",
    "Replied STOP",
    "stop",
    "He said to stop emailing him; their legal team insists",
    "Asked us not to contact her again",
    "Doesn't want to receive any more emails",
    "no further contact please",
    "Kunde hat sich abgemeldet",
    "Möchte keine E-Mails mehr",
    "Bitte aus dem Verteiler nehmen",
    "S'est désabonnée de nos envois",
    "Ne souhaite plus être contacté",
    "Se dio de baja ayer",
    "No quiere recibir más correos",
  ])("asks: %s", (text) => expect(asksNotToBeEmailed(text)).toBe(true));

  it.each([
    "Demo completed yesterday; she asked about the HubSpot migration and SSO.",
    "Not interested right now, revisit in March",
    "Did not unsubscribe, just busy",
    "Unsubscribed from a competitor's newsletter, looking for a new CRM",
    "Unsubscribed from the newsletter last year, now requested a demo",
    "Opted out of our webinar invitations but wants pricing",
    "Wants to stop using spreadsheets for the pipeline",
    "Asked how to remove duplicates from the database",
    "Removal of old contacts from the CRM is their main pain",
    "Keine Rückmeldung seit dem Angebot",
    "Pas de réponse depuis le devis",
    "No contestó desde la propuesta",
    "",
  ])("does not ask: %s", (text) => expect(asksNotToBeEmailed(text)).toBe(false));
});
