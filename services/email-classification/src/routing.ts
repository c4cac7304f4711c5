import { readFileSync } from "node:fs";
import { z } from "zod";
import { EMAIL_CATEGORIES, type EmailCategory } from "@gardenos/contracts";

/**
 * Routing rules (EMAIL_ROUTES as JSON, or EMAIL_ROUTES_FILE naming a JSON file): the first rule
 * whose conditions all hold gives the route. A route may name `{owner}` or `{territory}`; a rule
 * whose placeholder has no value is skipped. No rule matches → `fallback`.
 */
export const RouteRuleSchema = z.strictObject({
  category: z.array(z.enum(EMAIL_CATEGORIES)).min(1).optional(),
  min_urgency: z.number().int().min(1).max(10).optional(),
  max_urgency: z.number().int().min(1).max(10).optional(),
  min_lead_score: z.number().int().min(1).max(10).optional(),
  max_lead_score: z.number().int().min(1).max(10).optional(),
  territory: z.array(z.string().min(1).max(100)).min(1).optional(),
  route: z.string().min(1).max(200),
});
export const RoutingConfigSchema = z.strictObject({
  rules: z.array(RouteRuleSchema).max(500),
  fallback: z.string().min(1).max(200).default("sales"),
});
export type RouteRule = z.infer<typeof RouteRuleSchema>;
export type RoutingConfig = z.infer<typeof RoutingConfigSchema>;

/** The rules without EMAIL_ROUTES. */
export const DEFAULT_ROUTES: RoutingConfig = {
  rules: [
    { category: ["unsubscribe"], route: "compliance" },
    { category: ["bounce"], route: "data-quality" },
    { category: ["out_of_office"], route: "automation" },
    { category: ["not_interested"], route: "nurture" },
    { category: ["wrong_person"], route: "sales-ops" },
    { category: ["meeting_request", "interested"], min_lead_score: 8, route: "owner:{owner}" },
    { category: ["meeting_request", "interested", "question"], min_urgency: 9, route: "sales-priority" },
    { category: ["meeting_request", "interested"], min_lead_score: 8, route: "sales-priority" },
    { category: ["meeting_request", "interested", "question", "objection"], route: "sales:{territory}" },
  ],
  fallback: "sales",
};

export interface RoutingFacts {
  category: EmailCategory;
  urgency: number;
  lead_score?: number | undefined;
  territory?: string | undefined;
  owner?: string | undefined;
}

function fill(route: string, f: RoutingFacts): string | undefined {
  let missing = false;
  const out = route.replace(/\{(owner|territory)\}/g, (_, k: "owner" | "territory") => {
    const v = f[k];
    if (!v) missing = true;
    return v ?? "";
  });
  return missing ? undefined : out.slice(0, 200);
}

export function routeFor(config: RoutingConfig, f: RoutingFacts): string {
  for (const r of config.rules) {
    if (r.category && !r.category.includes(f.category)) continue;
    if (r.min_urgency !== undefined && f.urgency < r.min_urgency) continue;
    if (r.max_urgency !== undefined && f.urgency > r.max_urgency) continue;
    if (r.min_lead_score !== undefined && (f.lead_score === undefined || f.lead_score < r.min_lead_score)) continue;
    if (r.max_lead_score !== undefined && (f.lead_score === undefined || f.lead_score > r.max_lead_score)) continue;
    if (r.territory && (!f.territory || !r.territory.some((t) => t.toLowerCase() === f.territory!.toLowerCase()))) continue;
    const route = fill(r.route, f);
    if (route) return route;
  }
  return config.fallback;
}

/** EMAIL_ROUTES (JSON) or EMAIL_ROUTES_FILE, else the defaults. A bad configuration stops the service at start, naming the field. */
export function loadRouting(env: NodeJS.ProcessEnv): RoutingConfig {
  const text = env.EMAIL_ROUTES?.trim() ? env.EMAIL_ROUTES : env.EMAIL_ROUTES_FILE ? readFileSync(env.EMAIL_ROUTES_FILE, "utf8") : undefined;
  if (!text) return DEFAULT_ROUTES;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`EMAIL_ROUTES is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const r = RoutingConfigSchema.safeParse(Array.isArray(json) ? { rules: json } : json);
  if (!r.success) throw new Error(`EMAIL_ROUTES: ${r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`);
  return r.data;
}
