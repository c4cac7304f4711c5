import type { Company } from "@gardenos/contracts";
import { findKeyword, normalise } from "./match.js";

// ------------------------------------------------------------------------------ size

/**
 * Company size by head count (the usual CRM bands: 1-10, 11-50, 51-200 … 501-1000, 1001-5000 …):
 *
 * - `micro` — 1 to 10 employees (also "startup", "solo", "freelancer").
 * - `small` — 11 to 50 ("small", "SMB", "SME").
 * - `mid`   — 51 to 1,000 ("mid-market", "medium").
 * - `large` — more than 1,000 ("enterprise", "large", "corporate", "global").
 * - `unknown` — neither an employee count nor a readable size band.
 */
export const COMPANY_SIZES = ["micro", "small", "mid", "large", "unknown"] as const;
export type CompanySize = (typeof COMPANY_SIZES)[number];

export interface Employees {
  /** The head count: stated, or estimated from the size band (geometric middle of "51-200"). */
  count: number;
  /** True when the lead states `company.employees`; false for an estimate from `company.size`. */
  stated: boolean;
}

/** Size words, checked in order, with the head count they stand for. */
const SIZE_WORDS: readonly { employees: number; patterns: readonly string[] }[] = [
  { employees: 5000, patterns: ["enterprise", "large", "corporat\\w*", "global"] }, // large
  { employees: 500, patterns: ["mid", "mid.?market", "mid.?size\\w*", "medium", "mm"] }, // mid
  { employees: 30, patterns: ["small", "smb", "sme"] }, // small
  { employees: 5, patterns: ["start.?ups?", "micro", "solo", "freelanc\\w*", "self.?employed"] }, // micro
];

/** Employees from a size band such as "51-200", "1,001–5,000", "10k+", "1000+" or "Enterprise". */
export function employeesFromSize(size: string | undefined): number | undefined {
  const s = normalise(size).replace(/(\d),(\d)/g, "$1$2");
  if (!s) return undefined;
  const nums = [...s.matchAll(/(\d+(?:\.\d+)?)\s*(k?)/g)].map((m) => Number(m[1]) * (m[2] ? 1000 : 1));
  const [a, b] = nums;
  if (a !== undefined && b !== undefined) return Math.sqrt(a * Math.max(1, b));
  // "1000+" is more than 1,000: a band that starts there, estimated at twice its floor.
  if (a !== undefined) return /\d\s*k?\s*\+/.test(s) ? a * 2 : a;
  return SIZE_WORDS.find((w) => findKeyword(s, w.patterns) !== undefined)?.employees;
}

/** The band of a head count. */
export function sizeBand(employees: number | undefined): CompanySize {
  if (employees === undefined || !(employees > 0)) return "unknown";
  if (employees <= 10) return "micro";
  if (employees <= 50) return "small";
  if (employees <= 1000) return "mid";
  return "large";
}

/**
 * The company's head count: `employees` when stated (0 counts as not filled in), else an estimate
 * from the `size` text.
 */
export function employeesOf(company: Company | undefined): Employees | undefined {
  if (!company) return undefined;
  if (company.employees !== undefined && company.employees > 0) return { count: company.employees, stated: true };
  const estimate = employeesFromSize(company.size);
  return estimate !== undefined && estimate > 0 ? { count: estimate, stated: false } : undefined;
}

export function companySizeOf(company: Company | undefined): CompanySize {
  return sizeBand(employeesOf(company)?.count);
}

// ------------------------------------------------------------------------------ industry

/**
 * The company's sector, from its industry field (or, failing that, its name: "Acme Logistics"):
 *
 * `government`, `nonprofit`, `healthcare` (incl. pharma, biotech), `education`, `finance` (banks,
 * insurers, accounting, fintech), `real-estate` (incl. construction), `logistics` (incl. supply
 * chain, distribution), `hospitality` (incl. travel), `retail` (incl. e-commerce, wholesale),
 * `manufacturing` (incl. engineering, automotive), `marketing` (agencies, media, advertising),
 * `software` (SaaS, IT, internet, data), `telecom`, `professional-services` (consulting, legal),
 * `energy` (incl. utilities); `other` when an industry is given that is none of these; `unknown`
 * when there is neither an industry nor a telling company name.
 */
