/**
 * Months, weekdays, times of day and "come back later" phrases in English, German, French and
 * Spanish, as data for dates.ts.
 */

/** Month names and abbreviations, index 0 = January. "may" and "mar" need a preposition before them (see dates.ts). */
export const MONTH_NAMES: readonly (readonly string[])[] = [
  ["january", "jan", "januar", "jänner", "jän", "janvier", "janv", "enero", "ene"],
  ["february", "feb", "februar", "février", "févr", "fevrier", "febrero"],
  ["march", "mar", "märz", "maerz", "mrz", "mars", "marzo"],
  ["april", "apr", "avril", "avr", "abril", "abr"],
  ["may", "mai", "mayo"],
  ["june", "jun", "juni", "juin", "junio"],
  ["july", "jul", "juli", "juillet", "juil", "julio"],
  ["august", "aug", "août", "aout", "agosto"],
  ["september", "sep", "sept", "septembre", "septiembre", "setiembre"],
  ["october", "oct", "oktober", "okt", "octobre", "octubre"],
  ["november", "nov", "novembre", "noviembre"],
  ["december", "dec", "dezember", "dez", "décembre", "déc", "decembre", "diciembre", "dic"],
];
/** Month words that are also ordinary words ("may", "mar"): read as a month only after a preposition or a day. */
export const AMBIGUOUS_MONTHS = new Set(["may", "mar", "jun", "dec", "sep", "mai", "ene"]);

/** Weekdays, index 0 = Sunday. German two-letter forms are read only before a time ("Do 15 Uhr"). */
export const WEEKDAY_NAMES: readonly (readonly string[])[] = [
  ["sunday", "sun", "sonntag", "dimanche", "domingo"],
  ["monday", "mon", "montag", "lundi", "lunes"],
  ["tuesday", "tue", "tues", "dienstag", "mardi", "martes"],
  ["wednesday", "wed", "weds", "mittwoch", "mercredi", "miércoles", "miercoles"],
  ["thursday", "thu", "thur", "thurs", "donnerstag", "jeudi", "jueves"],
  ["friday", "fri", "freitag", "vendredi", "viernes"],
  ["saturday", "sat", "samstag", "samedi", "sábado", "sabado"],
];
export const WEEKDAY_SHORT_DE: readonly string[] = ["so", "mo", "di", "mi", "do", "fr", "sa"];

export const TIME_ZONES = ["CET", "CEST", "MEZ", "MESZ", "GMT", "UTC", "BST", "WET", "WEST", "EET", "EEST", "ET", "EST", "EDT", "CT", "CST", "CDT", "MT", "MST", "MDT", "PT", "PST", "PDT", "IST", "AEST", "AEDT", "SGT", "JST"];

export const RELATIVE_DAYS: readonly { relative: "tomorrow" | "next_week" | "end_of_month" | "end_of_week" | "end_of_next_week" | "end_of_year"; patterns: readonly string[] }[] = [
  // Before "next week" and "end of the week", which it contains or overlaps.
  { relative: "end_of_next_week", patterns: ["(?:the )?end of next week", "ende (?:der )?(?:nächsten|kommenden) woche", "ende nächster woche", "ende kommender woche", "(?:la )?fin de la semaine prochaine", "(?:a )?fin(?:al)?(?:es)? de la (?:próxima semana|semana que viene)"] },
  { relative: "tomorrow", patterns: ["tomorrow", "tmrw", "morgen", "demain", "mañana"] },
  { relative: "next_week", patterns: ["next week", "nächste woche", "kommende woche", "nächsten woche", "(?:la )?semaine prochaine", "(?:la )?próxima semana", "la semana que viene"] },
  { relative: "end_of_month", patterns: ["end of (?:the )?month", "monatsende", "ende des monats", "fin (?:du|de) mois", "(?:a )?fin(?:al)?(?:es)? de mes"] },
  { relative: "end_of_year", patterns: ["(?:the )?end of (?:the )?year", "year[- ]end", "jahresende", "ende des jahres", "(?:la )?fin (?:d'année|de l'année)", "(?:a )?fin(?:al)?(?:es)? de(?:l)? año"] },
  { relative: "end_of_week", patterns: ["end of (?:the )?week", "ende der woche", "fin de (?:la )?semaine", "fin de (?:la )?semana"] },
];

