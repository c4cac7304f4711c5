import type { Lead } from "@gardenos/contracts";

/** Dimension of the built-in embedding (small: HNSW search stays fast, collisions stay rare enough). */
export const BUILTIN_EMBEDDING_DIM = 64;
/** Its name where embeddings are stored (a change of scheme is a new name). */
export const BUILTIN_EMBEDDING_MODEL = `builtin-hash-v2-${BUILTIN_EMBEDDING_DIM}`;

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
  // The lead's own fields, not the derived categories of leadFeatures (several times dearer, and
  // the embedding is computed for every analysed lead): the same value is the same feature.
  const c = lead.company;
  const b = lead.behavior;
  const en = lead.engagement;
  const visits = b?.site_visits;
  const perVisit = b?.pages_per_visit ?? (b?.pages_viewed !== undefined && visits ? b.pages_viewed / visits : undefined);
  const out: [string, number][] = [
    [`source=${en?.source ? norm(en.source) : "-"}`, 1.5],
    [`origin=${en?.origin ? norm(en.origin) : "-"}`, 1.5],
    ["visits", 1.5 * scaled(visits, 30)],
    ["minutes", 2 * scaled(b?.time_on_site_seconds === undefined ? undefined : b.time_on_site_seconds / 60, 60)],
    ["pages_per_visit", scaled(perVisit, 10)],
    ["downloads", scaled(b?.content_downloads, 10)],
    ["interactions", scaled(en?.interactions, 20)],
    ["employees", scaled(c?.employees, 10_000)],
  ];
  // Web engagement as a category too (engagement.ts's bands): a lead's minutes are not linear in intent.
  const minutes = b?.time_on_site_seconds === undefined ? undefined : b.time_on_site_seconds / 60;
  const web =
    visits === undefined && minutes === undefined ? "unknown" : minutes !== undefined && minutes > 0 ? (minutes >= 15 ? "high" : minutes >= 3 ? "medium" : "low") : visits ? (visits >= 5 ? "high" : visits >= 2 ? "medium" : "low") : "none";
  out.push([`web=${web}`, 1]);
  if (c?.industry) out.push([`industry=${norm(c.industry)}`, 1]);
  if (c?.size) out.push([`size=${norm(c.size)}`, 1]);
  if (c?.country) out.push([`country=${norm(c.country)}`, 0.5]);
  if (en?.campaign) out.push([`campaign=${norm(en.campaign)}`, 0.5]);
  if (lead.contact?.role) out.push([`role=${norm(lead.contact.role)}`, 1]);
  if (b?.last_activity) out.push([`activity=${norm(b.last_activity)}`, 1.5]);
  if (lead.contact?.do_not_email) out.push(["do_not_email", 1]);
  for (const k in lead.custom_fields) {
    const v = lead.custom_fields[k];
    if (v === null || v === undefined || v === "") continue;
    if (typeof v === "number") out.push([`cf:${norm(k)}`, scaled(Math.abs(v), 100)]);
    else out.push([`cf:${norm(k)}=${norm(String(v))}`, 0.7]);
  }
  const text = lead.notes || lead.contact?.title ? `${lead.notes ?? ""} ${lead.contact?.title ?? ""}`.toLowerCase() : "";
  if (text) {
    const words = new Set(text.match(WORD) ?? []);
    let n = 0;
    for (const w of words) {
      if (n++ >= 50) break;
      out.push([`w:${w}`, 0.3]);
    }
  }
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
