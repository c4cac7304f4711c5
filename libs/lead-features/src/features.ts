import type { Lead } from "@gardenos/contracts";
import { buysBusinessSoftware, companySizeOf, employeesOf, industryOf } from "./company.js";
import type { CompanySize, Employees, Industry } from "./company.js";
import { engagementOf } from "./engagement.js";
import type { EngagementFeatures } from "./engagement.js";
import { occupationOf, seniorityOf } from "./role.js";
import type { Occupation, Seniority } from "./role.js";

/** What both built-in agents know about a lead. Every category is documented with its type. */
export interface LeadFeatures {
  seniority: Seniority;
  /** Which contact field gave the seniority: the title first, else the role; undefined when `unknown`. */
  seniorityFrom: "title" | "role" | undefined;
  occupation: Occupation;
  companySize: CompanySize;
  employees: Employees | undefined;
  industry: Industry;
  /** Which company field gave the industry; undefined when `unknown`. */
  industryFrom: "industry" | "name" | undefined;
  /** The industry is one whose companies typically buy business software. */
  buysBusinessSoftware: boolean;
  engagement: EngagementFeatures;
}

/** Derives the lead's features. Pure: the same lead always gives the same features. */
export function leadFeatures(lead: Lead): LeadFeatures {
  const contact = lead.contact;
  const fromTitle = seniorityOf(contact?.title);
  const fromRole = fromTitle === "unknown" ? seniorityOf(contact?.role) : "unknown";
  const { industry, from: industryFrom } = industryOf(lead.company);
  return {
    seniority: fromTitle !== "unknown" ? fromTitle : fromRole,
    seniorityFrom: fromTitle !== "unknown" ? "title" : fromRole !== "unknown" ? "role" : undefined,
    occupation: occupationOf(contact?.title, contact?.role),
    companySize: companySizeOf(lead.company),
    employees: employeesOf(lead.company),
    industry,
    industryFrom,
    buysBusinessSoftware: buysBusinessSoftware(industry),
    engagement: engagementOf(lead),
  };
}
