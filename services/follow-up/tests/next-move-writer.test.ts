import { describe, expect, it } from "vitest";
import type { Lead } from "@gardenos/contracts";
import { writeFollowUp } from "../src/template-writer.js";

/**
 * The built-in writer when the context says who moves next or when the prospect decides: it
 * waits for the contact ("meldet sich Ende nächster Woche"), checks back after the day the note
 * names ("follow up after she talks to her CIO on Friday"), and names the decision's month.
 */

const NOW = new Date("2026-11-27T09:00:00Z");
const lead = (id: string, first: string, title: string, language?: string): Lead => ({
  id,
  contact: { first_name: first, title },
  company: { name: "Müller Haustechnik GmbH", industry: "Construction", employees: 45 },
  ...(language ? { language } : {}),
});
const write = (l: Lead, context: string) => writeFollowUp({ lead: l, context, now: NOW });
const CALL_ASK = /short call|kurzes Gespräch|kurzer Termin|15-minütiges|un court échange|una breve llamada/i;

describe("the contact will get back to us", () => {
  it("German: waits for the end of next week and names the partner it waits on", () => {
    const r = write(lead("n1", "Jonas", "Geschäftsführer", "de"), "Angebot am Montag geschickt, er will es mit seinem Partner besprechen und meldet sich Ende nächster Woche.");
    expect(r.language).toBe("de");
    expect(r.body).toMatch(/Ende nächster Woche von Ihnen zu hören/);
    expect(r.body).toMatch(/Ihr Partner/);
    expect(r.body).not.toMatch(CALL_ASK);
    // "am Montag geschickt" is the past: no sentence about Monday.
    expect(r.body).not.toMatch(/Montag/);
  });
  it("English, French and Spanish", () => {
    const en = write(lead("n2", "Dana", "Owner"), "Sent the proposal; she will get back to us next Tuesday after reviewing it with her co-founder.");
    expect(en.body).toMatch(/hearing from you next Tuesday/);
    expect(en.body).toMatch(/your business partner/);
    expect(en.body).not.toMatch(CALL_ASK);
    const fr = write(lead("n3", "Luc", "Gérant", "fr"), "Devis envoyé, il en parle à son associé et reviendra vers nous vendredi.");
    expect(fr.body).toMatch(/nouvelles vendredi/);
    expect(fr.body).toMatch(/votre associé/);
    const es = write(lead("n4", "Raúl", "Director", "es"), "Propuesta enviada; nos dirá algo a finales de la próxima semana.");
    expect(es.body).toMatch(/espera de sus noticias antes de final de la próxima semana/);
  });
  it("a confirmed meeting is still a meeting, not the contact's move", () => {
    const r = write(lead("n5", "Dana", "Owner"), "Meeting booked for Thursday at 3pm CET with her co-founder.");
    expect(r.stage).toBe("meeting_booked");
    expect(r.body).toMatch(/Thursday at 3pm CET/);
    expect(r.body).not.toMatch(/hearing from you/);
  });
});

describe("follow up after a day", () => {
  it("checks back after Friday instead of asking for a call", () => {
    const r = write(lead("n6", "Lena", "IT Director"), "Wants on-premise hosting. Follow up after she talks to her CIO on Friday.");
    expect(r.body).toMatch(/check back after Friday/);
    expect(r.body).toMatch(/your CIO/);
    expect(r.body).not.toMatch(CALL_ASK);
  });
  it("in German", () => {
    const r = write(lead("n7", "Lena", "IT-Leiterin", "de"), "Will On-Premise. Nachfassen nach ihrem Gespräch mit dem CIO am Freitag.");
    expect(r.body).toMatch(/Nach Ihrem Gespräch am Freitag melden wir uns wieder/);
  });
});

describe("the decision's month", () => {
  it("is named in each language", () => {
    const de = write(lead("n8", "Katrin", "Leiterin Vertrieb", "de"), "Demo am Dienstag gemacht, Fragen zu SAP-Anbindung und DSGVO. Entscheidung im Januar.");
    expect(de.body).toMatch(/Entscheidung im Januar/);
    const en = write(lead("n9", "Sam", "COO"), "Evaluating us vs. Close and Copper; decision in March.");
    expect(en.body).toMatch(/decision in March/);
    const fr = write(lead("n10", "Luc", "Directeur", "fr"), "Démo faite, décision en février.");
    expect(fr.body).toMatch(/décision en février/);
    const es = write(lead("n11", "Ana", "Directora", "es"), "Demo hecha; decidirán en enero.");
    expect(es.body).toMatch(/decisión en enero/);
  });
  it("a decision maker is a person, not a decision date", () => {
    const r = write(lead("n12", "Sam", "Office Manager"), "Call with the decision maker on Tuesday at 10am.");
    expect(r.body).not.toMatch(/your decision/);
    expect(r.body).toMatch(/Tuesday at 10am/);
  });
});

