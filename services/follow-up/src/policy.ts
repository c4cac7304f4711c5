import { domainToASCII } from "node:url";
import { ReviewReasons, type FollowUpDraft, type FollowUpResult, type Lead, type ReviewReason } from "@gardenos/contracts";
import { ConfigError } from "@gardenos/runtime";
import { z } from "zod";

/**
 * The output policy: every follow-up e-mail, built-in or LLM, degraded or not, passes through
 * `applyOutputPolicy` after its writer and before it is published.
 *
 * - Links, bare domains and e-mail addresses are kept only when their host is one of the sending
 *   organisation's own domains (SENDER_DOMAINS) or a subdomain of one. Anything else — the lead's
 *   `website` included, since whoever fills in the lead controls it — is replaced by
 *   "[link removed]", and the e-mail is flagged (`foreign_link`): a sentence missing its link
 *   reads oddly, and a foreign link in a draft means the writer echoed lead data.
 * - HTML and markdown link markup is removed (plain-text e-mails), flagged `markup_removed`.
 * - Text that asks for payment, credentials or urgent action, reads like an instruction to a model,
 *   or repeats an instruction written in the lead's own fields is left as it is but flagged.
 * - A flagged e-mail has `review_required: true`, its `review_reasons`, and `ready_to_send: false`.
 *
 * The subject is made one line and `full_message` is rebuilt from the checked subject and body,
 * so nothing reaches the result that the checks did not see.
 */

export interface OutputPolicy {
  /** Lower-case ASCII (punycode) domains whose links may stay in an e-mail. */
  readonly senderDomains: readonly string[];
}

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/;

export const policyConfigShape = {
  /**
   * The sending organisation's own domains, comma-separated (e.g. "gardenos.io,mail.gardenos.io");
   * links to them and their subdomains may stay in an e-mail. Default none: every link is removed.
   */
  SENDER_DOMAINS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const domains = (v ?? "")
        .split(",")
        .map((d) => d.trim().toLowerCase().replace(/\.$/, ""))
        .filter(Boolean)
        .map((d) => domainToASCII(d) || d);
      for (const d of domains) {
        if (!DOMAIN.test(d)) ctx.addIssue({ code: "custom", message: `"${d}" is not a domain name (write e.g. gardenos.io, no scheme or path)` });
      }
      return domains;
    }),
};

/** The policy from the environment; throws ConfigError naming the variable. */
export function loadOutputPolicy(env: NodeJS.ProcessEnv): OutputPolicy {
  const parsed = z.object(policyConfigShape).safeParse({ SENDER_DOMAINS: env.SENDER_DOMAINS || undefined });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `SENDER_DOMAINS: ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join("; ")}`, problems);
  }
  return Object.freeze({ senderDomains: Object.freeze(parsed.data.SENDER_DOMAINS) });
}

// ---------------------------------------------------------------- links and domains

export const LINK_REMOVED = "[link removed]";

/** Dots browsers accept in host names (full-width and ideographic ones included). */
const DOT = "[.\\u3002\\uFF0E\\uFF61]";
const LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}\\-]{0,61}[\\p{L}\\p{N}])?";
/** A top-level domain: all lower- or all upper-case letters ("Team.Best" is a typo, not a host), or punycode. */
const TLD = "(?:xn--[a-z0-9\\-]{1,59}|\\p{Ll}{2,63}|\\p{Lu}{2,63})";
const HOST = `(?:${LABEL}${DOT})+${TLD}`;
const IPV4 = "(?:\\d{1,3}\\.){3}\\d{1,3}";
const TAIL = "(?:[:/?#][^\\s<>\"'`)\\]]*)?";

/** Scheme URLs (http, ftp, anything://…) and the dangerous schemes that need no slashes. */
const SCHEME_URL = new RegExp(`\\b(?:[a-z][a-z0-9+.\\-]{1,30}:\\/\\/[^\\s<>"'\`]*|(?:javascript|data|vbscript|file|mailto|tel|sms|callto|blob|intent):[^\\s<>"'\`]+)`, "giu");
const EMAIL = new RegExp(`[\\p{L}\\p{N}._%+\\-]+@(${HOST}|${IPV4})`, "gu");
const BARE = new RegExp(`(?<![\\p{L}\\p{N}@\\-_/])(?:www${DOT})?(${HOST}|${IPV4})(?![\\p{L}\\p{N}\\-@])${TAIL}`, "gu");
const MD_LINK = /!?\[([^\]\n]{0,500})\]\(([^)\s]{0,2000})(?:\s+"[^"\n]*")?\)/g;
const HTML_TAG = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/gi;

