import { SYSTEMS } from "./lexicon.js";

/**
 * A lead unhappy with us — our product, onboarding, support, billing — in English, German, French
 * and Spanish (regex sources, matched case-insensitively as whole words). The e-mail must answer
 * that before anything else: "support never answered" is a complaint, not a lead who did not reply.
 *
 * Unhappiness with someone else's tool is a reason to switch, not a complaint: a feeling counts only
 * with one of our things after it ("frustrated with the onboarding"), and no phrase counts next to
 * the lead's own or current tools ("frustrated with their current CRM", "HubSpot's support is slow").
 */

const CRMS = SYSTEMS.filter((s) => s.crm).flatMap((s) => s.patterns);
/** Words that put what follows on another vendor's side. */
const THEIRS = `(?:their|his|her|its|current|existing|legacy|old|previous|incumbent|ihre[mnrs]?|aktuelle[mnrs]?|bisherige[mnrs]?|alte[mnrs]?|leur|leurs|actuel(?:le)?|ancien(?:ne)?|su|sus|actual|anterior|spreadsheets?|excel|${CRMS.join("|")})`;
/** A feeling whose object is another vendor's ("unhappy with HubSpot", "frustrated with their current CRM"); "… with the Salesforce integration" is ours. */
const NOT_THEIRS_AFTER = `(?!\\s+(?:with|about|by|at|over|of|mit|über|von|avec|de|du|des|par|con|del|por)?\\s*(?:the |der |die |dem |den |le |la |les |el |los |las )?${THEIRS}(?![\\p{L}\\p{N}])(?![- ]?(?:integration|sync|connector|anbindung|schnittstelle|intégration|integración)))`;
/** Not right after another vendor's name or "their" ("HubSpot support is slow"). */
const NOT_THEIRS_BEFORE = `(?<!(?<![\\p{L}\\p{N}])${THEIRS}(?:'s)?[^.;!?\\n]{0,30})`;

const FEELINGS = [
  "complain\\w*", "unhappy", "not (?:happy|satisfied)", "dissatisfied", "frustrat\\w*", "disappointed", "annoyed", "upset", "angry", "furious",
  "beschwer\\w*", "unzufrieden", "verärgert", "frustriert", "enttäuscht", "reklamier\\w*",
  "plaint\\w*", "se plai(?:nt|gnent)", "mécontente?s?", "insatisfaite?s?", "déçue?s?", "frustr[ée]e?s?", "agacée?s?",
  "se quej\\w*", "quejas?", "insatisfech[oa]s?", "descontent[oa]s?", "frustrad[oa]s?", "decepcionad[oa]s?", "enfadad[oa]s?", "molest[oa]s?",
];
/** What of ours a feeling can be about. */
const OURS = [
  "us", "our", "we", "you", "support", "onboarding", "implementation", "set-?up", "rollout", "service", "tickets?", "invoices?", "billing", "bugs?", "outages?", "downtime", "response times?", "account manager", "refund", "product", "platform", "app", "migration", "integration", "training", "the (?:tool|software|system)",
  "uns", "unser\\w*", "einrichtung", "umsetzung", "rechnung\\w*", "abrechnung", "schulung",
  "nous", "notre", "nos", "déploiement", "mise en place", "facture\\w*", "facturation", "formation", "plateforme", "produit", "logiciel",
  "nosotros", "nuestr[oa]s?", "soporte", "servicio", "implementación", "puesta en marcha", "facturas?", "facturación", "formación", "plataforma", "producto",
];
const SERVICES = "(?:support|service|onboarding|implementation|set-?up|rollout|integration|migration|einrichtung|umsetzung|déploiement|mise en place|soporte|servicio|implementación|puesta en marcha)";

export const COMPLAINT_PATTERNS: readonly string[] = [
  // A feeling about one of our things.
  `${NOT_THEIRS_BEFORE}(?:${FEELINGS.join("|")})${NOT_THEIRS_AFTER}[^.;!?\\n]{0,40}?(?<![\\p{L}\\p{N}])(?:${OURS.join("|")})(?![\\p{L}\\p{N}])`,
  // Our service judged, or not answering.
  `${NOT_THEIRS_BEFORE}${SERVICES} (?:was |is |has been |were |are |war |ist |sind |waren |est |était |a été |fue |es |ha sido )?(?:too |very |really |zu |sehr |trop |très |muy |demasiado )?(?:slow|poor|bad|terrible|awful|a mess|unresponsive|painful|chaotic|langsam|schlecht|katastrophal|chaotisch|nicht erreichbar|lent|mauvais|catastrophique|injoignable|lent[oa]|mal[oa]?|pésim[oa]|caótic[oa])`,
  `${NOT_THEIRS_BEFORE}(?:support|our team|nobody|no one|niemand|keiner|le support|personne|nadie|el soporte) (?:did not|didn't|never|has not|hasn't|have not|haven't|hat (?:nicht|nie)|hat|n'a (?:pas|jamais)|ne (?:nous|leur) a (?:pas|jamais)|no|nunca) (?:answer(?:ed)?|respond(?:ed)?|repl(?:y|ied)|get back|got back|gotten back|call(?:ed)? back|follow(?:ed)? up|geantwortet|zurückgerufen|reagiert|répondu|rappelé|respondió|contestó|ha respondido|ha contestado|nos devolvió la llamada)`,
  // What only an unhappy customer asks for.
  "(?:open |unanswered |unresolved )?(?:support )?tickets? (?:still )?(?:open|unanswered|unresolved|ignored)", "(?:still )?waiting (?:for|on) (?:a |the |our )?(?:fix|refund|support)", "(?:asked|asking|wants?|demand(?:ed|s|ing)?) (?:for )?(?:a )?refund", "threaten\\w* to (?:cancel|leave|churn|switch)", "(?:wants?|asked|asking) to cancel", "escalat(?:ed|ion)", "bad experience", "poor (?:experience|service|support|onboarding)",
  "beschwerde\\w*", "reklamation\\w*", "eskalation", "eskaliert", "plainte\\w*", "réclamation\\w*", "reclamaci(?:ón|ones)",
];
