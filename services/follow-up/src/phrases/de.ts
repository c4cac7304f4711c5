import { GENERIC_INDUSTRY, INDUSTRIES } from "./industries.js";
import type { Phrasebook, Slots } from "./types.js";

/** German: formal "Sie", the team writes "wir". */

const co = (s: Slots, prefix: string, fallback = "") => (s.hasCo ? `${prefix}${s.co}` : fallback);
const cap = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);
const src = (s: Slots) => (s.flavor === "webinar" || s.flavor === "event" ? ` bei ${s.flavorName}` : "");
const MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"];
const WEEKDAYS = ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"];

export const DE: Phrasebook = {
  lang: "de",
  defaultSender: "Ihr GardenOS-Team",
  greetings: [(n) => `Hallo ${n},`, (n) => `Guten Tag ${n},`],
  greetingsAnonymous: ["Guten Tag,", "Hallo,"],
  signoffs: ["Viele Grüße", "Beste Grüße", "Freundliche Grüße", "Herzliche Grüße"],
  list: (items) => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} und ${items.at(-1)}`),
  complaintAbout: (list) => `Wir sehen uns genau an, was passiert ist (${list}), und sagen Ihnen, was wir herausfinden.`,
  months: MONTHS,
  weekdays: WEEKDAYS,
  when: ({ weekday, next, date, month, time, tz, relative }) => {
    if (month && !weekday && !date) return { at: `im ${month}`, bare: month };
    const rel = relative ? { tomorrow: "morgen", next_week: "nächste Woche", end_of_month: "Ende des Monats", end_of_week: "Ende der Woche", end_of_next_week: "Ende nächster Woche", end_of_year: "Jahresende" }[relative] : "";
    const clock = time ? `${time}${tz ? ` ${tz}` : ""}` : "";
    const day = weekday ? `${next ? "nächsten " : ""}${weekday}${date ? `, ${date}` : ""}` : (date ?? "");
    const bare = [day || rel, clock].filter(Boolean).join(" um ");
    const at = day ? `${next ? "" : "am "}${bare}` : rel ? bare : clock ? `um ${clock}` : "";
    return { at, bare };
  },
  date: (d, m) => `${d}. ${MONTHS[m - 1]}`,
  time: (h, m) => `${h}${m ? `:${String(m).padStart(2, "0")}` : ""} Uhr`,
  migrationOf: (name) => `Migration von ${name}`,
  meetNouns: { demo: "Demo", meeting: "Termin" },
  flavorNouns: { webinar: "unserem Webinar", event: "der Veranstaltung", content: "unserem Leitfaden", trial: "der Testphase", form: "Ihrer Anfrage", referral: "der Empfehlung", generic: "" },
  lastThings: { proposal: "unserem Angebot", contract: "dem Vertragsentwurf", pricing: "unseren Preisinformationen", webinar: "dem Webinar", case_study: "der Fallstudie", case_studies: "den Referenzen", demo: "der Demo", event: "der Veranstaltung", trial: "der Testphase" },
  stages: {
    first_touch: {
      subjects: [(s, t) => (t ? `${t}: ein paar Ideen${co(s, " für ")}` : `Ein paar Ideen${co(s, " für ")}`), (s) => `Kurzer Gruß${s.first ? `, ${s.first}` : ""}`, (s, t) => (t ? `Zu ${t}` : `Nächste Schritte${co(s, " mit ")}`)],
      openings: [
        (s) => ({ webinar: `Danke für Ihre Teilnahme an ${s.flavorName}. Ich hoffe, es hat sich für Sie gelohnt.`, event: `Es hat uns gefreut, Sie bei ${s.flavorName} kennenzulernen.`, content: `Danke, dass Sie ${s.flavorName} heruntergeladen haben. Wir hoffen, er ist hilfreich.`, trial: s.idle ? `Wir haben gesehen, dass Sie sich noch nicht in der Testphase angemeldet haben, und möchten Ihnen den Einstieg leicht machen.` : `Wir hoffen, die Testphase läuft bisher gut.`, form: `Vielen Dank für Ihre Anfrage${co(s, " im Namen von ")}.`, referral: s.referrer ? `${s.referrer} hat uns empfohlen, uns bei Ihnen zu melden. Wir schauen gern, ob wir helfen können.` : `Vielen Dank für die Empfehlung und Ihr Interesse.`, generic: `Wir wollten uns persönlich bei Ihnen melden${co(s, " und sehen, wie wir ", "")}${s.hasCo ? " unterstützen können." : "."}` })[s.flavor],
        (s) => ({ webinar: `Schön, dass Sie bei ${s.flavorName} dabei waren. Im Webinar bleibt wenig Zeit für Einzelheiten, daher hier ein persönlicher Nachtrag.`, event: `Danke für das Gespräch bei ${s.flavorName}; wir melden uns, solange es noch frisch ist.`, content: `Sie haben sich ${s.flavorName} angesehen, daher ein paar Ideen, wie Teams das in die Praxis umsetzen.`, trial: s.idle ? `Danke für Ihre Anmeldung zur Testphase. Der Einstieg ist oft der schwierigste Teil: Wir richten das Konto gern in einem kurzen Gespräch mit Ihnen ein oder schicken eine Zwei-Minuten-Anleitung.` : `Danke, dass Sie die Testphase gestartet haben. Gerade in den ersten Tagen entstehen die wichtigsten Fragen.`, form: `Danke für Ihre Nachricht${co(s, " von ")}. Wir helfen gern weiter.`, referral: s.referrer ? `Wir melden uns auf Empfehlung von ${s.referrer} bei Ihnen und schauen gern, ob wir helfen können.` : `Danke für die Empfehlung. Wir schauen gern, ob wir helfen können.`, generic: `Wir arbeiten mit vielen ${s.ind.peers} zusammen, und einiges davon dürfte auch${co(s, " für ", " für Sie")} interessant sein.` })[s.flavor],
      ],
      cta: [() => `Hätten Sie nächste Woche Zeit für ein kurzes Telefonat, um zu sehen, ob es passt?`, () => `Wenn das für Sie relevant klingt, antworten Sie einfach mit einem passenden Termin für ein 15-minütiges Gespräch oder mit Ihren Fragen.`],
      ctaNoCall: [() => `Wenn das für Sie relevant klingt, antworten Sie einfach mit Ihren Fragen; wir antworten schriftlich.`, (s) => `Sollen wir Ihnen eine kurze Übersicht${co(s, " für ", " für Ihr Team")} schicken? Eine kurze Antwort genügt.`],
    },
    no_reply: {
      subjects: [(s) => `Ist das Thema${co(s, " bei ")} noch aktuell?`, () => "Noch auf Ihrem Radar?", (s, t) => (t ? `Zu ${t}` : `Kurze Nachfrage${s.first ? `, ${s.first}` : ""}`)],
      openings: [
        (s) => (s.missed ? `Schade, dass es mit ${s.meetNoun === "Demo" ? "der Demo" : "dem Termin"} nicht geklappt hat. Das kann passieren, und wir zeigen Ihnen gern alles in Ruhe.` : `Seit ${s.lastThing || "unserer letzten Nachricht"} haben wir nichts von Ihnen gehört, daher kurz die Frage, ob das Thema noch aktuell ist.`),
        (s) => (s.missed ? `Der Termin hat diesmal leider nicht gepasst, das ist überhaupt kein Problem.` : `Im Alltag geht viel unter, daher eine kurze Erinnerung zu ${s.lastThing || "unserer letzten Nachricht"}.`),
      ],
      cta: [
        (s) => (s.missed ? `Nennen Sie uns gern zwei, drei Zeitfenster für nächste Woche, dann schicken wir sofort eine neue Einladung.` : `Wenn es gerade nicht passt, sagen Sie einfach kurz Bescheid. Sonst: Hätten Sie nächste Woche 15 Minuten für ein kurzes Telefonat?`),
        (s) => `Ist das Thema${co(s, " bei ")} noch aktuell? Eine kurze Antwort genügt, auch wenn sie „jetzt nicht“ lautet.`,
      ],
      ctaNoCall: [
        (s) => (s.missed ? `Nennen Sie uns gern zwei, drei Zeitfenster für nächste Woche, dann schicken wir sofort eine neue Einladung.` : `Wenn es gerade nicht passt, sagen Sie einfach kurz Bescheid. Sonst genügt eine kurze Antwort, und wir machen weiter.`),
        (s) => `Ist das Thema${co(s, " bei ")} noch aktuell? Eine kurze Antwort genügt, auch wenn sie „jetzt nicht“ lautet.`,
      ],
    },
    demo_requested: {
      subjects: [(s) => `Ihre Demo${co(s, " für ")}`, (s, t) => (t ? `Ihre Demo: ${t}` : "Terminvorschlag für Ihre Demo"), () => "Wann passt Ihnen die Demo?"],
      openings: [(s) => `Vielen Dank für Ihr Interesse an einer Demo${co(s, " für ")}. Wir richten sie gern ein.`, () => `Schön, dass Sie sich eine Demo wünschen. Wir konzentrieren uns auf das, was für Sie zählt.`],
      cta: [(s) => `Nennen Sie uns gern zwei, drei passende Zeitfenster${s.askWhen ? ` ${s.askWhen}` : " für nächste Woche"}; 30 Minuten reichen meist.`, (s) => `Welche Tage passen Ihnen${s.askWhen ? ` ${s.askWhen}` : " nächste Woche"} am besten? Wir schicken dann direkt eine Einladung.`],
      ctaNoCall: [(s) => `Nennen Sie uns gern zwei, drei passende Zeitfenster${s.askWhen ? ` ${s.askWhen}` : " für nächste Woche"}; wir schicken direkt eine Einladung zur Online-Session.`, () => `Wenn Sie möchten, schicken wir Ihnen vorab auch eine aufgezeichnete Vorführung.`],
    },
    demo_done: {
      subjects: [(s, t) => (t ? `Nach der Demo: ${t}` : "Nächste Schritte nach Ihrer Demo"), (s) => `Ihre Demo${co(s, " bei ")}: die nächsten Schritte`, () => "Ein paar Gedanken nach der Demo"],
      openings: [(s) => `Vielen Dank für Ihre Zeit bei der Demo. Wir hoffen, Sie haben ein klares Bild davon, wie das${co(s, " bei ")} funktionieren kann.`, () => `Danke nochmals für die Demo und die Fragen, die dabei aufgekommen sind.`],
      cta: [() => `Passt Ihnen nächste Woche ein kurzer Termin von 20 Minuten, um die offenen Punkte durchzugehen und die nächsten Schritte festzulegen?`, () => `Was wäre für Sie der sinnvollste nächste Schritt: ein Testzugang mit Ihren eigenen Daten oder eine kurze Runde mit den Kolleginnen und Kollegen, die beteiligt wären?`],
      ctaNoCall: [() => `Wenn weitere Fragen aufkommen, antworten Sie einfach auf diese E-Mail; wir antworten schriftlich.`, () => `Was wäre für Sie der sinnvollste nächste Schritt: ein Testzugang mit Ihren eigenen Daten oder eine schriftliche Zusammenfassung für Ihr Team?`],
    },
    pricing_sent: {
      subjects: [(s) => `Ihr Angebot${co(s, " für ")}: noch Fragen?`, (s, t) => (t ? `${t} und die nächsten Schritte` : "Kurze Nachfrage zum Angebot")],
      openings: [(s) => `Wir wollten kurz nachfragen, ob ${s.lastThing ? s.lastThing.replace(/^unserem /, "unser ").replace(/^unseren /, "unsere ").replace(/^dem /, "der ") : "unser Angebot"} zu dem passt, was Sie sich${co(s, " für ")} vorgestellt haben.`, () => `Danke, dass Sie sich das Angebot angesehen haben. Solche Entscheidungen betreffen meist mehrere Personen, daher möchten wir Ihnen das leichter machen.`],
      cta: [() => `Gibt es etwas, das wir anpassen sollen, oder jemanden, der es noch prüfen sollte? Wir gehen es gern in einem kurzen Telefonat mit Ihnen durch.`, () => `Hilft ein 15-minütiges Gespräch, um offene Fragen zu klären und einen Zeitplan abzustimmen?`],
      ctaNoCall: [() => `Gibt es etwas, das wir anpassen sollen, oder jemanden, der es noch prüfen sollte? Antworten Sie einfach, dann schicken wir eine aktualisierte Fassung.`, () => `Wenn beim Prüfen Fragen aufkommen, antworten Sie einfach auf diese E-Mail; wir antworten schriftlich.`],
    },
    objection: {
      subjects: [(s) => (s.month ? `Wir melden uns im ${s.month} wieder` : "Kein Zeitdruck von unserer Seite"), () => "Danke für Ihre Rückmeldung", (s) => (s.month ? `Bis ${s.month}${co(s, ", ")}` : "Wir bleiben in Kontakt")],
      openings: [(s) => (s.reason === "product" ? `Danke für Ihr offenes Feedback; genau das hilft uns weiter.` : s.reason === "budget" ? `Danke für Ihre offenen Worte zum Budget${s.month ? ` bis ${s.month}` : ""}. Das ist völlig verständlich, und von unserer Seite gibt es keinen Druck.` : `Danke für den Hinweis, dass der Zeitpunkt gerade nicht passt${s.fiscal ? " und es nach Ihrem Geschäftsjahr besser aussieht" : ""}. Das ist völlig verständlich.`), (s) => (s.reason === "product" ? `Danke für Ihr offenes Feedback; genau das hilft uns weiter.` : s.reason === "budget" ? `Verstanden: Das Budget ist${s.month ? ` bis ${s.month}` : " im Moment"} knapp. Danke, dass Sie das so klar sagen.` : `Danke für das Update zum Zeitplan${s.fiscal ? " und zu Ihrem Geschäftsjahr" : ""}; so wissen wir, woran wir sind.`)],
      cta: [() => `Falls es Ihnen bei der Planung hilft, schicken wir Ihnen gern eine kurze schriftliche Zusammenfassung für Ihre interne Abstimmung. Ansonsten müssen Sie nicht antworten.`, () => `Wenn sich vorher etwas ändert, antworten Sie einfach auf diese E-Mail.`],
      ctaNoCall: [() => `Falls es Ihnen bei der Planung hilft, schicken wir Ihnen gern eine kurze schriftliche Zusammenfassung für Ihre interne Abstimmung. Ansonsten müssen Sie nicht antworten.`, () => `Wenn sich vorher etwas ändert, antworten Sie einfach auf diese E-Mail.`],
    },
    competitor: {
      subjects: [(s, t) => (t ? `${t}: ein fairer Vergleich` : "Ihre Optionen im Vergleich"), () => "Danke für Ihre Rückmeldung", (s) => `Eine leichtere Entscheidung${co(s, " für ")}`],
      openings: [(s) => `Danke, dass Sie uns über Ihre Auswahl${co(s, " bei ")} auf dem Laufenden halten.`, () => `Danke für die offene Rückmeldung; Optionen sorgfältig zu vergleichen ist genau richtig.`],
      cta: [() => `Hilft ein 20-minütiges Gespräch, um den Vergleich gemeinsam durchzugehen?`, () => `Nennen Sie uns einfach die zwei, drei wichtigsten Punkte, dann beantworten wir sie im Vergleich; gern auch in einem kurzen Telefonat.`],
      ctaNoCall: [() => `Nennen Sie uns einfach die zwei, drei wichtigsten Punkte, dann beantworten wir sie schriftlich im Vergleich.`, () => `Auf Wunsch schicken wir Ihnen einen schriftlichen Vergleich, den Sie intern weitergeben können.`],
    },
    question: {
      subjects: [(s, t) => (t ? `Ihre Fragen zu ${t}` : "Ihre Fragen"), (s) => `Antworten${co(s, " für ")}`],
      openings: [(s) => `Danke für Ihre Fragen${src(s) || co(s, " von ")}. Hier der aktuelle Stand.`, (s) => `Danke für Ihre Fragen${src(s)}. Wir geben Ihnen lieber eine klare Antwort als eine vage, daher so geht es weiter.`],
      cta: [() => `Hilft ein kurzes Telefonat, um die Antworten gemeinsam durchzugehen? Sonst melden wir uns schriftlich.`, () => `Wenn es einfacher ist, gehen wir die Details in 15 Minuten telefonisch durch; nennen Sie uns einfach einen Termin.`],
      ctaNoCall: [() => `Wir melden uns schriftlich mit den Details; antworten Sie einfach, falls in der Zwischenzeit noch etwas aufkommt.`, () => `Wenn noch etwas aufkommt, antworten Sie einfach auf diese E-Mail; wir nehmen es in unsere Antwort auf.`],
    },
    meeting_booked: {
      subjects: [(s) => (s.meetDay ? `Wir freuen uns auf ${s.meetDay}` : `Wir freuen uns auf ${s.meetNoun === "Demo" ? "die Demo" : "den Termin"}`), (s) => `Vor unserem ${s.meetNoun === "Demo" ? "Demo-Termin" : "Termin"}${co(s, " mit ")}`],
      openings: [(s) => `Wir freuen uns auf ${s.meetNoun === "Demo" ? "die Demo" : "unseren Termin"}${s.meetWhen ? ` ${s.meetWhen}` : ""}.`, (s) => `Danke für die Terminbestätigung${s.meetWhen ? ` ${s.meetWhen}` : ""}; der Termin steht in unserem Kalender.`],
      cta: [() => `Wenn Sie bestimmte Themen besprechen oder weitere Personen mitbringen möchten, geben Sie uns einfach kurz Bescheid.`, () => `Gibt es eine Frage, die bis zum Ende unbedingt beantwortet sein soll? Eine kurze Antwort hilft uns bei der Vorbereitung.`],
      ctaNoCall: [() => `Wenn Sie bestimmte Themen besprechen oder weitere Personen mitbringen möchten, geben Sie uns einfach kurz Bescheid.`, () => `Gibt es eine Frage, die bis zum Ende unbedingt beantwortet sein soll? Eine kurze Antwort hilft uns bei der Vorbereitung.`],
    },
    complaint: {
      subjects: [(s, t) => (t ? `${t}: das bringen wir in Ordnung` : "Das bringen wir in Ordnung"), (s) => `Ihre Rückmeldung${co(s, " von ")}`, () => "Entschuldigung, und wie es weitergeht"],
      openings: [(s) => `Es tut uns leid, dass Sie diese Schwierigkeiten hatten, und danke, dass Sie es so offen sagen. So soll sich die Zusammenarbeit${co(s, " mit ")} nicht anfühlen.`, () => `Danke, dass Sie das ansprechen, und entschuldigen Sie bitte, dass wir Sie enttäuscht haben. Sie hätten eine schnellere und klarere Antwort verdient.`],
      cta: [() => `Können wir diese Woche kurz telefonieren, damit wir die Details hören und gemeinsam festlegen, wie wir das beheben? Wenn Ihnen das lieber ist, antworten Sie einfach hier, und wir melden uns schriftlich.`, () => `Wir kümmern uns sofort darum. Passt Ihnen morgen ein 15-minütiges Gespräch, oder möchten Sie lieber ein Update per E-Mail?`],
      ctaNoCall: [() => `Wir kümmern uns sofort darum und schicken Ihnen schriftlich, was passiert ist und was sich dadurch ändert. Antworten Sie einfach hier, wenn wir noch etwas wissen sollten.`, () => `Antworten Sie uns gern mit allem, was wir übersehen haben könnten; wir melden uns schriftlich mit einem klaren Plan.`],
    },
    customer: {
      subjects: [(s) => `Kurze Rückfrage${co(s, " bei ")}`, () => `Wie läuft es bei Ihnen?`],
      openings: [(s) => `Danke für die Zusammenarbeit${co(s, " mit ")}; wir wollten kurz nachfragen, wie es läuft.`, () => `Wir wollten uns kurz melden und hören, wie es bei Ihnen läuft.`],
      cta: [() => `Wäre ein kurzer Gesundheitscheck mit unserem Customer-Success-Team hilfreich? Wir bringen Vorschläge mit, wie Ihr Team noch mehr herausholen kann.`, () => `Wenn es hilft, vereinbaren wir gern einen kurzen Account-Review; nennen Sie uns einfach einen Termin.`],
      ctaNoCall: [() => `Antworten Sie einfach mit dem, was Ihnen gerade am wichtigsten ist; wir melden uns schriftlich mit Vorschlägen.`],
    },
    signed: {
      subjects: [() => "Herzlich willkommen!", (s) => `Los geht's${co(s, " mit ")}`, () => "Die nächsten Schritte für Ihren Start"],
      openings: [(s) => `Vielen Dank für Ihr Vertrauen${co(s, " und herzlich willkommen, ")}! Wir freuen uns auf die Zusammenarbeit.`, () => `Herzlich willkommen! Wir freuen uns sehr, dass wir zusammenarbeiten.`],
      cta: [() => `Wenn wir vor dem Start etwas vorbereiten sollen, antworten Sie einfach auf diese E-Mail.`, () => `Wir schicken Ihnen einen kurzen Plan für die ersten Wochen; wenn etwas darin fehlen sollte, sagen Sie uns einfach Bescheid.`],
      ctaNoCall: [() => `Wenn wir vor dem Start etwas vorbereiten sollen, antworten Sie einfach auf diese E-Mail.`, () => `Wir schicken Ihnen einen kurzen Plan für die ersten Wochen; wenn etwas darin fehlen sollte, sagen Sie uns einfach Bescheid.`],
    },
  },
  points: {
    security: [(l) => `Zum Thema ${l}: Wir schicken Ihnen unsere Sicherheitsdokumentation, damit Ihr Team sie vorab prüfen kann.`, (l) => `Die Unterlagen zu ${l} stellen wir Ihnen schriftlich zusammen, damit die Prüfung gleich starten kann.`],
    integration: [(l) => `Zum Thema ${l}: Wir schicken Ihnen eine kurze Beschreibung, wie die Anbindung in Ihrer Umgebung funktioniert.`, (l) => `Bei ${l} zeigen wir Ihnen gern genau, wie sich die Integration in Ihre heutigen Abläufe einfügt.`],
    migration: [(l) => `Zum Thema ${l}: Wir skizzieren, was übernommen wird, in welcher Reihenfolge und wie lange es üblicherweise dauert.`, (l) => `Für ${l} schicken wir Ihnen einen Schritt-für-Schritt-Plan, damit unterwegs nichts verloren geht.`],
    tools: [(l) => `Gut zu wissen, dass Ihr Team mit ${l} arbeitet; wir zeigen gern, wie das zusammenpasst.`],
    cover: [(l) => `Wir sorgen dafür, dass ${l} dabei ausführlich ${l.includes(" und ") ? "vorkommen" : "vorkommt"}.`, (l) => `Wir bereiten ${l} passend zu Ihrem Anwendungsfall vor.`],
    order: [(l) => `${cap(l)}: alles notiert, wir bereiten alles für den Start vor.`],
    quoteRequested: [(l) => `Wir erstellen Ihnen das Angebot${l ? ` für ${l}` : ""} und schicken es in den nächsten Tagen.`, (l) => `Wie gewünscht stellen wir Ihnen ein Angebot${l ? ` für ${l}` : ""} zusammen, transparent und ohne versteckte Kosten.`],
    features: [(l) => `Zum Thema ${l}: Wir schicken Ihnen ein paar konkrete Beispiele aus dem Alltag anderer Teams.`, (l) => `Sie haben ${l} angesprochen; wir zeigen gern, wie ähnliche Teams das eingerichtet haben.`],
    competitorEval: [(l) => `Ein Vergleich mit ${l} ist sinnvoll; wir stellen Ihnen gern eine sachliche Gegenüberstellung der für Sie wichtigsten Punkte zusammen.`, (l) => `Dass Sie uns mit ${l} vergleichen, ist genau richtig; wir halten uns dabei an Fakten.`],
    competitorChosen: [(l) => `Danke, dass Sie uns mitteilen, dass Sie sich vorerst für ${l} entschieden haben; wir schätzen die Offenheit.`],
    competitorIncumbent: [(l) => `Da Sie heute ${l} nutzen, ist der Wechsel selbst meist die wichtigste Frage; wir skizzieren gern, wie ein Umstieg von ${l} typischerweise abläuft.`],
    peopleThanks: [(l) => `Bitte richten Sie auch ${l} unseren Dank für die Zeit aus.`],
    peopleJoin: [(l) => `${cap(l)} ${l.includes(" und ") ? "sind" : "ist"} herzlich willkommen.`, (l) => `Schön, wenn auch ${l} dabei ${l.includes(" und ") ? "sind" : "ist"}.`],
    peopleContact: [(l) => `${cap(l)} ${l.includes(" und ") ? "sind" : "ist"} für uns der Ansprechpartner für die Einzelheiten.`],
    peopleInclude: [(l) => `Gern kann auch ${l} beim nächsten Schritt dabei sein.`, (l) => `Wenn ${l} mitentscheiden ${l.includes(" und ") ? "sollen" : "soll"}, bereiten wir gern eine kurze Zusammenfassung vor.`],
    peopleDecide: [(l) => `Wir verstehen, dass ${l} das letzte Wort ${l.includes(" und ") ? "haben" : "hat"}; wir stellen Ihnen gern alles zusammen, was Sie dafür brauchen.`],
    question: [(l) => `Zu Ihrer Frage, ${l}: Wir melden uns mit einer klaren schriftlichen Antwort.`],
    start: [(what, when) => `Den Start${what ? ` (${what})` : ""}${when.at ? ` ${when.at}` : ""} haben wir fest eingeplant; die Agenda schicken wir vorab.`, (what, when) => `Wir freuen uns auf den Start${what ? ` (${what})` : ""}${when.at ? ` ${when.at}` : ""} und bereiten alles vor.`],
    deadline: [(what, when) => `Wir sorgen dafür, dass Sie bis ${when.bare} alles haben, was Sie brauchen.`],
    decision: [(what, when) => `Damit Sie für Ihre Entscheidung ${when.at} alles haben, was Sie brauchen, melden wir uns rechtzeitig vorher.`],
    trialEnd: [(what, when) => `Bevor Ihre Testphase ${when.at} endet, sorgen wir dafür, dass Sie alles für Ihre Entscheidung haben.`],
    paperwork: [(docs, form) => (form ? `Wir füllen Ihr Lieferantenformular aus und ${docs ? `schicken ${docs} gleich mit` : "schicken es umgehend zurück"}.` : `Wir schicken Ihnen ${docs} umgehend.`)],
    topics: {
      pricing: [(l, s) => (s.stage === "competitor" ? `Da der Preis entscheidend ist, enthält der Vergleich eine klare Aufstellung der Kosten.` : s.stage === "pricing_sent" ? `Wenn bei den Preisen etwas unklar ist, gehen wir sie gern Position für Position durch.` : `Zu den Preisen: Wir schicken Ihnen die Zahlen für Ihre Teamgröße schriftlich.`)],
      price_lock: [() => `Zur gewünschten Preisgarantie: Wir prüfen, was wir zusagen können, und bestätigen es schriftlich.`],
      currency: [(l) => `${cap(l)}: Das haben wir notiert und bestätigen es schriftlich mit den Preisen.`],
      support: [(l, s) => (s.stage === "complaint" ? "" : `Zum Support: Wir schicken Ihnen, wie er funktioniert, mit den Reaktionszeiten schriftlich.`)],
      pilot_done: [() => "Schön, dass das Pilotprojekt so gut gelaufen ist."],
      rollout: [() => `Für den Rollout erstellen wir einen Plan mit Phasen, Verantwortlichen und Zeitplan.`],
      ease_of_use: [() => `Zur einfachen Bedienung: Wir zeigen Ihnen, wie Ihr Team seine täglichen Aufgaben mit wenigen Klicks erledigt, damit Sie selbst beurteilen können, ob es einfacher ist.`],
      payment_terms: [(l) => `Zur ${l.replace(/^quartalsweise /, "quartalsweisen ").replace(/^monatliche /, "monatlichen ")}: Wir prüfen, was möglich ist, und bestätigen es schriftlich.`],
      partner_program: [() => `Zum Partnerprogramm: Wir schicken Ihnen die Konditionen für Wiederverkauf und White-Label, mit Partnermargen und Co-Branding-Optionen.`],
      deck: [(l) => `Wir schicken Ihnen ${l} zum Nachlesen.`],
      forward: [() => `Wir schicken Ihnen eine kurze Zusammenfassung, die Sie direkt weiterleiten können.`],
      price_ceiling: [(l) => `Wir prüfen ehrlich, ob ${l} für Sie machbar ist, und sagen es Ihnen auch, wenn nicht.`],
      recording: [() => `Die Aufzeichnung schicken wir Ihnen gern.`],
      advocacy: [(l, s) => (s.stage === "customer" ? `Und da es gut läuft: Wären Sie offen dafür, uns zu empfehlen oder für eine kurze Fallstudie zur Verfügung zu stehen? Nur, wenn es Ihnen passt.` : "")],
      sla: [() => `Zum SLA: Wir schicken Ihnen die zugesagte Verfügbarkeit und die Reaktionszeiten des Supports schriftlich.`],
      discount: [(l) => `Zum gewünschten Rabatt${l ? ` bei ${l}` : ""}: Wir prüfen, was möglich ist, und melden uns schriftlich.`],
      reorg: [() => `Wir verstehen, dass die Umstrukturierung jetzt Vorrang hat; danach passt der Zeitpunkt sicher besser.`],
      budget: [() => `Wir wissen, dass das Budget eine Rolle spielt; gern zeigen wir, wie Teams die Einführung in Etappen planen.`],
      roi: [() => `Gern erstellen wir auch eine ROI-Rechnung auf Basis Ihrer eigenen Zahlen.`],
      references: [() => `Wir nennen Ihnen gern Referenzkunden, die Ihrer Organisation ähneln.`],
      rfp: [() => `Wir sorgen dafür, dass unsere Antwort auf die Ausschreibung vollständig und rechtzeitig bei Ihnen ist.`],
      case_studies: [() => `Wir schicken Ihnen ein paar Referenzen von Organisationen, die Ihrer ähneln.`],
      case_study: [() => `Hat die Fallstudie Fragen aufgeworfen? Wir beantworten sie gern.`],
      contract: [(l, s) => (s.stage === "signed" ? "" : `Zum Vertrag: Ihre Anmerkungen bearbeiten wir zügig, damit er finalisiert werden kann.`)],
      nonprofit: [() => `Zu den Non-Profit-Konditionen: Wir schicken Ihnen die Details unserer Preise für gemeinnützige Organisationen.`],
      migration: [() => `Zur Datenmigration: Wir skizzieren, wie sie üblicherweise abläuft und wie lange sie dauert.`],
      onboarding: [() => `Für das Onboarding schicken wir Ihnen einen kurzen Plan, damit Ihr Team weiß, was es erwartet.`],
      pilot: [() => `Wir richten das Pilotprojekt so ein, dass Sie die Ergebnisse schnell beurteilen können.`],
      trial: [(l, s) => (s.stage === "first_touch" ? "" : s.stage === "question" ? `Zur Testphase: Wir bestätigen Ihnen schriftlich, was für Ihr Team möglich ist und wie Sie starten.` : `Wir sorgen dafür, dass Sie das Beste aus der Testphase herausholen.`)],
    },
  },
  reconnect: [(s) => `Wir melden uns Anfang ${s.month}${s.fiscal ? ", wenn Ihr neues Geschäftsjahr begonnen hat," : ""} wieder bei Ihnen, damit in der Zwischenzeit nichts verloren geht.`, (s) => `Wir haben uns notiert, das Thema im ${s.month}${s.fiscal ? " mit Beginn Ihres neuen Geschäftsjahres" : ""} wieder aufzugreifen.`],
  askedSlot: [(s) => `Sollen wir ${s.askWhen} dafür festhalten? Eine kurze Bestätigung genügt, dann schicken wir die Einladung sofort.`, (s) => `Wir merken ${s.askWhen} wie gewünscht vor und schicken eine Einladung; falls sich etwas ändert, nennen Sie uns einfach einen anderen Termin.`],
  reconnectNoMonth: [(s) => (s.reason === "product" ? `Wir geben es an unser Produktteam weiter und melden uns, sobald es dazu Neuigkeiten gibt.` : `Wir melden uns in ein paar Monaten wieder, oder wann immer es Ihnen besser passt; sagen Sie einfach Bescheid.`)],
  again: [(s) => `Wir kommen noch einmal auf unsere Nachricht${s.priorDay ? ` vom ${s.priorDay}` : ""}${s.priorSubject ? ` („${s.priorSubject}“)` : ""} zurück.`],
  lostClose: [() => `Falls sich etwas ändert oder Sie später eine zweite Meinung möchten, antworten Sie einfach auf diese E-Mail; ansonsten ist keine Antwort nötig.`],
  lostSubjects: [() => `Danke für Ihre Rückmeldung`],
  webinarMissed: [(s) => `Schade, dass Sie bei ${s.flavorName} nicht dabei sein konnten; wir schicken Ihnen die Aufzeichnung, damit Sie sie ansehen können, wann es Ihnen passt.`],
  referredBy: [(s) => `Danke an ${s.referrer} für die Empfehlung.`],
  theirMove: [(what, when) => `Wir freuen uns, ${when.at} von Ihnen zu hören; falls vorher Fragen aufkommen, antworten Sie einfach auf diese E-Mail.`],
  followUpAfter: [(what, when) => `Nach Ihrem Gespräch ${when.at} melden wir uns wieder.`],
  prefers: { morning: () => "Gern auch morgens, wie es Ihnen am liebsten ist.", afternoon: () => "Gern auch nachmittags, wie es Ihnen am liebsten ist.", evening: () => "Gern auch gegen Ende des Tages, wie es Ihnen am liebsten ist." },
  windDown: [() => `Wir haben uns jetzt schon einige Male gemeldet; wenn der Zeitpunkt nicht passt, sagen Sie es einfach, dann schließen wir das Thema auf unserer Seite ab.`],
  industries: INDUSTRIES.de,
  genericIndustry: GENERIC_INDUSTRY.de,
  industryLines: [
    (s, [p1, p2]) => (s.ind.noun ? `${`In ${s.ind.noun}`.replace(/^In dem /, "Im ")} stehen ${s.hasCo ? `auch bei ${s.co}` : "bei Ihnen"} vermutlich ${p1} und ${p2} weit oben auf der Liste.` : `Wie bei den meisten ${s.ind.peersDat ?? s.ind.peers} stehen ${s.hasCo ? `bei ${s.co}` : "bei Ihnen"} vermutlich ${p1} und ${p2} weit oben.`),
    (s, [p1, p2]) => `Bei ${s.ind.peersDat ?? s.ind.peers}${s.hasCo ? ` wie ${s.co}` : ""} sind ${p1} und ${p2} meist die Themen, die die meiste Energie kosten.`,
    (s, [p1, p2]) => `Die meisten ${s.ind.peers}, mit denen wir sprechen, nennen dieselben Prioritäten: ${p1} und ${p2}.`,
    (s, [p1, p2]) => `Unserer Erfahrung nach haben ${s.ind.peers} den größten Nutzen, wenn zwei Dinge besser laufen: ${p1} und ${p2}.`,
  ],
  sizeLines: {
    small: [(n) => `Mit ${n ? `rund ${n} Mitarbeitenden` : "einem schlanken Team"} spürt man jede Stunde manueller Arbeit im ganzen Unternehmen.`, (n) => `In einem Team ${n ? `von etwa ${n} Personen` : "Ihrer Größe"} hat niemand Zeit für Copy-and-paste-Arbeit.`],
    mid: [(n) => `Mit ${n ? `rund ${n} Mitarbeitenden` : "einem mittelgroßen Team"} kommen Abläufe, die früher funktioniert haben, oft an ihre Grenzen.`, (n) => `${n ? `Bei rund ${n} Mitarbeitenden` : "In Ihrer Größe"} braucht, was früher ein kurzer Zuruf war, inzwischen einen festen Ablauf.`],
    enterprise: [(n) => `${n ? `Mit rund ${n} Mitarbeitenden` : "In dieser Größenordnung"} zählt die Einheitlichkeit über Teams und Standorte hinweg so viel wie jedes einzelne Werkzeug.`, (n) => `${n ? `Bei etwa ${n} Mitarbeitenden` : "In dieser Größe"} ist selten das Werkzeug das Schwierige, sondern dass alle Teams gleich arbeiten.`],
  },
  seniorityLines: {
    executive: [(s) => `Als ${s.title} geht es Ihnen vermutlich weniger um Funktionen als um ${s.ind.outcome}, und genau darauf konzentrieren wir uns.`],
    leader: [(s) => `Als ${s.title} wägen Sie vermutlich ${s.ind.outcome} und die Amortisationszeit ab; gern erstellen wir einen kurzen Business Case für Ihre interne Abstimmung.`],
    manager: [(s) => `Als ${s.title} sind Sie am nächsten am Tagesgeschäft, daher ist der praktische Gewinn: ${s.ind.practical}.`],
    other: [(s) => `In Ihrer Rolle als ${s.title} würden Sie als Erstes vermutlich Folgendes merken: ${s.ind.practical}.`],
    unknown: [(s) => `In der Praxis merken die Teams, mit denen wir arbeiten, als Erstes: ${s.ind.practical}.`],
  },
  formatCount: (n) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, "."),
};
