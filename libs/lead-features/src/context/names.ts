import { COMPETITOR_CUES, COMPETITOR_WORDS, HONORIFICS, INTEGRATION_AFTER, INTEGRATION_BEFORE, PERSON_CUES, REFERRER_CUES, RENEWAL_WORDS } from "./cues.js";
import { FEATURES, GROUP_NOUNS, NOT_A_NAME, SYSTEMS } from "./lexicon.js";
import type { Reading } from "./reading.js";
import { findAll, has, mask, rx } from "./text.js";
import type { Label, Lang, Point } from "./types.js";

/**
 * Names the context reader finds by their position, not from its tables alone: systems (a
 * competitor, the tool in use, an integration) by the words around them, unknown product names
 * after a cue ("vs Close and Copper"), people ("with Tom and Priya", "referred by Ana Souza"),
 * offices ("the Berlin office") and free questions in the prospect's words.
 */

/** A name's letters: a dot only inside it ("Monday.com"), never the full stop that ends a sentence ("… Sellsy. Rappeler en mars"). */
const NAME_CHARS = "(?:[\\p{L}\\p{N}&'+-]|\\.(?=[\\p{L}\\p{N}]))*";
const NAME = `[\\p{Lu}]${NAME_CHARS}(?:\\s(?:[\\p{Lu}]${NAME_CHARS}|CRM|ERP|\\d{1,3}))*`;
const PERSON_NAME = "[\\p{Lu}][\\p{Ll}'-]+(?:\\s[\\p{Lu}][\\p{Ll}'-]+)?";
const CHAIN = "\\s*(?:,|(?i:and|or|und|oder|et|ou|y|o)|&|\\+|/)\\s+";
/** Between two people's names: "Tom and Priya" (no comma: "…, Fragen zu SAP" is no name). */
const PERSON_CHAIN = "\\s*(?:(?i:and|und|et|y)|&|\\+)\\s+";

function labelAs(word: string, nouns: Readonly<Record<Lang, string>>, frames: Readonly<Record<Lang, (name: string, noun: string) => string>>): Label {
  return { en: frames.en(word, nouns.en), de: frames.de(word, nouns.de), fr: frames.fr(word, nouns.fr), es: frames.es(word, nouns.es) };
}


/** Known systems: a competitor, the tool in use, or an integration — by the words around them. */
export function systems(r: Reading, freeNames: boolean, own: ReadonlySet<string>): void {
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

export function people(r: Reading, own: ReadonlySet<string>): void {
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
export function questions(r: Reading): void {
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