describe("German industry sentence", () => {
  it("puts the trades in the dative after 'Bei'", () => {
    let dative = 0;
    const names = ["Jonas", "Katrin", "Anna", "Paul", "Lea", "Tim", "Mia", "Ben", "Eva", "Jan", "Ida", "Max"];
    const contexts = ["Angebot geschickt", "Erstkontakt auf der Messe", "Keine Antwort bisher", "Fragen zu DATEV"];
    for (let i = 0; i < names.length * contexts.length; i++) {
      const l = lead(`n${20 + i}`, names[i % names.length]!, "Geschäftsführer", "de");
      const r = write(l, contexts[Math.floor(i / names.length)]!);
      expect(r.body).not.toMatch(/Bei Bau- und Handwerksbetriebe\b|den meisten Bau- und Handwerksbetriebe\b/);
      if (/(?:Bei|den meisten) Bau- und Handwerksbetrieben\b/.test(r.body)) dative++;
    }
    expect(dative).toBeGreaterThan(0);
  });
});

describe("from the third blind probe set", () => {
  it("vendor paperwork is one sentence, not a sales onboarding plan", () => {
    const r = write(lead("n60", "Anna", "Procurement Manager"), "Sent their vendor onboarding form; needs our VAT number, bank details and proof of insurance by Dec 10.");
    expect(r.body).toMatch(/complete your vendor onboarding form and send our VAT number, our bank details and proof of insurance/);
    expect(r.body).toMatch(/10 December/);
    expect(r.body).not.toMatch(/For onboarding/);
  });
  it("after a pilot that went well, the rollout; not setting the pilot up", () => {
    const r = write(lead("n61", "Emma", "Operations Director"), "Pilot with 20 field staff went well; she needs a rollout plan for 300 users and a business case for the CFO.");
    expect(r.body).toMatch(/pilot went/);
    expect(r.body).toMatch(/rollout/);
    expect(r.body).not.toMatch(/pilot is set up/);
  });
  it("German: a missed appointment in the right case", () => {
    let dative = 0;
    for (const [i, first] of ["Bernd", "Katrin", "Anna", "Paul", "Lea", "Tim", "Mia", "Ben", "Eva", "Jan", "Ida", "Max"].entries()) {
      const r = write(lead(`n62-${i}`, first, "Inhaber", "de"), "Termin verpasst, war auf der Baustelle. Neuen Termin vorschlagen.");
      expect(r.stage).toBe("no_reply");
      expect(r.body).not.toMatch(/mit der Termin|auf den Demo/);
      if (/mit dem Termin nicht geklappt/.test(r.body)) dative++;
    }
    expect(dative).toBeGreaterThan(0);
  });
  it("Spanish: a trade-show stand named, a product with a web address named without it", () => {
    const r = write(lead("n63", "Carmen", "Responsable de Marketing", "es"), "Vino a nuestro stand en Fitur. Le interesa la integración con Booking.com.");
    expect(r.body).toMatch(/Fitur/);
    expect(r.body).toMatch(/Booking/);
    expect(r.body).not.toMatch(/link removed|Booking\.com|incluiremos a Booking/);
  });
});

describe("the time of day the contact prefers", () => {
  it("is kept to when the e-mail proposes a time; 'this morning' is no preference", () => {
    const de = write(lead("n70", "Bernd", "Inhaber", "de"), "Termin verpasst, war auf der Baustelle. Neuen Termin vorschlagen, am liebsten früh morgens.");
    expect(de.body).toMatch(/Gern auch morgens/);
    const en = write(lead("n71", "Dana", "Owner"), "Requested a demo; she prefers afternoons.");
    expect(en.body).toMatch(/Afternoons work well for us/);
    const past = write(lead("n72", "Dana", "Owner"), "Spoke this morning, she requested a demo.");
    expect(past.body).not.toMatch(/Mornings work well/);
    const booked = write(lead("n73", "Olivia", "Marketing Manager"), "Asked us to call her on her mobile after 4pm tomorrow rather than email.");
    expect(booked.body).toMatch(/tomorrow at 4pm/);
    expect(booked.body).not.toMatch(/Afternoons work well/);
  });
});

describe("from the fourth blind probe set", () => {
  it("no call is proposed to a contact who asked not to be phoned", () => {
    const r = write(lead("n80", "Amy", "Practice Owner"), "asked to stop calling her, prefers email only. Still interested in online booking.");
    expect(r.body).toMatch(/online booking/);
    expect(r.body).not.toMatch(/\bcall\b|phone/i);
  });
  it("after a loss: thanks, an open door, no comparison call and no sales paragraph", () => {
    const r = write(lead("n81", "Stefan", "Vertriebsleiter", "de"), "Kein Interesse mehr, sie haben intern eine eigene Lösung gebaut.");
    expect(r.subject).toBe("Danke für Ihre Rückmeldung");
    expect(r.body).toMatch(/eigene Lösung/);
    expect(r.body).toMatch(/zweite Meinung/);
    expect(r.body).not.toMatch(/Gespräch|Vergleich|Mitarbeitenden/);
    const en = write(lead("n82", "Jin", "Head of Growth"), "Chose a competitor (Pipedrive) last month because of price. Contract renews in June.");
    expect(en.body).toMatch(/chosen Pipedrive/);
    expect(en.body).toMatch(/June/);
    expect(en.body).not.toMatch(/is a good idea|20-minute call/);
  });
  it("a kickoff and a go-live on another day are both acknowledged", () => {
    const r = write(lead("n83", "Victor", "Sales Director"), "Contract signed last week for 40 seats on Enterprise. Kickoff call Monday 10am CET with his team leads; wants Salesforce data imported before go-live on Jan 15.");
    expect(r.body).toMatch(/Monday at 10am CET/);
    expect(r.body).toMatch(/15 January/);
  });
});