export const INDUSTRIES = [
  "government", "nonprofit", "healthcare", "education", "finance", "real-estate", "logistics", "hospitality", "retail",
  "manufacturing", "marketing", "software", "telecom", "professional-services", "energy", "other", "unknown",
] as const;
export type Industry = (typeof INDUSTRIES)[number];

/** Matched in order: the more specific ones (fintech, edtech, agency) before the broad ones (tech). */
const SECTORS: readonly { key: Exclude<Industry, "other" | "unknown">; match: RegExp }[] = [
  { key: "government", match: /\b(government|public sector|public administration|municipal|federal|ministry|council|city of|county|state agency|civil service|defen[cs]e|public authority)/ },
  { key: "nonprofit", match: /\b(non-?profit|not[- ]for[- ]profit|charit|ngo|foundation|philanthrop|fundrais|social enterprise)/ },
  { key: "healthcare", match: /\b(health|medic|hospitals?\b|clinic|pharma|biotech|life sciences|dental|care home|patient|nursing|therap|veterinar)/ },
  { key: "education", match: /\b(educat|edtech|school|universit|college|academ|e-?learning|learning|training|tuition|tutor)/ },
  { key: "finance", match: /\b(financ|fintech|bank|insur|invest|wealth|asset management|accounting|accountan|credit|lending|loan|mortgage|payment|capital|brokerage|trading)/ },
  { key: "real-estate", match: /\b(real estate|realt|property|properties|estate agen|letting|housing|construction|proptech)/ },
  { key: "logistics", match: /\b(logistic|shipping|freight|transport|supply chain|warehous|distribution|courier|delivery|fleet|trucking|haulage|3pl)/ },
  { key: "hospitality", match: /\b(hospitality|hotel|restaurant|travel|touris|leisure|catering|food service|resort|hostel|bar\b|café|cafe|events venue)/ },
  { key: "retail", match: /\b(retail|e-?commerce|online shop|shop|store|consumer goods|cpg|fmcg|fashion|apparel|wholesale|marketplace|d2c|dtc)/ },
  { key: "manufacturing", match: /\b(manufactur|industrial|factory|automotive|machinery|production|chemical|plastics|metal|electronics|aerospace|engineering)/ },
  { key: "marketing", match: /\b(marketing|agency|agencies|advertis|media|public relations|pr firm|creative|branding|digital studio|seo|communications)/ },
  { key: "software", match: /\b(saas|software|tech|information technology|it\b|it services|cloud|platform|app\b|apps\b|developer|devops|cyber|data|ai\b|internet|computer|digital)/ },
  { key: "telecom", match: /\b(telecom|telco)/ },
  { key: "professional-services", match: /\b(consult|professional services|legal|law firm|attorney|solicitor)/ },
  { key: "energy", match: /\b(energy|utilit|renewable|solar)/ },
];

/** Sectors whose companies typically buy business software (a lead-scoring signal). */
const BUYS_BUSINESS_SOFTWARE: ReadonlySet<Industry> = new Set<Industry>([
  "software", "telecom", "finance", "professional-services", "manufacturing", "logistics", "healthcare", "energy", "real-estate", "marketing",
]);

/** The sector a text names ("Hospital & Health Care" → healthcare), or undefined. */
export function sectorOf(text: string | undefined): Exclude<Industry, "other" | "unknown"> | undefined {
  const t = normalise(text);
  if (!t) return undefined;
  return SECTORS.find((s) => s.match.test(t))?.key;
}

export interface IndustryFeature {
  industry: Industry;
  /** Which field told: the industry field, or the company name; undefined for `unknown`. */
  from: "industry" | "name" | undefined;
}

/** The sector from the industry field first, then from the company name; `other` if only an unmatched industry is given. */
export function industryOf(company: Company | undefined): IndustryFeature {
  const fromIndustry = sectorOf(company?.industry);
  if (fromIndustry) return { industry: fromIndustry, from: "industry" };
  const fromName = sectorOf(company?.name);
  if (fromName) return { industry: fromName, from: "name" };
  if (normalise(company?.industry)) return { industry: "other", from: "industry" };
  return { industry: "unknown", from: undefined };
}

/** True for sectors whose companies typically buy business software. */
export function buysBusinessSoftware(industry: Industry): boolean {
  return BUYS_BUSINESS_SOFTWARE.has(industry);
}
