import { COMPETITOR_CUES, COMPETITOR_WORDS, CONTRACT_TERM, HONORIFICS, RENEWAL_WORDS, INTEGRATION_AFTER, INTEGRATION_BEFORE, PERSON_CUES, REFERRER_CUES, SIGNAL_RULES, SOFT_TIMING, STAGE_ORDER } from "./cues.js";
import { findReconnect, findWhens } from "./dates.js";
import { detectLanguage, requestedLanguage } from "./language.js";
import { expandShorthand } from "./shorthand.js";
import { COME_BACK, PAST_WORDS, DAY_PARTS, NO_CALLS, PREFER_WORDS } from "./time-words.js";
import { FEATURES, HOSTING, NOT_A_NAME, ROLES, SECURITY, SYSTEMS, TOPICS, type LexItem } from "./lexicon.js";
import { clauseAt, clean, findAll, has, mask, rx, wordsRegex, type Span } from "./text.js";
import type { ContextReading, Label, Lang, Point, Signal, Stage } from "./types.js";

/**
 * The context reader: what a salesperson's note says happened (the stage), what was asked about
 * or named (systems, security, features, commercial topics, people, days and times) and whether to
 * come back later (the month). Tables of patterns in lexicon.ts, cues.ts and time-words.ts; the
 * logic here only finds, masks and orders. Nothing is invented: a point is only what the text names.
 */

export interface ReadContextOptions {
  /** The day the note is read (for "until March": this year or next). Default now. */
  now?: Date;
  /**
   * Whether names found only by their position ("with Tom", "vs Close", "asked whether …") may
   * become points. False for text the lead controls (its `last_activity`); default true.
   */
  freeNames?: boolean;
  /** The lead's own names (the contact and the company): never a third person or a product. */
  ownNames?: readonly string[];
}

/** A name's letters: a dot only inside it ("Monday.com"), never the full stop that ends a sentence ("… Sellsy. Rappeler en mars"). */
const NAME_CHARS = "(?:[\\p{L}\\p{N}&'+-]|\\.(?=[\\p{L}\\p{N}]))*";
const NAME = `[\\p{Lu}]${NAME_CHARS}(?:\\s(?:[\\p{Lu}]${NAME_CHARS}|CRM|ERP|\\d{1,3}))*`;
const PERSON_NAME = "[\\p{Lu}][\\p{Ll}'-]+(?:\\s[\\p{Lu}][\\p{Ll}'-]+)?";
const CHAIN = "\\s*(?:,|(?i:and|or|und|oder|et|ou|y|o)|&|\\+|/)\\s+";
/** Between two people's names: "Tom and Priya" (no comma: "…, Fragen zu SAP" is no name). */
const PERSON_CHAIN = "\\s*(?:(?i:and|und|et|y)|&|\\+)\\s+";

