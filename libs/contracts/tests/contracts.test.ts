import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  AnalyzeLeadBody,
  LeadSchema,
  bandForPriority,
  consumerName,
  jsonSchemas,
  parseTaskSubject,
  schemaFileText,
  taskSubject,
  toIssues,
} from "../src/index.js";

const dir = new URL("../schemas/", import.meta.url);

describe("JSON Schema files for other languages", () => {
  it("are current: each committed file equals what the zod contracts generate (run `npm run schemas`)", () => {
    const generated = jsonSchemas();
    const committed = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
    expect(committed).toEqual(Object.keys(generated).sort());
    for (const [name, schema] of Object.entries(generated)) {
      expect(readFileSync(new URL(name, dir), "utf8"), `${name} is stale`).toBe(schemaFileText(schema));
    }
  });

  it("describe the lead's four factor groups, notes, language and custom fields", () => {
    const lead = jsonSchemas()["lead.json"] as { properties: Record<string, unknown> };
    expect(Object.keys(lead.properties)).toEqual(["id", "company", "contact", "engagement", "behavior", "notes", "language", "custom_fields"]);
  });
});

describe("priority bands", () => {
  it("maps 1–10 onto low / normal / high subjects and consumers", () => {
    expect([1, 3, 4, 7, 8, 10].map(bandForPriority)).toEqual(["low", "low", "normal", "normal", "high", "high"]);
    expect(taskSubject("lead_analysis", "high")).toBe("lead.analyze.high");
    expect(taskSubject("follow_up", "normal")).toBe("followup.generate");
    expect(consumerName("follow_up", "low")).toBe("follow-up-low");
    expect(parseTaskSubject("followup.generate.low")).toEqual({ type: "follow_up", band: "low" });
    expect(parseTaskSubject("lead.analyzed")).toBeUndefined();
  });
});

describe("validation messages", () => {
  it("name the field and the problem", () => {
    const r = AnalyzeLeadBody.safeParse({ lead: { contact: { email: "x" }, extra: 1 }, priority: 0 });
    expect(r.success).toBe(false);
    const issues = toIssues(r.error!);
    expect(issues).toContainEqual({ path: "lead.contact.email", message: "must be a valid e-mail address" });
    expect(issues).toContainEqual({ path: "lead.extra", message: expect.stringContaining("custom_fields") });
    expect(issues).toContainEqual({ path: "priority", message: "must be between 1 and 10" });
  });

  it("take the lead's language as a BCP 47 tag and name the field for anything else", () => {
    expect(LeadSchema.safeParse({ id: "l1", language: "de" }).success).toBe(true);
    expect(LeadSchema.safeParse({ id: "l1", language: "fr-CA" }).success).toBe(true);
    const r = AnalyzeLeadBody.safeParse({ lead: { id: "l1", language: "German" } });
    expect(toIssues(r.error!)).toEqual([{ path: "lead.language", message: "must be a language tag such as en, de, fr-CA or es-MX" }]);
  });

  it("accept a minimal lead and default the priority to 5", () => {
    expect(AnalyzeLeadBody.parse({ lead: { contact: { email: "a@b.co" } } }).priority).toBe(5);
    expect(LeadSchema.safeParse({ company: { name: "Acme" }, custom_fields: { tier: "gold", seats: 40, partner: true } }).success).toBe(true);
  });
});