/** The ASCII host of a URL or domain, or undefined when none can be read. */
function hostOf(text: string): string | undefined {
  const normalised = text.replace(/[\u3002\uFF0E\uFF61]/g, ".");
  try {
    const u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(normalised) ? normalised : `http://${normalised}`);
    return u.hostname.replace(/\.$/, "").toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

function allowedHost(host: string | undefined, policy: OutputPolicy): boolean {
  if (!host) return false;
  return policy.senderDomains.some((d) => host === d || host.endsWith(`.${d}`));
}

interface Scan {
  text: string;
  removed: string[];
  reasons: Set<ReviewReason>;
}

function removeLinks(input: string, policy: OutputPolicy, removed: string[], reasons: Set<ReviewReason>): string {
  let text = input;
  // Markup first: the visible text of a markdown or HTML link stays (and is checked below), the target goes.
  text = text.replace(MD_LINK, (_m, label: string, target: string) => {
    reasons.add(ReviewReasons.markup);
    return `${label} ${target}`.trim();
  });
  text = text.replace(HTML_TAG, (tag) => {
    reasons.add(ReviewReasons.markup);
    const href = /\b(?:href|src|action|formaction|data)\s*=\s*["']?([^"'\s>]+)/i.exec(tag)?.[1];
    return href ? ` ${href} ` : "";
  });
  const drop = (match: string, host: string | undefined, always = false): string => {
    if (!always && allowedHost(host, policy)) return match;
    reasons.add(ReviewReasons.foreignLink);
    if (removed.length < 50) removed.push(match.slice(0, 2000));
    return LINK_REMOVED;
  };
  // Punctuation that ends the sentence is not part of the link.
  const split = (m: string): [string, string] => {
    const link = m.replace(/[.,;:!?]+$/, "");
    return [link, m.slice(link.length)];
  };
  text = text.replace(SCHEME_URL, (m) => {
    const [link, after] = split(m);
    const scheme = /^[a-z][a-z0-9+.\-]*/i.exec(link)?.[0]?.toLowerCase() ?? "";
    if (scheme === "http" || scheme === "https") return drop(link, hostOf(link)) + after;
    return drop(link, undefined, true) + after;
  });
  text = text.replace(EMAIL, (m, host: string) => drop(m, hostOf(host)));
  text = text.replace(BARE, (m, host: string) => {
    const [link, after] = split(m);
    return drop(link, hostOf(host)) + after;
  });
  return text;
}

// ---------------------------------------------------------------- risky requests

const PAYMENT =
  /\b(wire (?:the )?(?:transfer|money|funds|payment)|bank transfer|bank (?:details|account)|account number|iban|swift code|routing number|sort code|gift ?cards?|bitcoin|btc|crypto(?:currency)?|wallet address|western union|moneygram|pay (?:now|immediately|today|the (?:invoice|fee|balance)|us|an? (?:fee|deposit|invoice))|payment (?:is )?(?:due|required|overdue|pending)|overdue (?:invoice|payment)|outstanding (?:invoice|balance|payment)|send (?:the |us |me )?(?:money|funds|payment)|transfer (?:the )?(?:funds|money)|credit card (?:number|details)|card (?:number|details)|cvv|cvc)\b/i;
const CREDENTIALS =
  /\b(passwords?|passcodes?|passphrases?|pin (?:code|number)|log-?in (?:details|credentials|info)|credentials|username and password|verify your (?:account|identity|login|e-?mail)|confirm your (?:account|password|identity|login|details)|one[- ]time (?:code|password)|otp|2fa|mfa|security code|verification code|auth(?:entication)? code|api keys?|access tokens?|secret keys?|private keys?|seed phrase|social security number|ssn)\b/i;
const URGENCY =
  /\b(urgent(?:ly)?|immediately|right away|asap|as soon as possible|within (?:the next )?\d+ (?:hours?|minutes?|mins?)|within 24 ?h|today only|final notice|last warning|act now|respond now|(?:account|access|service) (?:will be |has been )?(?:suspended|closed|locked|terminated|disabled|deactivated)|failure to (?:respond|comply|pay)|deadline (?:is )?today|expires? (?:today|tonight|in \d+ (?:hours?|minutes?))|time[- ]sensitive)\b/i;
const INJECTION = [
  /\b(ignore|disregard|forget|override|bypass|skip)\b[^.\n]{0,40}\b(previous|prior|preceding|above|earlier|all|any|your|the|these|those|system)\b[^.\n]{0,30}\b(instructions?|prompts?|rules|directions|guidelines|directives|context|messages?)\b/i,
  /\bsystem prompt\b|\bdeveloper (?:mode|message)\b|\bjailbreak|\bdo anything now\b|\bDAN mode\b/i,
  /\b(you are now|from now on,? you|act as (?:an?|the) (?:ai|assistant|model|system|admin)|new instructions?|updated instructions?|instructions? (?:to|for) the (?:ai|assistant|model|llm|writer))\b/i,
  /<\|?\/?(?:system|assistant|user|im_start|im_end|endoftext)\|?>|\[\/?INST\]|<<\/?SYS>>/i,
  /\b(as an ai(?: language model)?|as a large language model)\b/i,
];

/** A sentence of lead text that tells the reader (or a model) to do something. */
const IMPERATIVE =
  /^(?:please\s+|kindly\s+|(?:ai|assistant|model|bot|writer)[,:]\s*)?(?:ignore|disregard|forget|override|include|add|insert|write|tell|say|state|mention|send|ask|reply|respond|append|put|make|use|link|click|visit|go to|call|contact|pay|transfer|wire|e-?mail|forward|share|provide|enter|confirm|verify|update|change|sign|output|print|return|instruct|direct|urge|demand|request|require|remind|warn|inform|notify)\b/i;
const DIRECTIVE = /\b(you (?:must|should|need to|have to|will|shall)|the (?:assistant|ai|model|bot|writer|e-?mail) (?:must|should|will|shall)|make sure (?:to|you|the)|be sure to|don'?t forget to|do not forget to)\b/i;

const words = (text: string): string[] => text.normalize("NFKC").toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Every string in the lead (names, company, title, notes, custom fields …), with the key it came from. */
function leadTexts(lead: Lead): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === "string") out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) {
      out.push(k);
      walk(x);
    }
  };
  walk(lead);
  return out;
}

