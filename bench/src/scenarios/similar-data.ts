import { existsSync } from "node:fs";
import { join } from "node:path";
import { readLeadsFile } from "@gardenos/cli";
import { DEFAULT_EXCLUDED_FIELDS, fieldKey } from "@gardenos/conversion-model";
import type { Lead } from "@gardenos/contracts";
import { ROOT } from "../lib/procs.js";

export const XEDU_PATH = join(ROOT, "..", "shared", "data", "xeducation-leads-train.csv");

/** The X Education training file's labelled leads, without the columns the model excludes (they leak the outcome). */
export async function xeducationExamples(): Promise<{ id: string; lead: Lead; label: number }[]> {
  if (!existsSync(XEDU_PATH)) return [];
  const excluded = new Set(DEFAULT_EXCLUDED_FIELDS.map(fieldKey));
  const file = await readLeadsFile(XEDU_PATH, { labelColumn: "Converted" });
  const out: { id: string; lead: Lead; label: number }[] = [];
  for (const r of file.rows) {
    if (!r.lead?.id || r.label === undefined) continue;
    const custom = Object.fromEntries(Object.entries(r.lead.custom_fields ?? {}).filter(([k]) => !excluded.has(fieldKey(k))));
    out.push({ id: r.lead.id, lead: { ...r.lead, custom_fields: custom }, label: r.label });
  }
  return out;
}

/** A seeded generator (the same leads on every run). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32);
}

/**
 * `n` leads like the CRM's: each a real X Education lead (or a synthetic one when the file is not
 * there) with its numbers jittered, so that the stored set is n distinct points around real ones.
 */
export function manyLeads(base: readonly Lead[], n: number, seed = 7): Lead[] {
  const rnd = rng(seed);
  const sources = ["Referral", "Google", "Direct Traffic", "Olark Chat", "Organic Search", "Reference", "Welingak Website"];
  const activities = ["Email Opened", "SMS Sent", "Olark Chat Conversation", "Page Visited on Website", "Converted to Lead", "Email Bounced"];
  const jitter = (v: number | undefined) => (v === undefined ? undefined : Math.max(0, Math.round(v * (0.6 + 0.8 * rnd()))));
  return Array.from({ length: n }, (_, i) => {
    const b = base.length ? base[i % base.length]! : undefined;
    if (b) return { ...b, id: `B-${i}`, behavior: { ...b.behavior, site_visits: jitter(b.behavior?.site_visits), time_on_site_seconds: jitter(b.behavior?.time_on_site_seconds) } } as Lead;
    return {
      id: `B-${i}`,
      engagement: { source: sources[Math.floor(rnd() * sources.length)]! },
      behavior: { site_visits: Math.floor(rnd() * 12), time_on_site_seconds: Math.floor(rnd() * 2400), last_activity: activities[Math.floor(rnd() * activities.length)]! },
    };
  });
}
