import { describe, expect, it } from "vitest";
import { findKeyword, firstMatch, hasKeyword } from "../src/index.js";

/**
 * hasKeyword (one regex for a whole list) must say yes exactly when one of the list's patterns,
 * matched on its own as findKeyword always did, is in the text: the scorer uses it to skip lists.
 */
const one = (text: string, p: string) => new RegExp(`(?:^|[^a-z0-9])(${p})(?:$|[^a-z0-9])`, "i").test(text);

const lists: string[][] = [
  ["vice[- ]president", "[saer]?vp"],
  ["financ\\w*", "bank\\w*", "insur\\w*"],
  ["no budget", "budget (?:is )?(?:approved|confirmed)", "budget"],
  ["lead", "team lead", "leader"],
  ["jr", "entry[- ]level", "c\\+\\+"],
];
const texts = [
  "", "VP of Sales", "mvp", "svp, marketing", "Vice-President", "vice president", "financial services", "refinance", "Banking",
  "we have no budget", "budget approved in Q1", "budgetary", "team leader", "misleading", "Jr. developer", "entry level", "c++ dev",
  "lead.", "(lead)", "leadership", "x-vp-y", "vp2", "2vp",
];

describe("one regex for a list of keywords", () => {
  for (const list of lists) {
    it(`agrees with the patterns one by one: ${list.join(" | ")}`, () => {
      for (const t of texts) {
        const any = list.some((p) => one(t, p));
        expect(hasKeyword(t, list), t).toBe(any);
        expect(findKeyword(t, list) !== undefined, t).toBe(any);
      }
    });
  }

  it("keeps the order of the list, not the order in the text", () => {
    expect(findKeyword("budget approved, but no budget this year", ["no budget", "budget approved"])).toBe("no budget");
    expect(firstMatch("head of sales and vp", [{ key: "a", patterns: ["vp"] }, { key: "b", patterns: ["head"] }])).toEqual({ key: "a", hit: "vp" });
    expect(firstMatch("nothing here", [{ key: "a", patterns: ["vp"] }])).toBeUndefined();
    expect(hasKeyword("anything", [])).toBe(false);
  });
});
