import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { Lead } from "@gardenos/contracts";
import { readLeadsFile } from "../cli/src/files/lead-file.js";
import { DeepSeekTokens } from "../bench/src/lib/tokens.js";
import { CONTEXTS, LONG_CONTEXT, TARGET_ANALYSIS, TARGET_FOLLOW_UP, largeLead, longHistory, measureAnalysis, measureFollowUp, total, typicalHistory } from "../bench/src/scenarios/tokens.js";

/**
 * The token budget per LLM call (issue 14), counted with DeepSeek-V3's own tokenizer the way the
 * bench's `tokens` scenario counts it, over the 50 sample leads: a prompt change that makes the
 * calls dearer fails here, not on the bill.
 */
const SAMPLES = fileURLToPath(new URL("../samples/leads.csv", import.meta.url));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe("tokens per LLM call (DeepSeek-V3 tokenizer, the 50 sample leads)", () => {
  let tk: DeepSeekTokens;
  let leads: Lead[];
  beforeAll(async () => {
    tk = new DeepSeekTokens();
    leads = (await readLeadsFile(SAMPLES)).rows.flatMap((r) => (r.lead ? [r.lead] : []));
    expect(leads).toHaveLength(50);
  });

  it(`a lead analysis takes at most ${TARGET_ANALYSIS} tokens (prompt + answer) for the typical lead, the system prompt under 200`, () => {
    const m = leads.map((l) => measureAnalysis(tk, l));
    expect(median(m.map(total))).toBeLessThanOrEqual(TARGET_ANALYSIS);
    expect(Math.max(...m.map(total))).toBeLessThanOrEqual(TARGET_ANALYSIS * 1.1);
    expect(m[0]!.system).toBeLessThan(200);
  });

  it(`a follow-up takes at most ${TARGET_FOLLOW_UP} tokens (prompt + answer) for the typical lead, the system prompt under 200`, () => {
    const m = leads.map((l, i) => measureFollowUp(tk, l, CONTEXTS[i % CONTEXTS.length]!, typicalHistory(l)));
    expect(median(m.map(total))).toBeLessThanOrEqual(TARGET_FOLLOW_UP);
    expect(Math.max(...m.map(total))).toBeLessThanOrEqual(TARGET_FOLLOW_UP * 1.1);
    expect(m[0]!.system).toBeLessThan(200);
  });

  it("a large CRM record (every field, a long note, a long context, five history entries) stays within both targets too", () => {
    const richest = [...leads].sort((x, y) => JSON.stringify(y).length - JSON.stringify(x).length)[0]!;
    const large = largeLead(richest);
    expect(total(measureAnalysis(tk, large))).toBeLessThanOrEqual(TARGET_ANALYSIS);
    expect(total(measureFollowUp(tk, large, LONG_CONTEXT, longHistory(large)))).toBeLessThanOrEqual(TARGET_FOLLOW_UP);
  });

  it("counts a chat request as DeepSeek-V3 reads it (chat template and special tokens)", () => {
    // <｜begin▁of▁sentence｜> + "You are X." (4) + <｜User｜> + "Hello there" (2) + <｜Assistant｜>
    expect(tk.prompt([{ role: "system", content: "You are X." }, { role: "user", content: "Hello there" }])).toBe(9);
    expect(tk.answer('{"ok":true}')).toBe(tk.text('{"ok":true}') + 1);
  });
});
