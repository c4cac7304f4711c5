import { describe, expect, it } from "vitest";
import { leadForProvider, type Lead } from "../src/index.js";

const lead: Lead = {
  id: "crm-1",
  contact: { name: "Jane Doe", title: "VP", email: "Jane.Doe@Acme.example", phone: "+1 555 0100", do_not_call: true },
  company: { name: "Acme" },
  custom_fields: { stage: "won" },
};

describe("leadForProvider (LLM_SEND_CONTACT)", () => {
  it("false: first name, title, opt-outs, e-mail domain and has_phone only", () => {
    const out = leadForProvider(lead, { includeCustomFields: false, sendContact: false });
    expect(out).toEqual({ id: "crm-1", company: { name: "Acme" }, contact: { first_name: "Jane", title: "VP", email_domain: "acme.example", has_phone: true, do_not_call: true } });
    expect(JSON.stringify(out)).not.toMatch(/Doe|555|Jane\.Doe/);
  });
  it("true: the contact as given; custom fields only when asked", () => {
    expect(leadForProvider(lead, { includeCustomFields: true, sendContact: true })).toEqual(lead);
  });
});
