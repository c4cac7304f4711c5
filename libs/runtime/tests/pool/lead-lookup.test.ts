import { Subjects } from "@gardenos/contracts";
import { describe, expect, it } from "vitest";
import { TransientError, UnrecoverableError } from "../../src/errors.js";
import { lookUpLead } from "../../src/pool/lead-lookup.js";

/** What an agent does with each answer of the gateway's lead lookup (a task that carries only lead_id). */
describe("lookUpLead", () => {
  const ctx = (answer: unknown) => {
    const asked: unknown[] = [];
    return { asked, ctx: { tenant: "acme", ask: async (subject: string, payload: unknown) => (asked.push({ subject, payload }), answer) } };
  };

  it("asks gardenos.leads.lookup with the task's tenant and returns the lead", async () => {
    const { asked, ctx: c } = ctx({ status: "found", lead: { id: "4711", company: { name: "Gruenwald" } } });
    expect(await lookUpLead("4711", c)).toEqual({ id: "4711", company: { name: "Gruenwald" } });
    expect(asked).toEqual([{ subject: Subjects.leadLookup, payload: { tenant: "acme", lead_id: "4711" } }]);
  });

  it("not found and invalid fail for good; the source down or no gateway is retried", async () => {
    const nf = await lookUpLead("1", ctx({ status: "not_found" }).ctx).catch((e) => e);
    expect(nf).toBeInstanceOf(UnrecoverableError);
    expect(nf.code).toBe("ERR_LEAD_NOT_FOUND");
    const bad = await lookUpLead("1", ctx({ status: "invalid", message: "x", issues: [{ path: "lead.contact.email", message: 'must be a valid e-mail address (source column "email")' }] }).ctx).catch((e) => e);
    expect(bad).toBeInstanceOf(UnrecoverableError);
    expect(bad.code).toBe("ERR_LEAD_INVALID");
    expect(bad.issues[0].path).toBe("lead.contact.email");
    expect(await lookUpLead("1", ctx({ status: "unavailable" }).ctx).catch((e) => e)).toBeInstanceOf(TransientError);
    expect(await lookUpLead("1", ctx(undefined).ctx).catch((e) => e)).toBeInstanceOf(TransientError);
    expect(await lookUpLead("1", ctx({ nonsense: true }).ctx).catch((e) => e)).toBeInstanceOf(TransientError);
  });
});