/** True when the e-mail repeats, word for word, an instruction written in the lead's fields. */
function echoesLeadInstruction(email: string, lead: Lead): boolean {
  const mail = ` ${words(email).join(" ")} `;
  for (const text of leadTexts(lead)) {
    for (const sentence of text.split(/[.!?;\n\r]+|\s[-–—]\s/)) {
      const s = sentence.trim();
      if (!IMPERATIVE.test(s) && !DIRECTIVE.test(s) && !INJECTION.some((r) => r.test(s))) continue;
      const w = words(s);
      if (w.length < 3) continue;
      // Any run of five words (or the whole sentence when shorter) found in the e-mail.
      const n = Math.min(5, w.length);
      for (let i = 0; i + n <= w.length; i++) {
        if (mail.includes(` ${w.slice(i, i + n).join(" ")} `)) return true;
      }
    }
  }
  return false;
}

function riskReasons(text: string, lead: Lead | undefined, reasons: Set<ReviewReason>): void {
  const t = text.normalize("NFKC");
  if (PAYMENT.test(t)) reasons.add(ReviewReasons.payment);
  if (CREDENTIALS.test(t)) reasons.add(ReviewReasons.credentials);
  if (URGENCY.test(t)) reasons.add(ReviewReasons.urgency);
  if (INJECTION.some((r) => r.test(t))) reasons.add(ReviewReasons.injection);
  if (lead && echoesLeadInstruction(t, lead)) reasons.add(ReviewReasons.leadInstruction);
}

// ---------------------------------------------------------------- the policy

/** Invisible and direction-changing characters that hide or reorder text. */
const INVISIBLE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/**
 * The checked e-mail: links outside the allow-list removed, `review_required`, `review_reasons`,
 * `ready_to_send` and `removed_links` set (whatever the writer put there), `full_message` rebuilt.
 */
export function applyOutputPolicy(draft: FollowUpDraft, lead: Lead | undefined, policy: OutputPolicy): FollowUpResult {
  const reasons = new Set<ReviewReason>();
  const removed: string[] = [];
  const clean = (text: string) => removeLinks(text.replace(INVISIBLE, ""), policy, removed, reasons);
  let subject = clean(draft.subject)
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 300);
  if (!subject) subject = "Following up";
  let body = clean(draft.body).replace(/[ \t]+\n/g, "\n").trim();
  if (!body) body = LINK_REMOVED;
  body = body.slice(0, 10_000);
  riskReasons(`${subject}\n${body}`, lead, reasons);
  if (lead?.contact?.do_not_email === true) reasons.add(ReviewReasons.doNotEmail);
  const review = reasons.size > 0;
  const full = `Subject: ${subject}\n\n${body}`.slice(0, 12_000);
  return {
    subject,
    body,
    full_message: full,
    review_required: review,
    ...(review ? { review_reasons: [...reasons] } : {}),
    ready_to_send: !review,
    ...(removed.length ? { removed_links: removed } : {}),
  };
}

/**
 * `applyOutputPolicy` for a whole result: the draft fields are checked, the policy's own fields
 * replaced, and what the writer read (language, stage, reconnect month) is kept.
 */
export function checkFollowUp(result: FollowUpDraft & Partial<Pick<FollowUpResult, "language" | "stage" | "reconnect_month">>, lead: Lead | undefined, policy: OutputPolicy): FollowUpResult {
  const checked = applyOutputPolicy({ subject: result.subject, body: result.body, full_message: result.full_message }, lead, policy);
  return {
    ...(result.language ? { language: result.language } : {}),
    ...(result.stage ? { stage: result.stage } : {}),
    ...(result.reconnect_month ? { reconnect_month: result.reconnect_month } : {}),
    ...checked,
  };
}
