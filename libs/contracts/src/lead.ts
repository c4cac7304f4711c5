import { z } from "zod";

/**
 * The lead: the seed's four factor groups (company, contact, engagement, behaviour), notes and
 * free custom fields. Every field is optional, but a lead must say who it is (see `LeadSchema`).
 * Unknown keys are refused so that a typo ("compnay") is an error, not silently ignored data;
 * anything else goes into `custom_fields`.
 */

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);
const count = z.number().int("must be a whole number").min(0, "must be 0 or more");
/** A BCP 47 language tag: a 2–3 letter language, optional subtags ("de", "pt-BR", "zh-Hant-TW"). */
export const LanguageTagSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/, "must be a language tag such as en, de, fr-CA or es-MX")
  .describe("Preferred language (BCP 47 tag, e.g. de, fr-CA)");

const isoDate = z.iso.datetime({ offset: true, local: true, message: "must be an ISO 8601 date-time" }).or(z.iso.date({ message: "must be an ISO 8601 date" }));

export const CompanySchema = z
  .strictObject({
    name: text(300).optional(),
    industry: text(200).optional(),
    /** Size band as a CRM shows it, e.g. "51-200" or "Enterprise". */
    size: text(100).optional(),
    employees: count.optional(),
    /** Annual revenue, in `currency` (USD when absent). */
    revenue: z.number().min(0, "must be 0 or more").optional(),
    currency: z.string().length(3, "must be an ISO 4217 code such as USD").optional(),
    website: text(500).optional(),
    country: text(100).optional(),
    city: text(100).optional(),
  })
  .describe("The lead's company");

export const ContactSchema = z
  .strictObject({
    name: text(300).optional(),
    first_name: text(150).optional(),
    last_name: text(150).optional(),
    title: text(200).optional(),
    /** Role or occupation when there is no formal title (e.g. "Working Professional"). */
    role: text(200).optional(),
    email: z.email({ message: "must be a valid e-mail address" }).max(320).optional(),
    phone: text(50).optional(),
    do_not_email: z.boolean().optional(),
    do_not_call: z.boolean().optional(),
  })
  .describe("The person behind the lead");

export const EngagementSchema = z
  .strictObject({
    /** Where the lead came from: "Referral", "Organic Search", "Trade show" … */
    source: text(200).optional(),
    /** How it entered the CRM: "Landing Page Submission", "API", "Import" … */
    origin: text(200).optional(),
    campaign: text(200).optional(),
    created_at: isoDate.optional(),
    /** Number of two-way interactions (calls, meetings, replies) so far. */
    interactions: count.optional(),
    last_contacted_at: isoDate.optional(),
  })
  .describe("How the lead has engaged with sales and marketing");

export const BehaviorSchema = z
  .strictObject({
    site_visits: count.optional(),
    time_on_site_seconds: z.number().min(0, "must be 0 or more").optional(),
    pages_viewed: count.optional(),
    pages_per_visit: z.number().min(0, "must be 0 or more").optional(),
    content_downloads: count.optional(),
    /** The latest tracked activity, as the CRM names it ("Email Opened", "Demo Requested" …). */
    last_activity: text(200).optional(),
    last_activity_at: isoDate.optional(),
  })
  .describe("What the lead has done on the website and with content");

export const CustomFieldValue = z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]);

export const LeadSchema = z
  .strictObject({
    /** The CRM's own id of the lead; carried through to the result events. */
    id: text(200).optional(),
    company: CompanySchema.optional(),
    contact: ContactSchema.optional(),
    engagement: EngagementSchema.optional(),
    behavior: BehaviorSchema.optional(),
    notes: z.string().max(10_000, "must be at most 10000 characters").optional(),
    /**
     * The language to write to this lead in, as a BCP 47 tag ("de", "fr-CA", "es-MX"). The
     * built-in writer writes English, German, French and Spanish (others get English); without
     * it, the language of the follow-up's `context` is used.
     */
    language: LanguageTagSchema.optional(),
    custom_fields: z
      .record(z.string().max(100), CustomFieldValue)
      .refine((r) => Object.keys(r).length <= 100, "must have at most 100 fields")
      .optional(),
  })
  .refine(
    (l) => Boolean(l.id || l.contact?.email || l.contact?.name || l.contact?.first_name || l.contact?.last_name || l.company?.name),
    { message: "must identify the lead: give at least one of id, contact.name, contact.email or company.name" },
  )
  .describe("A CRM lead");

export type Lead = z.infer<typeof LeadSchema>;
export type Company = z.infer<typeof CompanySchema>;
export type Contact = z.infer<typeof ContactSchema>;
export type Engagement = z.infer<typeof EngagementSchema>;
export type Behavior = z.infer<typeof BehaviorSchema>;

/** The lead's display name: contact name, else first + last, else undefined. */
export function contactName(lead: Lead): string | undefined {
  const c = lead.contact;
  if (!c) return undefined;
  if (c.name) return c.name;
  const joined = [c.first_name, c.last_name].filter(Boolean).join(" ");
  return joined || undefined;
}

/** What of a lead's contact leaves for an LLM provider when `LLM_SEND_CONTACT=false`. */
export interface ProviderContact {
  first_name?: string;
  title?: string;
  role?: string;
  /** The e-mail address's domain only (business or free mail is a scoring signal). */
  email_domain?: string;
  /** A phone number is known (the number itself is not sent). */
  has_phone?: boolean;
  do_not_email?: boolean;
  do_not_call?: boolean;
}

/**
 * The lead as an LLM provider sees it. Without `custom_fields` unless asked (free CRM columns may
 * hold outcomes). Unless `sendContact`, the contact is reduced to a first name (to address the
 * e-mail), title, role, opt-outs, the e-mail's domain and whether a phone number is known: no
 * full or last name, no address, no number.
 */
export function leadForProvider(lead: Lead, o: { includeCustomFields: boolean; sendContact: boolean }): Record<string, unknown> {
  const { custom_fields, contact, ...rest } = lead;
  const out: Record<string, unknown> = { ...rest };
  if (o.includeCustomFields && custom_fields) out.custom_fields = custom_fields;
  if (!contact) return out;
  if (o.sendContact) {
    out.contact = contact;
    return out;
  }
  const firstName = contact.first_name ?? contact.name?.split(/\s+/)[0];
  const domain = contact.email?.split("@")[1]?.toLowerCase();
  const c: ProviderContact = {
    ...(firstName ? { first_name: firstName } : {}),
    ...(contact.title ? { title: contact.title } : {}),
    ...(contact.role ? { role: contact.role } : {}),
    ...(domain ? { email_domain: domain } : {}),
    ...(contact.phone ? { has_phone: true } : {}),
    ...(contact.do_not_email !== undefined ? { do_not_email: contact.do_not_email } : {}),
    ...(contact.do_not_call !== undefined ? { do_not_call: contact.do_not_call } : {}),
  };
  out.contact = c;
  return out;
}