/** A time of day the contact prefers: a plural, or a word of preference near it ("am liebsten früh morgens"); "this morning" is none. */
export const DAY_PARTS: readonly { part: "morning" | "afternoon" | "evening"; patterns: readonly string[] }[] = [
  { part: "morning", patterns: ["(?:early )?mornings", "(?:in the |early in the )(?:morning)", "(?:früh )?morgens", "vormittags", "am vormittag", "(?:tôt )?le matin", "en matinée", "(?:por|en) las? mañanas?", "a primera hora"] },
  { part: "afternoon", patterns: ["afternoons", "in the afternoon", "after (?:[1-5]|lunch)(?: ?pm)?", "nachmittags", "am nachmittag", "l'après-midi", "en début d'après-midi", "(?:por|en) las? tardes?"] },
  { part: "evening", patterns: ["evenings", "in the evening", "end of (?:the )?day", "abends", "am abend", "le soir", "en fin de journée", "(?:por|en) las? noches?", "a última hora"] },
];
export const PREFER_WORDS = ["prefer\\w*", "best", "ideally", "only", "better", "rather", "am liebsten", "lieber", "bevorzugt", "am besten", "nur", "de préférence", "plutôt", "préfère\\w*", "mieux", "uniquement", "preferiblemente", "prefiere\\w*", "mejor", "solo", "sólo"];

/** The contact asked not to be phoned: the e-mail proposes no call ("prefers email only", "bitte nicht anrufen"). */
export const NO_CALLS = [
  "(?:stop|don'?t|do not|never|no more|not to) (?:call|phone|ring)(?:ing)?(?: (?:her|him|them|me|us))?", "no (?:more )?(?:phone )?calls", "(?:e-?mail|written) (?:contact )?only", "only (?:by |via |through )?(?:e-?mail|writing)", "prefers? (?:e-?mail|to be e-?mailed|written contact|contact by e-?mail)",
  "(?:keine|nicht) (?:mehr )?anruf\\w*", "nicht (?:mehr )?anrufen", "nur (?:per |via )?(?:e-?mail|mail|schriftlich)",
  "ne (?:plus |pas )?(?:l'|les |la |le |me |nous )?appeler", "(?:pas|plus) d'appels?", "uniquement par (?:e-?mail|écrit|mail)",
  "no (?:la |le |les |me )?llam(?:ar|en|emos|éis)", "(?:deje|dejar|dejen) de llamar", "sin llamadas", "solo por (?:correo|e-?mail|escrito)",
];

/** "next" before or after a weekday. */
export const NEXT_WORDS = ["next", "this coming", "nächsten", "nächster", "kommenden", "prochain", "próximo", "el próximo", "que viene"];

/** Before a date that lies in the past ("since the webinar on Monday", "Angebot vom 3.11."). */
export const PAST_BEFORE = ["since", "seit", "depuis", "desde", "vom", "del", "last", "letzten", "letzte", "dernier", "pasado", "went out on", "went out", "sent", "sent on", "was on", "were on", "was", "were", "had", "did", "met", "ago", "gemacht", "geschickt", "envoyé", "envoyée", "enviado", "enviada"];
export const PAST_WORDS = ["yesterday", "gestern", "hier", "ayer", "ago", "last week", "letzte woche", "la semaine dernière", "la semana pasada"];

/** After a date, a participle that puts it in the past ("Angebot am Montag geschickt", "demo Tuesday done"). */
export const PAST_AFTER = ["geschickt", "gesendet", "verschickt", "gemacht", "stattgefunden", "gehabt", "envoyée?s?", "enviad[oa]s?", "sent", "done", "held", "happened"];

/** Who moves next, when the verb comes before the date in its clause: the contact will get back to us, or we follow up after it. */
export const MOVE_EVENTS: readonly { event: "their_move" | "follow_up"; patterns: readonly string[] }[] = [
  { event: "follow_up", patterns: ["follow(?:ing)?[- ]up after", "check(?:ing)? (?:back|in) after", "circle back after", "reach out (?:again )?after", "ping (?:her|him|them) after", "nachfassen nach", "nachhaken nach", "(?:wieder )?melden nach", "relancer après", "recontacter après", "(?:hacer )?seguimiento después de", "volver a (?:contactar|escribir) después de"] },
  { event: "their_move", patterns: ["(?:will|'ll|wants to|is going to|are going to|promised to|said (?:she|he|they)(?:'d| would)) (?:get back(?: to us)?|come back to us|revert|reply|respond|let us know|be in touch|call us back|reach out)", "gets? back to us", "meldet sich", "melden sich", "(?:meldet|melden) sich (?:wieder|zurück)", "gibt (?:uns )?bescheid", "geben (?:uns )?bescheid", "kommt (?:wieder )?auf uns zu", "(?:re)?vien(?:dra|t|nent|dront) vers nous", "nous recontacter(?:a|ont)", "nous (?:tiendra|tiendront) au courant", "nous fer(?:a|ont) signe", "nos (?:dirá|dirán|contactará|contactarán|llamará|llamarán|escribirá|escribirán)", "se pondrá(?:n)? en contacto", "nos (?:dará|darán) (?:una )?respuesta"] },
];

