import { HOSTING, TOPICS, UI_LANGUAGES } from "./lexicon.js";
import type { Reading } from "./reading.js";
import { findAll, wordsRegex } from "./text.js";
import type { Label } from "./types.js";

/**
 * Terms whose label the context reader builds from the text itself: plans and seats ("25
 * seats"), a term, the currency to invoice in, payment terms, a price ceiling, a build of their
 * own, the interface's language, where data is hosted, and a quote the prospect asked for.
 */

/** Plans ("Pro plan", "Enterprise tier") and seat counts ("25 seats", "40 Lizenzen"). */
export function plansAndSeats(r: Reading): void {
  const planRe = /(?<![\p{L}\p{N}])(?:the\s+)?(?:(Pro|Enterprise|Business|Starter|Premium|Team|Teams|Basic|Growth|Professional|Plus|Standard|Advanced|Ultimate|Essentials|Scale)\s+(?:plan|tier|edition|package|licen[cs]e|tarif|paket|offre|formule)|(?:formule|offre|forfait|paket|tarif|plan)\s+(Pro|Enterprise|Business|Starter|Premium|Basic|Growth|Professional|Plus|Standard|Advanced|Ultimate|Essentials|Scale))(?![\p{L}])/giu;
  // "Asked about upgrading to Business": the plan named after a move to it.
  const upgradeRe = /(?<![\p{L}\p{N}])(?:upgrad\w*|mov(?:e|ing)|switch(?:ing)?) (?:from (?:the )?\p{L}+ (?:plan |tier )?)?to (?:the )?(Pro|Enterprise|Business|Premium|Professional|Growth|Scale|Advanced|Ultimate)(?![\p{L}])/gu;
  for (const m of r.masked.matchAll(upgradeRe)) {
    const n = m[1]!;
    const start = m.index! + m[0].length - n.length;
    r.add({ kind: "feature", id: `plan:${n.toLowerCase()}`, label: { en: `the ${n} plan`, de: `das ${n}-Paket`, fr: `l'offre ${n}`, es: `el plan ${n}` } }, { start, end: start + n.length, text: n });
  }
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

export function currency(r: Reading): void {
  for (const m of r.masked.matchAll(CURRENCY_RE)) {
    const code = m[1]?.toUpperCase() ?? CURRENCY_WORDS[m[2]!.toLowerCase()];
    if (!code) continue;
    r.add({ kind: "topic", id: "currency", label: { en: `invoicing in ${code}`, de: `Rechnungsstellung in ${code}`, fr: `la facturation en ${code}`, es: `la facturación en ${code}` } }, { start: m.index!, end: m.index! + m[0].length, text: m[0] });
  }
}

/** "Quarterly payment instead of annual", "paiement trimestriel", "monatliche Abrechnung": the payment terms asked for. */
const PAYMENT_RE = /(?<![\p{L}])(?:(?:pay(?:ing|ment)?|bill(?:ed|ing)?|invoic\w*)\s+(?:quarterly|monthly|annually|yearly)|(?:quarterly|monthly|annual|yearly)\s+(?:payments?|billing|invoic\w*|instal\w*)|paiements?\s+(?:trimestriel|mensuel)s?|(?:payer|facturer|facturation)\s+(?:au\s+|par\s+)?(?:trimestre|mois)|(?:quartalsweise|monatliche?[nr]?)\s+(?:zahlung|abrechnung|rechnung)\w*|(?:zahlung|abrechnung)\s+(?:pro\s+quartal|quartalsweise|monatlich)|pagos?\s+(?:trimestral|mensual)(?:es)?|(?:pagar|facturar)\s+(?:cada\s+)?(?:trimestre|mes|trimestralmente|mensualmente))(?![\p{L}])/giu;

export function paymentTerms(r: Reading): void {
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

export function inHouse(r: Reading): void {
  for (const s of findAll(r.masked, IN_HOUSE)) {
    r.add({ kind: "competitor", id: "in_house", label: { en: "your own in-house solution", de: "eine eigene Lösung", fr: "une solution interne", es: "una solución propia" }, chosen: true }, s);
    return;
  }
}

/** "Something under $50/month", "maximal 30 € pro Nutzer": the price a plan has to stay under. */
const CEILING_RE = /(?<![\p{L}])(?:under|below|less than|max(?:imum)?|at most|no more than|unter|weniger als|maximal|höchstens|moins de|au maximum|pas plus de|menos de|máximo|como máximo)\s*((?:[$€£]\s?\d[\d.,]*)|(?:\d[\d.,]*\s?(?:€|\$|£|eur|euros?|dollars?|usd|gbp)))(?:\s*(?:\/|per|a|an|pro|par|al|por|im|el)\s*(month|mo|monat|mois|mes|year|yr|jahr|an|año|user|seat|nutzer|utilisateur|usuario))?/giu;
const PER: Readonly<Record<string, "month" | "year" | "user">> = { month: "month", mo: "month", monat: "month", mois: "month", mes: "month", year: "year", yr: "year", jahr: "year", an: "year", "año": "year", user: "user", seat: "user", nutzer: "user", utilisateur: "user", usuario: "user" };

export function priceCeiling(r: Reading): void {
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
const UI_RE = new RegExp(`(?<![\\p{L}])(?:interface|ui|user interface|app|software|oberfläche|benutzeroberfläche|interfaz|logiciel)\\s+(?:in|en|auf)\\s+(${UI_LANGUAGES.map((l) => l.pattern).join("|")})(?![\\p{L}])`, "giu");

export function uiLanguage(r: Reading): void {
  for (const m of r.masked.matchAll(UI_RE)) {
    const l = UI_LANGUAGES.find((x) => new RegExp(`^(?:${x.pattern})$`, "iu").test(m[1]!))!;
    r.add({ kind: "feature", id: "ui_language", label: { en: `the interface in ${l.en}`, de: `die Oberfläche auf ${l.de}`, fr: `l'interface en ${l.fr}`, es: `la interfaz en ${l.es}` } }, { start: m.index!, end: m.index! + m[0].length, text: m[0] });
  }
}

export function hosting(r: Reading): void {
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

/** Marks a proposal the prospect asked for (a sent one shapes the opening instead). */
export function requestedProposal(r: Reading): void {
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
