import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Lead } from "@gardenos/contracts";
import { ROOT } from "./procs.js";

/** Splits one CSV file into rows (quoted fields, doubled quotes; no multi-line fields needed here). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const row: string[] = [];
    let cur = "";
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') (cur += '"'), i++;
        else if (c === '"') quoted = false;
        else cur += c;
      } else if (c === '"') quoted = true;
      else if (c === ",") row.push(cur), (cur = "");
      else cur += c;
    }
    row.push(cur);
    rows.push(row);
  }
  return rows;
}

const num = (v: string | undefined) => (v && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : undefined);
const str = (v: string | undefined) => (v && v.trim() !== "" ? v.trim() : undefined);

function clean<T extends Record<string, unknown>>(o: T): T | undefined {
  const out = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  return Object.keys(out).length ? out : undefined;
}

/** The 50 sample leads (samples/leads.csv) as GardenOS leads. */
export function sampleLeads(): Lead[] {
  const [header, ...rows] = parseCsv(readFileSync(join(ROOT, "samples", "leads.csv"), "utf8"));
  const col = (name: string) => header!.indexOf(name);
  return rows.map((r) => {
    const g = (name: string) => r[col(name)];
    const first = str(g("First Name"));
    const last = str(g("Last Name"));
    const lead: Lead = {
      id: str(g("Lead ID"))!,
      company: clean({
        name: str(g("Company")),
        industry: str(g("Industry")),
        employees: num(g("Employees")),
        revenue: num(g("Annual Revenue")),
        website: str(g("Website")),
        country: str(g("Country")),
      }),
      contact: clean({
        name: [first, last].filter(Boolean).join(" ") || undefined,
        first_name: first,
        last_name: last,
        title: str(g("Title")),
        email: str(g("Email")),
        phone: str(g("Phone")),
        do_not_call: g("Do Not Call") === "Yes" ? true : g("Do Not Call") === "No" ? false : undefined,
      }),
      engagement: clean({ source: str(g("Lead Source")), created_at: str(g("Created Date")) }),
      behavior: clean({
        site_visits: num(g("Site Visits")),
        time_on_site_seconds: num(g("Time on Site (s)")),
        pages_viewed: num(g("Pages Viewed")),
        content_downloads: num(g("Content Downloads")),
        last_activity: str(g("Last Activity")),
        last_activity_at: str(g("Last Activity Date")),
      }),
      ...(str(g("Notes")) ? { notes: str(g("Notes")) } : {}),
    } as Lead;
    return lead;
  });
}

/**
 * A realistic ~1 KB lead for task i: a sample lead with its own id and e-mail, and the
 * CRM-side custom fields a real export carries (which the scorer ignores).
 */
export function benchLead(samples: readonly Lead[], i: number): Lead {
  const base = samples[i % samples.length]!;
  const email = base.contact?.email?.replace("@", `+${i}@`);
  return {
    ...base,
    id: `${base.id}-${i}`,
    contact: { ...base.contact, ...(email ? { email } : {}) },
    custom_fields: {
      owner: "sales-emea-3",
      lifecycle_stage: "marketingqualifiedlead",
      utm_campaign: "q4-growth-webinar-series",
      utm_medium: "paid-social",
      crm_sync_token: `sync-${i.toString(36).padStart(8, "0")}`,
      score_override: null,
    },
  } as Lead;
}

/** A small valid lead (for filling the queue with a million tasks). */
export function tinyLead(i: number): Lead {
  return { id: `m-${i}`, contact: { name: "Ada Lovelace", email: `ada+${i}@example.com` } } as Lead;
}