const isNegated = (text: string, s: Span) =>
  /(?:\bnot|\bno|\bnever|n't|\byet to|\bkein\w*|\bnicht|\bnoch nicht|\bpas|\bjamais|\baún no|\btodavía no)\s+(?:\w+\s+){0,2}$/iu.test(text.slice(Math.max(0, s.start - 30), s.start)) ||
  /^\s*(?:yet|noch nicht|pas encore|todavía|aún)\b/iu.test(text.slice(s.end, s.end + 16));

class Reading {
  readonly points: Point[] = [];
  masked: string;
  readonly spans: { point: Point; span: Span }[] = [];

  constructor(readonly text: string) {
    this.masked = text;
  }

  add(point: Point, span: Span): void {
    const known = this.points.find((p) => p.kind === point.kind && p.id === point.id);
    if (known) Object.assign(known, { ...point, ...known, migration: known.migration || point.migration });
    else this.points.push(point);
    this.spans.push({ point: known ?? point, span });
    this.masked = mask(this.masked, [span]);
  }

  items(items: readonly LexItem[], kind: Point["kind"]): void {
    for (const item of items) {
      for (const s of findAll(this.masked, item.patterns, { caseSensitive: item.caseSensitive === true })) this.add({ kind, id: item.id, label: item.label }, s);
    }
  }
}

function labelAs(word: string, nouns: Readonly<Record<Lang, string>>, frames: Readonly<Record<Lang, (name: string, noun: string) => string>>): Label {
  return { en: frames.en(word, nouns.en), de: frames.de(word, nouns.de), fr: frames.fr(word, nouns.fr), es: frames.es(word, nouns.es) };
}

const GROUP_NOUNS: readonly { pattern: string; nouns: Readonly<Record<Lang, string>> }[] = [
  { pattern: "office|büro|bureau|oficina", nouns: { en: "office", de: "Büro", fr: "bureau", es: "oficina" } },
  { pattern: "site|standort|sede", nouns: { en: "site", de: "Standort", fr: "site", es: "sede" } },
  { pattern: "branch|niederlassung|filiale|agence|sucursal", nouns: { en: "branch", de: "Niederlassung", fr: "agence", es: "sucursal" } },
  { pattern: "plant|werk|usine|planta", nouns: { en: "plant", de: "Werk", fr: "usine", es: "planta" } },
  { pattern: "warehouse|lager|entrepôt|almacén", nouns: { en: "warehouse", de: "Lager", fr: "entrepôt", es: "almacén" } },
  { pattern: "store|shop|magasin|tienda", nouns: { en: "store", de: "Filiale", fr: "magasin", es: "tienda" } },
];

/** Plans ("Pro plan", "Enterprise tier") and seat counts ("25 seats", "40 Lizenzen"). */
function plansAndSeats(r: Reading): void {
  const planRe = /(?<![\p{L}\p{N}])(?:the\s+)?(?:(Pro|Enterprise|Business|Starter|Premium|Team|Teams|Basic|Growth|Professional|Plus|Standard|Advanced|Ultimate|Essentials|Scale)\s+(?:plan|tier|edition|package|licen[cs]e|tarif|paket|offre|formule)|(?:formule|offre|forfait|paket|tarif|plan)\s+(Pro|Enterprise|Business|Starter|Premium|Basic|Growth|Professional|Plus|Standard|Advanced|Ultimate|Essentials|Scale))(?![\p{L}])/giu;
  for (const m of r.masked.matchAll(planRe)) {
    const n = m[1] ?? m[2]!;
    r.add({ kind: "feature", id: `plan:${n.toLowerCase()}`, label: { en: `the ${n} plan`, de: `das ${n}-Paket`, fr: `l'offre ${n}`, es: `el plan ${n}` } }, { start: m.index!, end: m.index! + m[0].length, text: m[0] });
  }
  const seatRe = /(?<![\p{L}\p{N}])(\d{1,6})\s*(seats?|licen[cs]es?|users?|lizenzen|nutzer(?:n|innen)?|plätze|utilisateurs|licencias|usuarios|puestos)(?![\p{L}])/giu;
  for (const m of r.masked.matchAll(seatRe)) {
    const n = m[1]!;
    r.add({ kind: "feature", id: "seats", label: { en: `${n} seats`, de: `${n} Lizenzen`, fr: `${n} licences`, es: `${n} licencias` } }, { start: m.index!, end: m.index! + m[0].length, text: m[0] });
  }
  // "50 techs", "8 dispatchers", "12 personnes": the people a team size or a training is for.
  // "companies with more than 300 employees" qualifies others, it is no team size.
  const peopleRe = /(?<![\p{L}\p{N}])(?<!(?:more than|over|at least|above|mehr als|über|plus de|más de)\s)(\d{1,5})\s*(techs?|technicians?|dispatchers?|agents?|reps?|drivers?|people|staff|employees|mitarbeite(?:r|rn|nde)|personen|techniker|fahrer|personnes|salariés|techniciens|personas|empleados|técnicos)(?![\p{L}])/giu;
  for (const m of r.masked.matchAll(peopleRe)) {
    const n = m[1]!;
    const word = m[2]!;
    r.add({ kind: "feature", id: "team_size", label: { en: /^(?:people|staff|employees)$/i.test(word) ? `${n} people` : `${n} ${word.toLowerCase()}`, de: `${n} Personen`, fr: `${n} personnes`, es: `${n} personas` } }, { start: m.index!, end: m.index! + m[0].length, text: m[0] });
  }
  const termRe = /(?<![\p{L}\p{N}])(\d|one|two|three|zwei|drei|deux|trois|dos|tres)[- ](?:year|yr|jahres|ans?|años?)(?:[- ](?:term|contract|deal|vertrag|laufzeit|engagement|contrato))?(?![\p{L}])/giu;
  for (const m of r.masked.matchAll(termRe)) {
    const n = m[1]!;
    r.add({ kind: "topic", id: "term", label: { en: `a ${n}-year term`, de: `eine Laufzeit von ${n} Jahren`, fr: `un engagement de ${n} ans`, es: `un contrato de ${n} años` } }, { start: m.index!, end: m.index! + m[0].length, text: m[0] });
  }
}

/** "Invoicing in EUR", "billed in USD", "Rechnung in CHF": the currency a contract is to be in. */
const CURRENCY_RE = /(?<![\p{L}])(?:invoic\w*|bill(?:ed|ing)?|paid|pay|pricing|prices?|quote[sd]?|rechnung\w*|abrechnung|fakturierung|preise?|factur\w*|prix|tarifs?|precios?|pagar)\s+(?:in|en|auf)\s+(?:(?:the\s+)?(EUR|USD|GBP|CHF)(?![\p{L}])|(euros?|dollars?|pounds?|francs?|franken|libras?|dólares?))/giu;
const CURRENCY_WORDS: Readonly<Record<string, string>> = { euro: "EUR", euros: "EUR", dollar: "USD", dollars: "USD", "dólar": "USD", "dólares": "USD", pound: "GBP", pounds: "GBP", libra: "GBP", libras: "GBP", franc: "CHF", francs: "CHF", franken: "CHF" };

function currency(r: Reading): void {
  for (const m of r.masked.matchAll(CURRENCY_RE)) {
    const code = m[1]?.toUpperCase() ?? CURRENCY_WORDS[m[2]!.toLowerCase()];
    if (!code) continue;
    r.add({ kind: "topic", id: "currency", label: { en: `invoicing in ${code}`, de: `Rechnungsstellung in ${code}`, fr: `la facturation en ${code}`, es: `la facturación en ${code}` } }, { start: m.index!, end: m.index! + m[0].length, text: m[0] });
  }
}

/** "Quarterly payment instead of annual", "paiement trimestriel", "monatliche Abrechnung": the payment terms asked for. */
const PAYMENT_RE = /(?<![\p{L}])(?:(?:pay(?:ing|ment)?|bill(?:ed|ing)?|invoic\w*)\s+(?:quarterly|monthly|annually|yearly)|(?:quarterly|monthly|annual|yearly)\s+(?:payments?|billing|invoic\w*|instal\w*)|paiements?\s+(?:trimestriel|mensuel)s?|(?:payer|facturer|facturation)\s+(?:au\s+|par\s+)?(?:trimestre|mois)|(?:quartalsweise|monatliche?[nr]?)\s+(?:zahlung|abrechnung|rechnung)\w*|(?:zahlung|abrechnung)\s+(?:pro\s+quartal|quartalsweise|monatlich)|pagos?\s+(?:trimestral|mensual)(?:es)?|(?:pagar|facturar)\s+(?:cada\s+)?(?:trimestre|mes|trimestralmente|mensualmente))(?![\p{L}])/giu;

function paymentTerms(r: Reading): void {
  for (const m of r.masked.matchAll(PAYMENT_RE)) {
    const label = /quart|trimest/iu.test(m[0])
      ? { en: "quarterly payment", de: "quartalsweise Zahlung", fr: "le paiement trimestriel", es: "el pago trimestral" }
      : /annu|year/iu.test(m[0])
        ? { en: "annual billing", de: "jährliche Abrechnung", fr: "la facturation annuelle", es: "la facturación anual" }
        : { en: "monthly payment", de: "monatliche Zahlung", fr: "le paiement mensuel", es: "el pago mensual" };
    r.add({ kind: "topic", id: "payment_terms", label }, { start: m.index!, end: m.index! + m[0].length, text: m[0] });
  }
}

/** "Built their own solution in-house", "eigene Lösung gebaut": a competitor chosen, and it is theirs. */
const IN_HOUSE = ["built (?:it |their own |our own |an? )?(?:own |internal |in-house )?(?:solution|tool|system|crm)?\\s*(?:in-house|internally|themselves)", "built (?:their|its) own(?: solution| tool| system)?", "(?:build|building|develop|developing) (?:it |their own |one )?(?:in-house|internally|themselves)", "in-house (?:solution|tool|build|system)", "eigene (?:lösung|software|entwicklung|anwendung)", "(?:selbst|intern) (?:gebaut|entwickelt|programmiert)", "solution (?:interne|maison)", "développ\\w* en interne", "solución (?:propia|interna)", "desarroll\\w* (?:internamente|su propi[oa])"];

function inHouse(r: Reading): void {
  for (const s of findAll(r.masked, IN_HOUSE)) {
    r.add({ kind: "competitor", id: "in_house", label: { en: "your own in-house solution", de: "eine eigene Lösung", fr: "une solution interne", es: "una solución propia" }, chosen: true }, s);
    return;
  }
}

/** "Something under $50/month", "maximal 30 € pro Nutzer": the price a plan has to stay under. */
const CEILING_RE = /(?<![\p{L}])(?:under|below|less than|max(?:imum)?|at most|no more than|unter|weniger als|maximal|höchstens|moins de|au maximum|pas plus de|menos de|máximo|como máximo)\s*((?:[$€£]\s?\d[\d.,]*)|(?:\d[\d.,]*\s?(?:€|\$|£|eur|euros?|dollars?|usd|gbp)))(?:\s*(?:\/|per|a|an|pro|par|al|por|im|el)\s*(month|mo|monat|mois|mes|year|yr|jahr|an|año|user|seat|nutzer|utilisateur|usuario))?/giu;
const PER: Readonly<Record<string, "month" | "year" | "user">> = { month: "month", mo: "month", monat: "month", mois: "month", mes: "month", year: "year", yr: "year", jahr: "year", an: "year", "año": "year", user: "user", seat: "user", nutzer: "user", utilisateur: "user", usuario: "user" };

function priceCeiling(r: Reading): void {
  for (const m of r.masked.matchAll(CEILING_RE)) {
    const amount = m[1]!.replace(/\s+/g, "");
    const per = m[2] ? PER[m[2].toLowerCase()] : undefined;
    const label = {
      en: `a plan under ${amount}${per ? ` a ${per}` : ""}`,
      de: `ein Paket unter ${amount}${per ? ` ${{ month: "im Monat", year: "im Jahr", user: "pro Nutzer" }[per]}` : ""}`,
      fr: `une offre à moins de ${amount}${per ? ` ${{ month: "par mois", year: "par an", user: "par utilisateur" }[per]}` : ""}`,
      es: `un plan por menos de ${amount}${per ? ` ${{ month: "al mes", year: "al año", user: "por usuario" }[per]}` : ""}`,
    };
    r.add({ kind: "topic", id: "price_ceiling", label }, { start: m.index!, end: m.index! + m[0].length, text: m[0] });
    return;
  }
}

/** "The interface in Japanese", "Oberfläche auf Chinesisch": a language the product's users need. */
const UI_LANGUAGES: readonly { pattern: string; en: string; de: string; fr: string; es: string }[] = [
  { pattern: "japanese|japanisch|japonais|japonés", en: "Japanese", de: "Japanisch", fr: "japonais", es: "japonés" },
  { pattern: "chinese|mandarin|chinesisch|chinois|chino", en: "Chinese", de: "Chinesisch", fr: "chinois", es: "chino" },
  { pattern: "korean|koreanisch|coréen|coreano", en: "Korean", de: "Koreanisch", fr: "coréen", es: "coreano" },
  { pattern: "arabic|arabisch|arabe|árabe", en: "Arabic", de: "Arabisch", fr: "arabe", es: "árabe" },
  { pattern: "portuguese|portugiesisch|portugais|portugués", en: "Portuguese", de: "Portugiesisch", fr: "portugais", es: "portugués" },
  { pattern: "italian|italienisch|italien|italiano", en: "Italian", de: "Italienisch", fr: "italien", es: "italiano" },
  { pattern: "dutch|niederländisch|néerlandais|neerlandés", en: "Dutch", de: "Niederländisch", fr: "néerlandais", es: "neerlandés" },
  { pattern: "polish|polnisch|polonais|polaco", en: "Polish", de: "Polnisch", fr: "polonais", es: "polaco" },
  { pattern: "turkish|türkisch|turc|turco", en: "Turkish", de: "Türkisch", fr: "turc", es: "turco" },
];
const UI_RE = new RegExp(`(?<![\\p{L}])(?:interface|ui|user interface|app|software|oberfläche|benutzeroberfläche|interfaz|logiciel)\\s+(?:in|en|auf)\\s+(${UI_LANGUAGES.map((l) => l.pattern).join("|")})(?![\\p{L}])`, "giu");

function uiLanguage(r: Reading): void {
  for (const m of r.masked.matchAll(UI_RE)) {
    const l = UI_LANGUAGES.find((x) => new RegExp(`^(?:${x.pattern})$`, "iu").test(m[1]!))!;
    r.add({ kind: "feature", id: "ui_language", label: { en: `the interface in ${l.en}`, de: `die Oberfläche auf ${l.de}`, fr: `l'interface en ${l.fr}`, es: `la interfaz en ${l.es}` } }, { start: m.index!, end: m.index! + m[0].length, text: m[0] });
  }
}

function hosting(r: Reading): void {
  for (const s of findAll(r.masked, HOSTING.patterns)) {
    const around = r.text.slice(Math.max(0, s.start - 30), s.end + 30);
    const region = HOSTING.regions.find((x) => wordsRegex([x.pattern]).test(around));
    const where = region?.label;
    const label: Label = where
      ? { en: `hosting in ${where.en}`, de: `Hosting in ${where.de}`, fr: `l'hébergement en ${where.fr}`, es: `el alojamiento en ${where.es}` }
      : { en: "where your data is hosted", de: "Datenspeicherort", fr: "l'hébergement des données", es: "dónde se alojan sus datos" };
    r.add({ kind: "security", id: "hosting", label }, s);
  }
}

/** Words before "a quote" that ask for it ("wants a quote", "asked for a proposal", "veut un devis", "möchte ein Angebot"). */
const ASKS_FOR = /(?<![\p{L}])(?:wants?|asked for|asks for|requested|requests|needs?|would like|waiting for|awaiting|veut|voudrait|demande|souhaite|attend|möchte|braucht|wünscht|bittet um|will|wartet auf|quiere|pide|pidió|solicita|solicitó|necesita|espera)\s+(?:\p{L}+\s+){0,2}$/iu;

/** Spanish "presupuesto" is a budget, or a quote when asked for ("pide un presupuesto"). */
const ASKS_FOR_PRESUPUESTO = /(?<![\p{L}])(?:pide|pidió|pidieron|quiere|quieren|solicita|solicitó|necesita|espera|envíen|enviar)\s+(?:un |el |una |nuestro |su |tres |dos |varios |\d+ )?presupuestos?/iu;

/** The role ids ("cfo", "procurement") a short text names, e.g. a job title: the lexicon's roles alone. */
export function rolesNamed(text: string): string[] {
  return text ? ROLES.filter((item) => findAll(text, item.patterns, { caseSensitive: item.caseSensitive === true }).length > 0).map((item) => item.id) : [];
}

/** Marks a proposal the prospect asked for (a sent one shapes the opening instead). */
function requestedProposal(r: Reading): void {
  for (const { point, span } of r.spans) {
    if (point.kind === "topic" && point.id === "proposal" && ASKS_FOR.test(r.text.slice(Math.max(0, span.start - 40), span.start))) point.requested = true;
  }
  if (!ASKS_FOR_PRESUPUESTO.test(r.text)) return;
  const budget = r.points.findIndex((p) => p.kind === "topic" && p.id === "budget");
  if (budget >= 0) r.points.splice(budget, 1);
  const proposal = r.points.find((p) => p.kind === "topic" && p.id === "proposal");
  if (proposal) proposal.requested = true;
  else {
    const item = TOPICS.find((t) => t.id === "proposal")!;
    r.points.push({ kind: "topic", id: item.id, label: item.label, requested: true });
  }
}

/** Known systems: a competitor, the tool in use, or an integration — by the words around them. */
function systems(r: Reading, freeNames: boolean, own: ReadonlySet<string>): void {
  const before = (at: number, n = 40) => r.text.slice(Math.max(0, at - n), at);
  const switching = has(r.text, [...COMPETITOR_WORDS, ...RENEWAL_WORDS]);
  const roleOf = (start: number, end: number, crm: boolean, inherited?: Partial<Point>): Partial<Point> => {
    if (inherited) return inherited;
    const b = before(start);
    const cue = COMPETITOR_CUES.find((c) => rx(`(?<![\\p{L}])(?:${c})\\s*\\(?(?:the\\s+)?$`, "iu").test(b));
    const after = r.text.slice(end, end + 24);
    const integrationCue = INTEGRATION_BEFORE.some((c) => rx(`(?:${c})\\s*$`, "iu").test(b)) || rx(`^[\\s-]*(?:${INTEGRATION_AFTER.join("|")})`, "iu").test(after);
    const migration = /migrat|migraci|umzug|wechsel/iu.test(b.slice(-20) + after);
    // "migrar los datos desde su software actual (Gesden)": the tool in use is what the data moves from.
    if (cue && /current|existing|old|legacy|actual|actuel|aktuell|bisherig|jetzig/iu.test(cue) && /migr|umzug|übernehm|transf[eé]r|import/iu.test(before(start, 70))) return { kind: "integration", migration: true };
    const chosen = /(?:went|gone|going) with|chose|picked|selected|decided|signed with|lost|renewed|entschied|opté|choisi|eligi|escogi|decidieron|quedaron|optaron/iu.test(b.slice(-24));
    if (cue && /^(?:over)$/i.test(cue)) return { kind: "competitor", chosen: false, incumbent: false, id: "beaten" };
    if (cue && /currently|already|today|nutzt|nutzen|verwend|utilise|usan|utilizan|current|existing|old|legacy|actual|actuel|aktuell|bisherig|jetzig/iu.test(cue)) return crm || switching ? { kind: "competitor", incumbent: true } : { kind: "tool" };
    if (cue) return { kind: "competitor", chosen };
    if (integrationCue && /(?:uses|using|use|nutzt|nutzen|utilise|usa|usan|utiliza)\s*(?:the\s+)?$/iu.test(b) && !migration) return crm && switching ? { kind: "competitor", incumbent: true } : { kind: "tool" };
    if (crm && switching && !integrationCue && !migration) return { kind: "competitor" };
    return { kind: "integration", migration };
  };
  const found: { start: number; end: number; id: string; label: Label; crm: boolean }[] = [];
  for (const sys of SYSTEMS) {
    for (const s of findAll(r.masked, sys.patterns, { caseSensitive: sys.caseSensitive === true })) found.push({ ...s, id: sys.id, label: sys.label, crm: sys.crm === true });
  }
  // Unknown names after a competitor or integration cue ("vs Close and Copper", "integration with Acme").
  if (freeNames) {
    const cues = [...COMPETITOR_CUES, ...INTEGRATION_BEFORE];
    // "their current software (Gesden)": a name in brackets after the cue.
    for (const m of r.masked.matchAll(rx(`(?<![\\p{L}])(?i:${cues.join("|")})\\s*\\(?(?i:the\\s+)?(${NAME})((?:${CHAIN}${NAME})*)`, "gu"))) {
      const first = m[1]!;
      const startFirst = m.index! + m[0].length - m[2]!.length - first.length;
      const names: { name: string; start: number }[] = [{ name: first, start: startFirst }];
      const at = startFirst + first.length;
      for (const c of (m[2] ?? "").matchAll(rx(`${CHAIN}(${NAME})`, "gu"))) {
        names.push({ name: c[1]!, start: at + c.index! + c[0].length - c[1]!.length });
      }
      for (const n of names) {
        const name = n.name.replace(/[.'-]+$/, "").trim();
        const words = name.split(/\s+/);
        if (name.length < 2 || name.length > 30 || words.length > 3) continue;
        if (words.every((w) => NOT_A_NAME.has(w.toLowerCase())) || NOT_A_NAME.has(words[0]!.toLowerCase()) || own.has(name.toLowerCase()) || own.has(words[0]!.toLowerCase())) continue;
        // A web address is no product name, unless it is one ("integration with Booking.com").
        if (/\.(?:com|io|net|org|de|fr|es)$/i.test(name) && !INTEGRATION_BEFORE.some((c) => rx(`(?:${c})\\s*$`, "iu").test(r.text.slice(Math.max(0, n.start - 40), n.start)))) continue;
        if (found.some((f) => n.start < f.end && n.start + name.length > f.start)) continue;
        // "Booking.com" is named without its domain: e-mails carry no web addresses.
        const label = name.replace(/\.(?:com|io|net|org|de|fr|es)$/i, "");
        found.push({ start: n.start, end: n.start + name.length, id: label.toLowerCase(), label, crm: false });
      }
    }
  }
  found.sort((a, b) => a.start - b.start);
  let previous: { end: number; role: Partial<Point> } | undefined;
  for (const f of found) {
    const chained = previous && rx(`^${CHAIN}(?:the\\s+)?$`, "iu").test(r.text.slice(previous.end, f.start)) ? previous.role : undefined;
    const role = roleOf(f.start, f.end, f.crm, chained);
    previous = { end: f.end, role };
    if (role.id === "beaten") continue;
    r.add({ kind: role.kind ?? "integration", id: f.id, label: f.label, ...(role.migration ? { migration: true } : {}), ...(role.chosen ? { chosen: true } : {}), ...(role.incumbent ? { incumbent: true } : {}) }, { start: f.start, end: f.end, text: r.text.slice(f.start, f.end) });
  }
  // "DATEV export", "Slack alerts": the feature is the integration.
  for (const id of ["export", "import", "alerts"]) {
    for (const s of findAll(r.masked, FEATURES.find((x) => x.id === id)!.patterns)) {
      const near = r.spans.some(({ point, span }) => (point.kind === "integration" || point.kind === "tool") && (Math.abs(s.start - span.end) <= 2 || Math.abs(span.start - s.end) <= 4));
      if (near) r.masked = mask(r.masked, [s]);
    }
  }
}

function people(r: Reading, own: ReadonlySet<string>): void {
  const accept = (name: string) => {
    const words = name.split(/\s+/);
    return !words.some((w) => NOT_A_NAME.has(w.toLowerCase())) && !own.has(name.toLowerCase()) && !words.some((w) => own.has(w.toLowerCase()));
  };
  const hon = `(?i:${HONORIFICS})`;
  // Whoever introduced the lead first ("referred by Ana Souza at Petrobras"): a referrer, never someone to include.
  for (const m of r.masked.matchAll(rx(`(?<![\\p{L}])(?i:${REFERRER_CUES.join("|")})\\s+((?:${hon}\\s+)?${PERSON_NAME})`, "gu"))) {
    const name = m[1]!.trim();
    const bare = name.replace(rx(`^${hon}\\s+`, "u"), "");
    if (!/^[\p{Lu}]/u.test(bare) || !accept(bare)) continue;
    const at = m.index! + m[0].length - m[1]!.length;
    r.add({ kind: "person", id: `person:${bare.toLowerCase()}`, label: name, referrer: true }, { start: at, end: at + m[1]!.length, text: m[1]! });
  }
  const cue = `(?<![\\p{L}])(?i:${PERSON_CUES.join("|")})\\s+(?:(?i:their|his|her|our|the)\\s+)?`;
  const re = rx(`${cue}((?:${hon}\\s+)?${PERSON_NAME})((?:${PERSON_CHAIN}(?:${hon}\\s+)?${PERSON_NAME})*)`, "gu");
  for (const m of r.masked.matchAll(re)) {
    const all = [m[1]!, ...[...(m[2] ?? "").matchAll(rx(`${PERSON_CHAIN}((?:${hon}\\s+)?${PERSON_NAME})`, "gu"))].map((c) => c[1]!)];
    for (const raw of all) {
      const name = raw.trim();
      const bare = name.replace(rx(`^${hon}\\s+`, "u"), "");
      if (!/^[\p{Lu}]/u.test(bare) || !accept(bare)) continue;
      const at = r.masked.indexOf(raw, m.index!);
      // "con Booking.com" is a web address, not a person called Booking.
      if (/^\.(?:com|io|net|org|de|fr|es)(?![\p{L}])/u.test(r.text.slice(at + raw.length, at + raw.length + 5))) continue;
      r.add({ kind: "person", id: `person:${bare.toLowerCase()}`, label: name }, { start: at, end: at + raw.length, text: raw });
    }
  }
  // "their CEO Anika Roth": the role is found by the lexicon, the name follows it.
  for (const m of r.text.matchAll(rx(`(?<![\\p{L}])(?i:ceo|cfo|cto|coo|cio|ciso|vp \\p{L}+|head of \\p{L}+|managing partner|colleague|collègue|kollegin|kollege|colega),?\\s+(${PERSON_NAME})`, "gu"))) {
    const name = m[1]!;
    if (!accept(name) || r.points.some((p) => p.id === `person:${name.toLowerCase()}`)) continue;
    const at = m.index! + m[0].length - name.length;
    r.add({ kind: "person", id: `person:${name.toLowerCase()}`, label: name }, { start: at, end: at + name.length, text: name });
  }
  // "the Berlin office", "Standort Hamburg".
  for (const g of GROUP_NOUNS) {
    for (const m of r.masked.matchAll(rx(`(?<![\\p{L}])(\\p{Lu}\\p{Ll}+)\\s+(?i:${g.pattern})(?![\\p{L}])|(?i:${g.pattern})\\s+(?:in\\s+|de\\s+)?(\\p{Lu}\\p{Ll}+)`, "gu"))) {
      const place = m[1] ?? m[2]!;
      if (NOT_A_NAME.has(place.toLowerCase()) || own.has(place.toLowerCase())) continue;
      // "présentée par Julien (agence Pixel)": whose agency, in brackets, is no office of the lead's.
      if (r.text.slice(Math.max(0, m.index! - 2), m.index!).includes("(")) continue;
      const label = labelAs(place, g.nouns, { en: (p, n) => `your ${p} ${n}`, de: (p, n) => `Ihr ${n} in ${p}`, fr: (p, n) => `votre ${n} de ${p}`, es: (p, n) => `su ${n} de ${p}` });
      r.add({ kind: "person", id: `group:${place.toLowerCase()}`, label }, { start: m.index!, end: m.index! + m[0].length, text: m[0] });
    }
  }
}

/**
 * A question not to be echoed in the prospect's words: links and addresses (a clause cut at the dot
 * of "evil.example" ends just before it), money moving anywhere (the shape of payment fraud),
 * credentials, instructions, and insults — the e-mail leaves such a question out rather than quote it.
 */
const UNSAFE_QUESTION = /[@:/\\{}<>$%#€£]|\d{4,}|password|passwort|credential|login|bank|iban|swift|routing|transfer|wire|refund|personal account|account (?:number|details)|pay(?:ment|ments|pal)?\b|money|funds|cash|gift ?cards?|crypto|bitcoin|wallet|urgent|ignore|instruction|prompt|\b(?:idiot\w*|stupid|dumb|moron\w*|crap\w*|shit\w*|fuck\w*|damn\w*|bastard\w*|suck\w*|scheiß\w*|scheiss\w*|blöd\w*|dämlich\w*|merde|connard\w*|putain|mierda|idiota\w*|estúpid\w*|gilipollas|pendej\w*)\b/iu;

/** English questions no table covers ("asked whether data carries over to the paid plan"), in the e-mail's words. */
function questions(r: Reading): void {
  const re = /(?<![\p{L}])(?:ask(?:ed|s|ing)?|wants? to know|would like to know|wondering|q(?:'?s)?\s*:)\s*(?:us\s+)?((?:if|whether|how|what|when|why|can|does|do|is|are)\s+[^.;!?\n+]{3,120})/giu;
  for (const m of r.text.matchAll(re)) {
    const start = m.index! + m[0].length - m[1]!.length;
    let clause = m[1]!.split(/\s+(?:and|also|\+)\s+(?=(?:whether|if|asked|wants|they|she|he)\b)|,\s*(?:also|and)\s/iu)[0]!.trim();
    const end = start + clause.length;
    if (r.spans.some(({ span }) => span.start >= start && span.end <= end)) continue;
    if (UNSAFE_QUESTION.test(clause) || /^\.\p{L}/u.test(r.text.slice(start + clause.length, start + clause.length + 2))) continue;
    const words = clause.split(/\s+/);
    if (words.length < 2 || words.length > 14) continue;
    clause = words
      .map((w) => ({ they: "you", them: "you", she: "you", he: "you", their: "your", her: "your", his: "your", "they're": "you're", theirs: "yours", abt: "about", "w/": "with", "&": "and" })[w.toLowerCase()] ?? w)
      .join(" ")
      .replace(/^(?:can|does|do|is|are)\b/i, (w) => `whether ${w.toLowerCase()}`)
      .replace(/\?+$/, "");
    r.points.push({ kind: "question", id: `q:${clause.toLowerCase()}`, label: { en: clause, de: clause, fr: clause, es: clause }, text: clause });
  }
}

function signalsOf(text: string, r: Reading): Set<Signal> {
  const out = new Set<Signal>();
  for (const rule of SIGNAL_RULES) {
    const hits = findAll(text, rule.patterns);
    if (hits.some((h) => !rule.negatable || !isNegated(text, h))) out.add(rule.signal);
  }
  // A missed meeting is a no-reply stage with a reschedule to offer ("Termin verpasst").
  if (out.has("missed_meeting")) out.add("no_reply");
  if (has(text, COMPETITOR_WORDS) || r.points.some((p) => p.kind === "competitor" && !p.incumbent)) out.add("competitor");
  if (r.points.some((p) => p.kind === "competitor" && p.chosen)) out.add("competitor_chosen");
  if (r.points.some((p) => p.kind === "competitor" && p.incumbent)) out.add("competitor");
  return out;
}

const REQUESTED = /(?<![\p{L}])(?:request\p{L}*|asked for|wants?|would like|ideally|prefer\p{L}*|angefragt|gewünscht|am liebsten|möchte\p{L}*|demand\p{L}*|souhait\p{L}*|veu\p{L}*|de préférence|solicit\p{L}*|pidi\p{L}*|quiere\p{L}*|preferiblemente)(?![\p{L}])/iu;
const DEMO = /(?<![\p{L}])(?:demo|démo|demonstration|démonstration|demostración|vorführung)(?![\p{L}])/iu;
const BOOKED = SIGNAL_RULES.find((r) => r.signal === "meeting_booked")!.patterns;
const DONE = [...SIGNAL_RULES.find((r) => r.signal === "demo_done")!.patterns, ...PAST_WORDS, "done", "held", "happened", "had", "erledigt", "gehalten", "faite", "hecha"];

/**
 * A meeting day or time with no "booked" word: in a past clause ("demo done tues.") it is no
 * meeting to come; asked for ("wants one next Tues 2pm") or a demo not yet held ("Demo el martes
 * que viene") it is a demo requested; otherwise a meeting booked ("Meeting w/ procurement next Wed").
 */
function inferFromDates(text: string, when: readonly { event: string; weekday?: number; hour?: number; day?: number; raw: string }[], signals: Set<Signal>): void {
  if (signals.has("missed_meeting") || signals.has("meeting_booked")) return;
  for (const w of when) {
    if (w.event !== "meeting" || (w.weekday === undefined && w.hour === undefined && w.day === undefined)) continue;
    const clause = clauseAt(text, Math.max(0, text.indexOf(w.raw))).text;
    if (has(clause, DONE)) continue;
    const asked = REQUESTED.test(clause);
    if (DEMO.test(clause) && !signals.has("demo_done") && !has(clause, BOOKED)) signals.add("demo_requested");
    else if (!asked && !signals.has("demo_requested")) signals.add("meeting_booked");
  }
}

/**
 * Rules between signals that the order of STAGE_ORDER alone gets wrong: a contract's end date is
 * no objection ("Vertrag läuft bis Juni"); "not before the 15th" on a demo request is its timing.
 */
function precedence(text: string, signals: Set<Signal>): void {
  if (signals.has("objection_timing") && !signals.has("objection_budget")) {
    const rule = SIGNAL_RULES.find((r) => r.signal === "objection_timing")!;
    const real = findAll(text, rule.patterns).filter((h) => {
      const clause = clauseAt(text, h.start).text;
      if (has(clause, CONTRACT_TERM) && !has(clause, COME_BACK)) return false;
      if (has(h.text, SOFT_TIMING) && (signals.has("demo_requested") || signals.has("meeting_booked"))) return false;
      return true;
    });
    if (real.length === 0) signals.delete("objection_timing");
  }
}

/** Whether a note says the contact asked not to be phoned ("stop calling her, prefers email only"): as `do_not_call`. */
export function asksNotToBeCalled(text: string | undefined): boolean {
  return text ? has(clean(text).slice(0, 4000), NO_CALLS) : false;
}

/** The time of day the contact prefers, when a clause says so with a word of preference (or a plural: "mornings"). */
function preferredDayPart(text: string): ContextReading["prefers"] {
  for (const { part, patterns } of DAY_PARTS) {
    for (const h of findAll(text, patterns)) {
      const clause = clauseAt(text, h.start).text;
      if (/s$/i.test(h.text) && /^(?:early )?(?:mornings|afternoons|evenings)$/i.test(h.text)) return part;
      if (has(clause, PREFER_WORDS)) return part;
    }
  }
  return undefined;
}

export function readContext(context: string | undefined, o: ReadContextOptions = {}): ContextReading {
  const text = expandShorthand(clean(context).slice(0, 4000));
  const now = o.now ?? new Date();
  const own = new Set((o.ownNames ?? []).flatMap((n) => [n.toLowerCase(), ...n.toLowerCase().split(/\s+/)]).filter((n) => n.length > 1));
  const freeNames = o.freeNames !== false;
  const r = new Reading(text);
  if (!text) return { stage: "first_touch", signals: new Set(), points: [], when: [], missedMeeting: false };
  r.items(SECURITY, "security");
  hosting(r);
  systems(r, freeNames, own);
  plansAndSeats(r);
  currency(r);
  paymentTerms(r);
  priceCeiling(r);
  uiLanguage(r);
  inHouse(r);
  r.items(FEATURES, "feature");
  r.items(TOPICS, "topic");
  requestedProposal(r);
  r.items(ROLES, "person");
  for (const p of r.points) if (p.kind === "person" && ROLES.some((x) => x.id === p.id)) p.role = p.label;
  if (freeNames) {
    people(r, own);
    questions(r);
  }
  const when = findWhens(text);
  const signals = signalsOf(text, r);
  // A meeting with a day or time that nobody asked for is a meeting booked ("Meeting w/ procurement next Wed at 2:30pm").
  inferFromDates(text, when, signals);
  precedence(text, signals);
  const stage: Stage = STAGE_ORDER.find((s) => signals.has(s.signal))?.stage ?? "first_touch";
  // With a demo asked for or a meeting booked, a day or time named is that meeting's ("wants one next Tues 2pm").
  if (stage === "demo_requested" || stage === "meeting_booked") for (const w of when) if (w.event === "other" && (w.weekday !== undefined || w.hour !== undefined)) w.event = "meeting";
  if (stage === "first_touch" && text) signals.add("first_touch");
  const reason = signals.has("competitor_chosen") ? "competitor" : signals.has("objection_budget") ? "budget" : "timing";
  const reconnect = stage === "objection" || signals.has("competitor_chosen") ? findReconnect(text, now, reason) : undefined;
  const language = detectLanguage(text);
  const requested = requestedLanguage(text);
  const prefers = preferredDayPart(text);
  return {
    ...(language ? { language } : {}),
    ...(requested ? { requestedLanguage: requested } : {}),
    stage,
    signals,
    points: r.points,
    when,
    ...(reconnect ? { reconnect } : {}),
    missedMeeting: signals.has("missed_meeting"),
    ...(prefers ? { prefers } : {}),
    ...(asksNotToBeCalled(text) ? { noCalls: true as const } : {}),
  };
}


