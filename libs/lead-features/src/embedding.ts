import type { Lead } from "@gardenos/contracts";
import { leadFeatures } from "./features.js";

/** Dimension of the built-in embedding (small: HNSW search stays fast, collisions stay rare enough). */
export const BUILTIN_EMBEDDING_DIM = 64;
/** Its name where embeddings are stored (a change of scheme is a new name). */
export const BUILTIN_EMBEDDING_MODEL = `builtin-hash-v1-${BUILTIN_EMBEDDING_DIM}`;

/** FNV-1a, 32 bits: a stable hash of a feature's name. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A count or duration onto 0–1 (log scale, `full` and more → 1). */
const scaled = (v: number | undefined, full: number) => (v === undefined || !Number.isFinite(v) || v <= 0 ? 0 : Math.min(1, Math.log1p(v) / Math.log1p(full)));
const norm = (s: string) => (s.length > 100 ? s.slice(0, 100) : s).trim().toLowerCase();
const WORD = /[\p{L}\p{N}]{3,}/gu;

/** The lead as weighted named features: its derived categories, its numbers, custom fields, words. */
export function embeddingFeatures(lead: Lead): [string, number][] {
  const f = leadFeatures(lead);
  const e = f.engagement;
  const out: [string, number][] = [
    [`seniority=${f.seniority}`, 1],
    [`occupation=${f.occupation}`, 1],
    [`size=${f.companySize}`, 1],
    [`industry=${f.industry}`, 1],
    [`source=${e.source}`, 1.5],
    [`origin=${e.origin}`, 1.5],
    [`web=${e.web}`, 1],
    ["visits", 1.5 * scaled(e.visits, 30)],
    ["minutes", 2 * scaled(e.minutesOnSite, 60)],
    ["pages_per_visit", scaled(e.pagesPerVisit, 10)],
    ["downloads", scaled(e.contentDownloads, 10)],
    ["interactions", scaled(lead.engagement?.interactions, 20)],
  ];
  if (lead.company?.country) out.push([`country=${norm(lead.company.country)}`, 0.5]);
  if (lead.behavior?.last_activity) out.push([`activity=${norm(lead.behavior.last_activity)}`, 1.5]);
  if (lead.contact?.do_not_email) out.push(["do_not_email", 1]);
  for (const [k, v] of Object.entries(lead.custom_fields ?? {})) {
    if (v === null || v === "") continue;
    const key = norm(k);
    if (typeof v === "number") out.push([`cf:${key}`, scaled(Math.abs(v), 100)]);
    else out.push([`cf:${key}=${norm(String(v))}`, 0.7]);
  }
  const text = [lead.notes ?? "", lead.contact?.title ?? ""].join(" ").toLowerCase();
  const words = new Set(text.match(WORD) ?? []);
  for (const w of [...words].slice(0, 50)) out.push([`w:${w}`, 0.3]);
  return out;
}

/**
 * The built-in embedding of a lead: feature hashing of `embeddingFeatures` into `dim` signed
 * buckets, L2-normalised (cosine = dot product). No network, no model: the same lead always gives
 * the same vector, on every replica.
 */
export function embedLead(lead: Lead, dim = BUILTIN_EMBEDDING_DIM): Float32Array {
  const v = new Float32Array(dim);
  for (const [name, w] of embeddingFeatures(lead)) {
    if (!w) continue;
    const h = fnv1a(name);
    v[h % dim]! += (h & 0x80000000 ? -1 : 1) * w;
  }
  let n = 0;
  for (const x of v) n += x * x;
  n = Math.sqrt(n) || 1;
  for (let i = 0; i < dim; i++) v[i]! /= n;
  return v;
}

/** The lead's text for an embedding model: its fields as short lines (no contact data). */
export function leadEmbeddingText(lead: Lead): string {
  const c = lead.company;
  const lines = [
    c && `Company: ${[c.industry, c.size, c.employees !== undefined ? `${c.employees} employees` : undefined, c.country].filter(Boolean).join(", ")}`,
    lead.contact?.title && `Title: ${lead.contact.title}`,
    lead.contact?.role && `Role: ${lead.contact.role}`,
    lead.engagement && `Engagement: ${[lead.engagement.source, lead.engagement.origin, lead.engagement.campaign, lead.engagement.interactions !== undefined ? `${lead.engagement.interactions} interactions` : undefined].filter(Boolean).join(", ")}`,
    lead.behavior && `Behaviour: ${Object.entries(lead.behavior).map(([k, v]) => `${k} ${v}`).join(", ")}`,
    lead.custom_fields && `Other: ${Object.entries(lead.custom_fields).map(([k, v]) => `${k}: ${v}`).join("; ")}`,
    lead.notes && `Notes: ${lead.notes.slice(0, 2000)}`,
  ];
  return lines.filter(Boolean).join("\n") || "(no data)";
}
