import { describe, expect, it } from "vitest";
import { buysBusinessSoftware, companySizeOf, employeesFromSize, employeesOf, industryOf, leadFeatures } from "../src/index.js";

describe("company size", () => {
  it.each([
    [1, "micro"],
    [10, "micro"],
    [11, "small"],
    [50, "small"],
    [51, "mid"],
    [1000, "mid"],
    [1001, "large"],
    [50_000, "large"],
  ])("%i employees → %s", (employees, band) => expect(companySizeOf({ employees })).toBe(band));

  it.each([
    ["1-10", "micro"],
    ["11-50", "small"],
    ["51-200", "mid"],
    ["501-1000", "mid"],
    ["1,001–5,000", "large"],
    ["10000+", "large"],
    ["1000+", "large"],
    ["10k+", "large"],
    ["Small (10-50)", "small"],
    ["Enterprise", "large"],
    ["Global", "large"],
    ["Mid-Market", "mid"],
    ["Medium", "mid"],
    ["SMB", "small"],
    ["Startup", "micro"],
    ["Freelancer", "micro"],
    ["weird", "unknown"],
  ])("size %j → %s", (size, band) => expect(companySizeOf({ size })).toBe(band));

  it("prefers a stated head count; 0 employees means not filled in", () => {
    expect(employeesOf({ employees: 3, size: "Enterprise" })).toEqual({ count: 3, stated: true });
    expect(employeesOf({ employees: 0, size: "Enterprise" })).toEqual({ count: 5000, stated: false });
    expect(companySizeOf({ employees: 0 })).toBe("unknown");
    expect(companySizeOf(undefined)).toBe("unknown");
  });

  it("estimates a band by its geometric middle", () => {
    expect(employeesFromSize("51-200")).toBeCloseTo(Math.sqrt(51 * 200));
    expect(employeesFromSize("5k-10k")).toBeCloseTo(Math.sqrt(5000 * 10000));
    expect(employeesFromSize("")).toBeUndefined();
  });
});

describe("industry", () => {
  it.each([
    ["Hospital & Health Care", "healthcare"],
    ["Pharmaceuticals", "healthcare"],
    ["SaaS", "software"],
    ["IT Projects Management", "software"],
    ["Computer Software", "software"],
    ["Banking, Investment And Insurance", "finance"],
    ["Fintech", "finance"],
    ["Accounting", "finance"],
    ["Real Estate", "real-estate"],
    ["Construction", "real-estate"],
    ["Supply Chain Management", "logistics"],
    ["Travel and Tourism", "hospitality"],
    ["E-commerce", "retail"],
    ["Wholesale", "retail"],
    ["Automotive", "manufacturing"],
    ["Media and Advertising", "marketing"],
    ["Marketing Agency", "marketing"],
    ["Telecommunications", "telecom"],
    ["Consulting", "professional-services"],
    ["Legal", "professional-services"],
    ["Utilities", "energy"],
    ["Non-profit", "nonprofit"],
    ["Government", "government"],
    ["Education", "education"],
    ["Agriculture", "other"],
  ])("%s → %s", (industry, sector) => expect(industryOf({ industry }).industry).toBe(sector));

  it("falls back to the company name, and says where it came from", () => {
    expect(industryOf({ name: "Acme Logistics" })).toEqual({ industry: "logistics", from: "name" });
    expect(industryOf({ name: "Acme Logistics", industry: "Banking" })).toEqual({ industry: "finance", from: "industry" });
    expect(industryOf({ name: "Acme Logistics", industry: "Agriculture" })).toEqual({ industry: "logistics", from: "name" });
    expect(industryOf({ name: "Acme", industry: "Agriculture" })).toEqual({ industry: "other", from: "industry" });
    expect(industryOf({ name: "Acme" })).toEqual({ industry: "unknown", from: undefined });
  });

  it("knows which sectors buy business software", () => {
    expect(buysBusinessSoftware("software")).toBe(true);
    expect(buysBusinessSoftware("logistics")).toBe(true);
    expect(buysBusinessSoftware("education")).toBe(false);
    expect(buysBusinessSoftware("retail")).toBe(false);
    expect(buysBusinessSoftware("other")).toBe(false);
    expect(leadFeatures({ company: { name: "A", industry: "Legal" } }).buysBusinessSoftware).toBe(true);
  });
});