describe("from the fifth blind probe set", () => {
  it("a webinar no-show gets the recording in a first-touch e-mail, not a missed meeting", () => {
    const r = write(lead("n90", "Oscar", "Marketing Manager"), "Registered for our webinar on lead scoring yesterday but didn't attend. Send the recording.");
    expect(r.stage).toBe("first_touch");
    expect(r.body).toMatch(/missed you at the webinar on lead scoring; we'll send you the recording/);
    expect(r.body).not.toMatch(/meeting didn't happen|no worries/i);
  });
  it("a referrer is thanked whatever the stage", () => {
    const r = write(lead("n91", "Léa", "Chargée de communication", "fr"), "Elle nous a été présentée par Julien (agence Pixel). Besoin d'un outil pour gérer les bénévoles et la billetterie.");
    expect(r.body).toMatch(/Merci à Julien pour la mise en relation/);
    expect(r.body).toMatch(/bénévoles/);
    expect(r.body).toMatch(/billetterie/);
    expect(r.body).not.toMatch(/agence de Pixel/);
  });
  it("Spanish: 'ayuda al', never 'ayuda a el'", () => {
    for (const [i, first] of ["Ana", "Luis", "Sara", "Pablo", "Eva", "Juan", "Rosa", "Omar"].entries()) {
      const r = write({ id: `n92-${i}`, contact: { first_name: first, title: "Director" }, company: { name: `Banco ${i}`, industry: "Finance", employees: 600 }, language: "es" }, "Preguntó por la integración");
      expect(r.body).not.toMatch(/ a el /);
    }
  });
});

describe("an existing customer", () => {
  it("is written to as a customer: a check-in, no sales paragraph, the upgrade and SLA answered", () => {
    const r = write(lead("n95", "Derek", "Head of Support"), "Existing customer on the Team plan (25 seats). Usage up 40% this quarter; he asked about upgrading to Business for the SLA and sandbox environments. Renewal is March 1.");
    expect(r.stage).toBe("customer");
    expect(r.body).toMatch(/Business plan/);
    expect(r.body).toMatch(/SLA/);
    expect(r.body).toMatch(/sandbox/);
    expect(r.body).not.toMatch(/people|headcount|business case/);
  });
  it("a churn risk gets a health check; a happy customer is asked for a reference, not sent a case study", () => {
    const churn = write(lead("n96", "Nadia", "Operations Lead"), "Churn risk: logins dropped 70% since October, two open tickets about slow reports. Offer a health check call with our CSM.");
    expect(churn.stage).toBe("customer");
    expect(churn.body).toMatch(/health check|account review/);
    const happy = write(lead("n97", "Petra", "Einkäuferin", "de"), "Kunde seit 2 Jahren, sehr zufrieden. Fragen, ob sie uns weiterempfehlen würde bzw. für eine Fallstudie zur Verfügung steht.");
    expect(happy.stage).toBe("customer");
    expect(happy.body).toMatch(/uns zu empfehlen oder für eine kurze Fallstudie/);
    expect(happy.body).not.toMatch(/Hat die Fallstudie Fragen/);
  });
  it("a prospect who wants to reduce churn, or whose competitor contract renews, is no customer", () => {
    expect(write(lead("n98", "Jo", "COO"), "They want to reduce churn in their subscriber base").stage).not.toBe("customer");
    expect(write(lead("n99", "Jo", "COO"), "Their HubSpot renewal is due in June").stage).not.toBe("customer");
  });
});

describe("feedback that the product fell short", () => {
  it("is thanked and passed on, not answered as a trial in progress or a timing objection", () => {
    const r = write(lead("n100", "Grant", "VP Sales"), "Gave feedback after the trial: loved the forecasting, hated the mobile app (too slow). Said he'd reconsider if the mobile app improves.");
    expect(r.stage).toBe("objection");
    expect(r.body).toMatch(/honest feedback/);
    expect(r.body).toMatch(/product team/);
    expect(r.body).not.toMatch(/trial is going well|timing|get the most out of the trial/);
    const de = write(lead("n101", "Jonas", "Geschäftsführer", "de"), "Die App gefiel ihm nicht, zu langsam.");
    expect(de.body).toMatch(/Produktteam/);
  });
});
