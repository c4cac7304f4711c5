import { describe, expect, it } from "vitest";
import { engagementOf, leadOriginOf, leadSourceOf } from "../src/index.js";

describe("lead source", () => {
  it.each([
    ["Referral Sites", "referral_site"],
    ["Referral", "referral"],
    ["Word of mouth", "referral"],
    ["Purchased list", "cold"],
    ["Olark Chat", "chat"],
    ["Welingak Website", "website"],
    ["Trade show", "form_or_event"],
    ["Facebook", "paid_or_social"],
    ["Organic Search", "search"],
    ["Google", "search"],
    ["Direct Traffic", "direct"],
    ["Carrier pigeon", "other"],
    [undefined, "unknown"],
  ])("%s → %s", (source, kind) => expect(leadSourceOf(source)).toBe(kind));
});

describe("lead origin", () => {
  it.each([
    ["Landing Page Submission", "landing_page"],
    ["Lead Add Form", "form"],
    ["Lead Import", "imported"],
    ["API", "other"],
    ["Added by sales", "sales_entered"],
    [undefined, "unknown"],
  ])("%s → %s", (origin, kind) => expect(leadOriginOf(origin)).toBe(kind));
});

describe("website engagement", () => {
  it("bands time on site first, visits when no time is tracked", () => {
    expect(engagementOf({ id: "a", behavior: { time_on_site_seconds: 20 * 60, site_visits: 1 } }).web).toBe("high");
    expect(engagementOf({ id: "a", behavior: { time_on_site_seconds: 5 * 60 } }).web).toBe("medium");
    expect(engagementOf({ id: "a", behavior: { time_on_site_seconds: 60, site_visits: 9 } }).web).toBe("low");
    expect(engagementOf({ id: "a", behavior: { site_visits: 6 } }).web).toBe("high");
    expect(engagementOf({ id: "a", behavior: { site_visits: 3 } }).web).toBe("medium");
    expect(engagementOf({ id: "a", behavior: { site_visits: 1 } }).web).toBe("low");
    expect(engagementOf({ id: "a", behavior: { site_visits: 0, time_on_site_seconds: 0 } })).toMatchObject({ web: "none", webTracked: false });
    expect(engagementOf({ id: "a" })).toMatchObject({ web: "unknown", webTracked: false });
  });

  it("derives pages per visit from pages viewed when not given", () => {
    expect(engagementOf({ id: "a", behavior: { site_visits: 4, pages_viewed: 10 } }).pagesPerVisit).toBe(2.5);
    expect(engagementOf({ id: "a", behavior: { site_visits: 4, pages_viewed: 10, pages_per_visit: 3 } }).pagesPerVisit).toBe(3);
    expect(engagementOf({ id: "a", behavior: { pages_viewed: 10 } }).pagesPerVisit).toBeUndefined();
    expect(engagementOf({ id: "a", behavior: { time_on_site_seconds: 90 } }).minutesOnSite).toBe(1.5);
  });
});
