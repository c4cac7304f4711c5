import { describe, expect, it } from "vitest";
import type { Lead } from "@gardenos/contracts";
import { writeFollowUp } from "../src/template-writer.js";

const lead: Lead = {
  id: "L-7",
  company: { name: "Acme", industry: "Software", employees: 120 },
  contact: { first_name: "Maria", last_name: "Lopez", title: "Head of Sales", email: "maria@acme.example" },
};
const NOW = new Date("2026-11-27T09:00:00Z");

/** After a complaint the built-in writer apologises, says what it looks into and offers to fix it: no sales pitch. */
describe("the built-in writer after a complaint", () => {
  it("apologises, names what is looked into, proposes to fix it, and does not sell", () => {
    const r = writeFollowUp({ lead, context: "Complained that the onboarding was slow and support did not answer", now: NOW });
    expect(r.stage).toBe("complaint");
    expect(r.body).toMatch(/sorry/i);
    expect(r.body).toMatch(/looking into what happened with onboarding/i);
    expect(r.body).toMatch(/fix|straight away/i);
    // Not a re-engagement nudge, not the industry and role pitch.
    expect(r.body).not.toMatch(/haven't heard back|still a priority|first 90 days|usually where most of the effort goes|strategic question/i);
  });

  it("proposes no call to a do_not_call contact", () => {
    const r = writeFollowUp({ lead: { ...lead, contact: { ...lead.contact, do_not_call: true } }, context: "Customer is unhappy with our support response times, asked for a refund", now: NOW });
    expect(r.stage).toBe("complaint");
    expect(r.body).toMatch(/sorry/i);
    expect(r.body).not.toMatch(/\bcall\b/i);
  });

  it.each([
    ["Kunde ist unzufrieden mit dem Onboarding, der Support hat nicht geantwortet", "de", /Es tut uns leid|entschuldigen Sie/],
    ["Le client est mécontent : le support n'a jamais répondu", "fr", /désolés|excuses/],
    ["El cliente se quejó de la facturación", "es", /Lamentamos|disculpe/],
  ])("writes the apology in the context's language: %s", (context, language, apology) => {
    const r = writeFollowUp({ lead, context, now: NOW });
    expect(r.stage).toBe("complaint");
    expect(r.language).toBe(language);
    expect(r.body).toMatch(apology);
  });
});