/** What a date in the same clause is for. */
export const DATE_EVENTS: readonly { event: "meeting" | "start" | "deadline" | "decision" | "trial_end"; patterns: readonly string[] }[] = [
  { event: "trial_end", patterns: ["trial (?:ends|expires|runs out)", "testphase (?:endet|läuft ab)", "essai (?:se termine|expire)", "(?:prueba|periodo de prueba) (?:termina|vence)"] },
  { event: "start", patterns: ["kick-?off", "onboarding", "go-?live", "launch", "start(?:s|et|ing)?", "begins?", "beginnt", "lancement", "démarr\\w*", "arranque", "comienza", "empieza", "empezar", "comenzar", "arrancar", "beginnen", "starten", "loslegen", "commencer", "einführung", "training", "schulung\\w*", "formation", "formaci[oó]n", "capacitaci[oó]n", "pilot starts", "live"] },
  // "Decision in January", "Entscheidung im Januar": a deadline that is the prospect's decision ("decision maker" is no decision).
  { event: "decision", patterns: ["decisions?(?![- ]?makers?)", "decide[sd]?", "deciding", "entscheid(?:ung|en|et)(?!s?träger)", "entscheiden sich", "décision(?! finale? revient)", "décid\\w*", "decisión", "decidir(?:á|án)?", "deciden?"] },
  { event: "deadline", patterns: ["due", "deadline", "fecha límite", "date limite", "(?:board|committee|council|steering) meeting", "\\p{L}*sitzung", "conseil d'administration", "réunion du (?:conseil|comité)", "(?:reunión del )?(?:comité|consejo)", "by", "(?<!pas )avant", "bis", "(?<!nicht )vor (?:dem|der)", "approv\\w*", "meets", "sign-?off", "renew\\w*", "contract (?:ends|expires|runs out)", "expires?", "bis zum", "\\p{L}*frist", "verläng\\w*", "läuft aus", "vertragsende", "kündigung\\w*", "avant le", "d'ici", "contracts?(?![\\p{L}])(?! signed)", "(?:is |comes )?up (?:for renewal|in)", "vertrag(?! unterschrieben)", "contrat(?! sign)", "contrato(?! firmado)", "renouvel\\w*", "échéance", "antes del?", "plazo", "renueva\\w*", "renovación", "vence", "redlines?"] },
  { event: "meeting", patterns: ["call", "meeting", "demo", "session", "appointment", "workshop", "booked", "scheduled", "termin", "gespräch", "réunion", "rendez-vous", "rdv", "démo", "reunión", "cita", "llamada", "visio", "zoom", "catch-up", "walkthrough"] },
];

/** Phrases that ask to come back later ("revisit", "ping in", "recontacter") — a month near one is the reconnect month. */
export const COME_BACK = [
  "come back", "get back", "revisit", "reach out", "ping", "circle back", "check back", "follow up", "reconnect", "touch base", "talk again", "try again",
  "melden", "kontaktieren", "nachfassen", "nachhaken", "wieder", "wiedervorlage", "anschreiben",
  "recontacter", "relancer", "revenir", "reprendre contact", "rappeler",
  "volver a contactar", "retomar", "contactar de nuevo", "volver a escribir",
];
/** Prepositions before a month that mean "the month after it". */
export const AFTER_WORDS = ["after", "nach", "après", "después de", "tras"];

/** Seasons and holidays: the month a "come back after …" points to. */
export const SEASONS: readonly { month: number; basis: "season" | "next_year"; patterns: readonly string[] }[] = [
  { month: 6, basis: "season", patterns: ["(?:until|till|til|before) (?:the )?summer", "bis (?:zum )?sommer", "vor dem sommer", "jusqu'à l'été", "avant l'été", "hasta el verano", "antes del verano"] },
  { month: 9, basis: "season", patterns: ["after (?:the )?summer(?: holidays| break)?", "nach dem sommer(?:urlaub)?", "nach den sommerferien", "à la rentrée", "après l'été", "après les vacances d'été", "después del verano", "tras el verano"] },
  { month: 1, basis: "next_year", patterns: ["after (?:the )?(?:holidays|christmas|new year)", "in the new year", "(?:until|till|after) (?:the )?new year", "next year", "nach weihnachten", "nach den feiertagen", "im neuen jahr", "nächstes jahr", "nächsten jahr", "après les fêtes", "l'année prochaine", "l'an prochain", "début d'année", "después de (?:navidad|las fiestas)", "el (?:año que viene|próximo año)", "año nuevo"] },
];

/** "in 3 weeks", "dans deux mois". Number words up to six. */
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, couple: 2, few: 3, "a few": 3, "a couple of": 2,
  ein: 1, einem: 1, einen: 1, zwei: 2, drei: 3, vier: 4, fünf: 5, sechs: 6, paar: 3,
  un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, quelques: 3,
  uno: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, unos: 3, unas: 3,
};
