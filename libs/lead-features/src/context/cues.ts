import { COMPLAINT_PATTERNS } from "./complaint.js";
import type { Signal, Stage } from "./types.js";

/**
 * Phrases that show what happened, in English, German, French and Spanish, as regex sources
 * (matched case-insensitively, as whole words). Data only; reader.ts decides the stage from the
 * signals found, in the order of STAGE_ORDER.
 */

const MONTH_WORD =
  "(?:jan(?:uary|uar|vier)?|feb(?:ruary|ruar)?|févr(?:ier)?|mar(?:ch)?|märz|mars|apr(?:il)?|avr(?:il)?|may|mai|jun(?:e|i)?|juin|jul(?:y|i)?|juil(?:let)?|aug(?:ust)?|août|sep(?:t(?:ember)?)?|septembre|oct(?:ober)?|okt(?:ober)?|octobre|nov(?:ember)?|novembre|dec(?:ember)?|dez(?:ember)?|déc(?:embre)?|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)";

export interface SignalRule {
  signal: Signal;
  patterns: readonly string[];
  /** "not signed yet", "noch nicht unterschrieben": a negation just before (or "yet" after) cancels the match. */
  negatable?: boolean;
}

export const SIGNAL_RULES: readonly SignalRule[] = [
  { signal: "complaint", patterns: COMPLAINT_PATTERNS },
  {
    // An existing customer: an upgrade, a renewal, usage, a churn risk ("customer since 2023", "Bestandskunde").
    signal: "customer",
    patterns: [
      "(?:existing|current|long-?time|loyal|happy) (?:customer|client)", "(?:customer|client) since", "(?:has|have) been (?:a )?(?:customer|client)s?", "churn risk", "(?:at risk of|likely to|might|about to) churn\\w*", "at[- ]risk (?:account|customer)", "(?:logins?|usage|adoption) (?:has |have )?(?:dropped|fell|fallen|down|declined|up|grew|increased)", "upsell", "upgrad\\w* (?:from (?:the )?\\p{L}+ (?:plan |tier )?)?to (?:the )?(?:business|enterprise|pro|team|premium|professional|plus|growth|scale|advanced)(?: plan| tier| edition)?", "(?:account|quarterly business) review", "qbr", "health ?check",
      "bestandskunde\\w*", "kunde seit", "kundin seit", "(?:langjährige[rn]?|zufriedene[rn]?) (?:kunde|kundin)", "abwanderung\\w*", "kündigungsrisiko",
      "(?:déjà |ancien )?client depuis", "(?:client|cliente) (?:existant|fidèle)", "risque de (?:churn|résiliation|départ)",
      "(?:ya es )?cliente desde", "cliente (?:actual|existente|fiel)", "riesgo de (?:baja|abandono|churn)",
    ],
  },
  {
    signal: "signed",
    negatable: true,
    patterns: [
      "signed(?! up)(?! off)", "contract signed", "closed[- ]won", "closed the deal", "closed(?=\\s*!)", "won(?=\\s*!)", "(?:\\d+[- ]year |new )?deal (?:closed|signed|done|won)", "deal (?:is )?(?:won|closed)", "won the deal", "(?:purchase order|po) (?:received|signed|issued)", "went live",
      "unterschrieben", "unterzeichnet", "auftrag (?:erhalten|erteilt|bekommen)", "zuschlag (?:erhalten|bekommen)", "deal gewonnen", "vertrag (?:ist )?abgeschlossen",
      "sign[ée]e?s?", "contrat sign[ée]", "bon de commande reçu", "affaire gagnée",
      "firmad[oa]s?", "firmaron", "firmó", "hemos firmado", "cerrado ganado", "orden de compra recibida",
    ],
  },
  {
    signal: "competitor_chosen",
    patterns: [
      "(?:went|gone|going) with (?!us\\b)", "chose (?!us\\b)", "picked (?!us\\b)", "selected (?!us\\b)", "decided (?:to go )?(?:for|on|with) (?!us\\b)", "signed with (?!us\\b)", "lost (?:the deal |it )?to", "renewed with", "stick(?:ing)? with",
      "für [\\p{L}\\p{N}. &-]{2,30}? entschieden", "entschied(?:en)? sich für (?!uns)", "bleib(?:t|en) bei",
      "(?:a|ont) choisi (?!nous)", "opté pour", "partis? (?:chez|avec)", "restent (?:chez|avec)",
      "(?:eligieron|eligió|escogieron|escogió) (?!a nosotros|nuestra)", "se decidieron por", "se (?:quedan|quedaron) con", "optaron por",
    ],
  },
  {
    signal: "objection_budget",
    patterns: [
      "budgets? (?:is |are |was |were )?(?:tight|frozen|freeze|cut|gone|exhausted|spent|used up|on hold|constrained|limited|blocked)", "(?:no|without|zero) budget", "not in (?:the |this year's |their )?budget", "over budget", "too expensive", "can'?t afford", "(?:spending|hiring|budget) freeze", "cost[- ]cutting", "no money",
      "budget (?:ist |sind )?(?:knapp|eingefroren|gestrichen|aufgebraucht|weg|gekürzt|blockiert)", "kein budget", "budget (?:erst|frühestens)", "zu teuer", "sparkurs", "ausgabenstopp", "einstellungsstopp", "kein geld",
      "budgets? (?:est |sont )?(?:gel[ée]s?|serr[ée]s?|bloqu[ée]s?|épuis[ée]s?|limit[ée]s?|réduits?)", "pas de budget", "trop ch(?:er|ère|ers|ères)", "gel (?:des budgets|budgétaire|des embauches)",
      "presupuestos? (?:está |están )?(?:congelados?|ajustados?|agotados?|limitados?|recortados?|bloqueados?)", "sin presupuesto", "no (?:hay|tienen) presupuesto", "demasiado car[oa]s?", "congelación (?:de presupuesto|presupuestaria|de contrataciones)",
    ],
  },
  {
    // The product fell short ("hated the mobile app (too slow)", "would reconsider if …").
    signal: "objection_product",
    patterns: [
      "(?:hated|disliked|didn'?t like|did not like|not happy with|unhappy with|frustrated (?:by|with)|disappointed (?:by|with)) (?:the |our )?", "(?:would|'d|will|might) reconsider (?:if|once|when)", "deal[- ]?breaker", "too (?:slow|buggy|clunky|basic)",
      "gefiel (?:ihm|ihr|ihnen) nicht", "zu langsam", "(?:würde|würden) es sich (?:noch einmal |nochmal )?überlegen, wenn",
      "n'a pas aimé", "trop lente?", "reconsidérer (?:si|quand)",
      "no le gustó", "demasiado lent[oa]", "(?:lo )?reconsiderar(?:ía|ían) si",
    ],
  },
  {
    signal: "objection_timing",
    patterns: [
      "not (?:right )?now", "not a priority", "not interested(?: any ?more)?", "no longer interested", "kein interesse(?: mehr)?", "(?:pas|plus) intéressée?s?", "no (?:le|les) interesa", "ya no (?:le|les) interesa", "not ready to buy", "noch nicht so weit", "pas prêts?", "no (?:está|están) list[oa]s?", "bad timing", "timing (?:is|isn'?t|is not) (?:right|bad|off)", "(?:come|get|coming|getting) back (?:to (?:them|us|me|him|her) )?(?:in|after|next|later|at|around|early|mid|late|once)",
      "revisit(?:ing)? (?:in|after|next|later|this|early|once)", "reach(?:ing)? out (?:again )?(?:in|after|next|early|mid|late)", "ping (?:them |him |her |me |us )?(?:again )?(?:in|after|next|early|mid|late)",
      "circle back (?:in|after|next)", "check back (?:in|after|next)", "follow up (?:again )?(?:in|after) (?:" + MONTH_WORD + "|q[1-4]|the (?:new|fiscal|financial)|next|a few|\\d)", "(?:on|put on) hold", "paused", "postponed", "pushed (?:back|out|to)",
      "(?:until|till|til) (?:the )?(?:new year|next year|q[1-4]|after|" + MONTH_WORD + ")", "after the (?:fiscal|financial) year", "next (?:fiscal|financial) year", "not before", "(?:approval|decision|sign-?off|budget) (?:in|by|after|not before) " + MONTH_WORD,
      "next quarter", "after (?:the )?(?:summer|holidays|christmas|new year)", "(?:until|till|til) (?:the )?summer",
      "not interested (?:right now|for now|at the moment|at this time|this year|until|before)", "(?:too |very |really )?busy (?:with|until|till|through)", "try (?:again|back) (?:in|after|next|early|mid|late|once)",
      "(?:need|needs|needed|requires?|waiting (?:for|on)|pending) (?:[\\p{L}-]+ ){0,2}(?:approval|sign-?off)(?! ?(?:workflow|flow|process|step|chain|rule)s?)", "(?<!(?:before|ahead of|for|prepare for) (?:the |their |our |a )?)board (?:meets|meeting|approval)", "(?:not available|unavailable) (?:until|till|before)",
      "(?:erst|frühestens) (?:ab|im|nach|wieder|in)", "nicht vor", "später (?:wieder )?(?:melden|kontaktieren|sprechen)", "(?:wieder )?(?:melden|kontaktieren|nachfassen|nachhaken|anschreiben) (?:im|ab|nach|in)", "nächstes jahr", "im neuen jahr", "auf eis", "verschoben", "pausiert", "nach dem (?:geschäftsjahr|sommer|urlaub)", "(?:zurzeit|aktuell|derzeit) kein", "bis " + MONTH_WORD,
      "kein interesse (?:vor|bis|im|in|derzeit|aktuell|momentan)", "(?:vor|nach) (?:dem|ende des) (?:neuen )?geschäftsjahr\\w*", "neue[nms]? geschäftsjahr\\w*", "keine (?:zeit|kapazität\\w*)", "(?:nicht verfügbar|erst wieder) (?:bis|ab|im)",
      "recontacter", "relancer (?:en|à|après|début|fin|dans|mi)", "à la rentrée", "jusqu'(?:en|à|au) ", "pas avant", "l'année prochaine", "l'an prochain", "après l'exercice", "report[ée]e?", "en pause", "pas (?:le bon moment|pour l'instant|maintenant|prioritaire)", "plus tard", "pas (?:dispo\\w*|disponibles?) (?:avant|jusqu)", "trop de projets", "pas intéressée?s? (?:pour l'instant|avant|maintenant)",
      "volver a (?:contactar|llamar|escribir)", "retomar (?:en|después|el|a)", "hasta (?:el (?:año que viene|próximo año)|" + MONTH_WORD + ")", "no antes de", "el (?:año que viene|próximo año)", "pospuest[oa]", "en pausa", "más adelante", "después del verano", "ahora no", "no es (?:el momento|prioridad)", "no (?:está|están) disponibles? hasta", "sin tiempo", "demasiado ocupad[oa]s?", "no (?:le |les )?interesa (?:ahora|por ahora|hasta)",
    ],
  },
  {
    signal: "no_reply",
    patterns: [
      "(?:no|not|never|without) (?:a |any )?(?:response|reply|replies|answer|word|news|feedback|reaction)", "n'?t (?:responded|replied|heard|answered|gotten back|got back|come back|responded)", "nothing (?:back|since|heard)", "no news", "ghost\\w*", "(?:went|gone) (?:quiet|silent|dark)", "radio silence", "unresponsive", "no[- ]?show", "didn'?t (?:show|attend|turn up|join)", "missed (?:the |our )?(?:call|demo|meeting)", "tried \\d+ ?(?:x|times)", "left (?:a |an |\\d+ |two |three |several |multiple )?(?:voice ?mails?|messages?)", "nada", "crickets", "chas(?:ed|ing)", "unanswered", "haven'?t heard", "hasn'?t (?:replied|responded|answered)",
      "keine (?:rückmeldung|antwort|reaktion|rückantwort)", "nicht (?:erreicht|erreichbar|geantwortet|gemeldet|reagiert|erschienen)", "meldet sich nicht", "funkstille",
      "pas de (?:réponse|retour|nouvelles)", "sans (?:réponse|retour|nouvelles)", "injoignable", "ne répond (?:pas|plus)", "aucune (?:réponse|nouvelle)", "silence radio", "pas venue?s?",
      "sin (?:respuesta|noticias)", "no (?:responde|contesta|contestan|responden|ha respondido|han respondido|hay respuesta)", "ninguna respuesta", "no se presentó", "no asistió",
    ],
  },
  {
    signal: "missed_meeting",
    patterns: ["no[- ]?show", "didn'?t (?:show|attend|turn up|join)", "missed (?:the |our )?(?:call|demo|meeting)", "cancell?ed (?:the |our )?(?:call|demo|meeting)", "nicht erschienen", "termin (?:abgesagt|verpasst|vergessen)", "(?:hat|haben) den termin (?:verpasst|vergessen)", "pas venue?s?", "(?:rendez-vous|rdv|appel|démo) (?:manqué|raté|oublié)", "(?:a|ont) (?:manqué|raté|oublié) (?:le|notre) (?:rendez-vous|rdv|appel|démo)", "no se presentó", "no asistió", "faltó a (?:la|nuestra) (?:reunión|llamada|demo|cita)", "se (?:perdió|saltó) la (?:reunión|llamada|demo|cita)"],
  },
  {
    signal: "meeting_booked",
    negatable: true,
    patterns: [
      "(?:call|meeting|demo|session|appointment|workshop|walkthrough|presentation|follow-up|intro call|catch-up|zoom)s? (?:is |was |has been )?(?:booked|scheduled|confirmed|set(?: up)? for|arranged|planned|fixed|in the calendar|on the calendar)", "booked(?: in)?:", "scheduled:", "invite (?:sent|accepted)", "(?:booked|scheduled|set up|arranged|confirmed) (?:a |the |our )?(?:call|meeting|demo|session|follow-up|appointment|workshop)",
      "termin (?:am|ist|steht|bestätigt|vereinbart|gebucht|fix)", "(?:bestätigt|vereinbart|gebucht|eingeplant|angesetzt)",
      "(?:rendez-vous|rdv|réunion|démo|appel|présentation|visio) (?:est )?(?:confirmée?|fixée?|prise?|prévue?|planifiée?|calée?|programmée?)s?", "(?:confirmé|fixé|calé)",
      "(?:reunión|cita|demo|llamada|presentación|videollamada) (?:está )?(?:agendada|confirmada|programada|fijada|reservada|prevista)", "agendad[oa]", "confirmad[oa]",
    ],
  },
  {
    signal: "pricing_sent",
    negatable: true,
    patterns: [
      "(?:sent|send|sending|shared|emailed|e-mailed|submitted|presented|gave them) (?:over )?(?:them |her |him )?(?:the |our |a |an |updated |revised |final )*(?:pricing|prices|price list|quote|quotation|proposal|offer|estimate|contract|order form|sow)",
      "(?:pricing|prices|quote|quotation|proposal|offer|estimate|contract|order form)s? (?:is |was |has been |were )?(?:sent|out|shared|delivered|submitted|went out|with them|under review)", "(?:contract|agreement|order form) (?:out )?for signature", "redlines?", "negotiat\\w*", "waiting (?:for|on) (?:feedback|signature|their feedback|legal)",
      "(?:angebot|preise|preisinfo\\w*|preisliste|kostenvoranschlag|vertrag(?:sentwurf)?) (?:ist |wurde )?(?:[\\p{L}\\p{N}.]+ ){0,3}?(?:geschickt|gesendet|verschickt|raus|übermittelt|zugeschickt|abgegeben|versendet)", "(?:geschickt|gesendet|verschickt|zugeschickt|übermittelt) (?:das |ein |unser )?angebot", "angebot (?:vom|liegt vor|ist raus)", "in verhandlung",
      "(?:devis|proposition|offre|tarifs?|grille tarifaire|contrat)(?: commerciale)? (?:a été |ont été )?(?:envoy[ée]e?s?|transmise?s?|partag[ée]e?s?)", "envoi (?:du|de la|des) (?:devis|proposition|offre|tarifs?)", "(?:envoyé|transmis) (?:le|la|les|notre|nos) (?:devis|proposition|offre|tarifs?)", "en négociation",
      "(?:propuesta|presupuesto|cotización|oferta|precios|contrato) (?:fue |ha sido )?(?:enviad[oa]s?|compartid[oa]s?|entregad[oa]s?)", "(?:le|les) gust(?:ó|aron) (?:la|el|nuestra|nuestro) (?:propuesta|presupuesto|oferta|cotización)", "(?:le|lui|leur) (?:convient|plaît)", "(?:devis|proposition|offre) (?:lui|leur) (?:convient|plaît)", "liked the (?:proposal|quote|offer)", "angebot (?:gefällt|passt)", "(?:enviamos|mandamos|envié|mandé|le mandé|les mandé|hemos enviado) (?:(?:la|el|los|las|nuestra|nuestro|nuestros) )?(?:propuesta|presupuesto|cotización|oferta|precios|tarifas)", "en negociación",
    ],
  },
  {
    signal: "demo_done",
    negatable: true,
    patterns: [
      "demo(?:nstration)? (?:is |was |has been )?(?:done|completed|complete|delivered|held|finished|given|ran|run|went (?:well|great|ok|okay|fine|badly|really well)|was (?:great|good|positive|ok)|yesterday|today|this morning|earlier|last week|on (?:mon|tue|wed|thu|fri)\\w*)",
      "(?:after|post|following) (?:the |our |their )?demo", "(?:technical |tech )?(?:deep[- ]dive|walkthrough|workshop|technical session) (?:went|was|has been) (?:very |really )?(?:well|great|good|positive)", "post-demo", "demo (?:happened|took place|went ahead|is behind us)", "(?:did|gave|ran|had|held|delivered|completed|finished) (?:a |the |our |their )?(?:product )?demo", "demo(?:'d|ed)\\b", "(?:walked|took) (?:them|her|him) through", "showed (?:them|her|him) (?:the )?(?:platform|product|tool)", "demo (?:with|w/) [\\p{L} ]{2,30}? (?:yesterday|today|last)",
      "demo (?:ist |wurde )?(?:gemacht|durchgeführt|erledigt|gezeigt|gehalten|gelaufen|war|lief|gestern|heute|letzte woche)", "nach der demo", "(?:präsentation|vorführung) (?:gehalten|war|gestern|durchgeführt)", "demo [\\p{L} .]{2,40}? (?:gemacht|durchgeführt|gezeigt|gehalten)",
      "démo (?:a été )?(?:faite|réalisée|effectuée|terminée|présentée|hier|ce matin|s'est (?:bien |très bien )?passée)", "après la démo", "(?:fait|réalisé|présenté) (?:la|une|notre) démo",
      "demo (?:fue )?(?:realizada|hecha|completada|terminada|ayer|hoy|esta mañana|salió bien)", "(?:tras|después de) la demo", "(?:hicimos|realizamos|presentamos|tuvimos|tuvieron|dimos) (?:la|una|nuestra) demo", "(?:avons|avait|a|ont|on a) (?:fait|eu) (?:la|une|notre) démo", "(?:hatten|hatte) (?:die|eine|unsere) demo", "demo gehabt",
    ],
  },
  {
    signal: "demo_requested",
    negatable: true,
    patterns: [
      "demo[- ]?request\\w*", "request(?:ed|s|ing)? (?:a |for a |the )?(?:product |live )?(?:demo|demonstration|walkthrough|presentation)", "(?:asked|asking|ask|asks) for (?:a |the )?(?:product |live )?(?:demo|demonstration|walkthrough|presentation)",
      "(?:want|wants|wanted|would like|'d like|keen on|keen to|interested in) (?:to (?:see|have|get|book|schedule) )?(?:a |in a |the )?(?:product |live )?(?:demo|demonstration|walkthrough)",
      "(?<=demo[^.;]{0,40}?)(?:wants?|would like|asked for|asks for|requested) one", "demo[- ]?anfrage", "demo (?:angefragt|gewünscht)", "(?:termin|demo|vorführung)[\\p{L}\\p{N}.: ]{0,40}? (?:angefragt|gewünscht)", "(?:möchte|möchten|will|wollen|wünscht|wünschen|hätte gern|hätten gern) (?:gerne |gern )?(?:eine )?(?:demo|vorführung|präsentation)", "(?:bittet|bat|fragte|fragt) (?:um|nach) (?:eine[rn]? )?(?:demo|vorführung)",
      "demande de démo", "(?:veut|veulent|voudrait|voudraient|souhaite|souhaitent|aimerait|aimeraient) (?:voir )?une démo", "demandé une démo",
      "solicitud de demo", "(?:pidieron|pidió|solicitaron|solicitó|quieren|quiere|quisieran|les gustaría|le gustaría) (?:ver )?una demo",
    ],
  },
  {
    signal: "question",
    patterns: [
      "ask(?:ed|s|ing)? (?:about|abt|re|if|whether|how|what|when|why|for)", "questions?", "call ?back (?:about|on|re|regarding)", "q(?:'?s)? ?:", "wants? to know", "would like to know", "wondering", "enquir\\w*", "inquir\\w*", "(?:need|needs|needed|require|requires|required) (?!to\\b)", "curious", "(?!wants? (?:to (?:switch|change|move)|more info))wants? ", "would like", "asked for", "(?:is )?looking for", "request(?:ed)? (?:a )?(?:callback|call back|info|information|details|more info)",
      "frag(?:t|te|ten|en)", "fragen (?:zu|nach|zur|zum)", "rückruf\\w*", "bitte um (?:infos?|informationen|details)", "(?:möchte|möchten|will|wollen) wissen", "benötig\\w*", "braucht", "brauchen", "(?:möchte|möchten|wollen|wünscht|wünschen) ", "will (?:erst|zuerst|vorher|noch) ", "hätten? gern",
      "demand(?:e|ent|é|ait|aient)", "(?:veut|veulent|voudrai\\w*) savoir", "besoin d", "se demande", "(?:veut|veulent|voudrai\\w*|souhait\\w*) ", "(?:demande de )?rappel",
      "pregunt\\w*", "consult(?:a|aron|ó)", "(?:quiere|quieren) saber", "dudas?", "necesita\\w*", "(?:quiere|quieren|quisiera\\w*|le gustaría|les gustaría) ", "(?:que le|que les) (?:llamemos|devolvamos la llamada)",
    ],
  },
];

/** Which signal decides the stage when several are found: the first in this list. */
export const STAGE_ORDER: readonly { signal: Signal; stage: Stage }[] = [
  { signal: "complaint", stage: "complaint" },
  { signal: "signed", stage: "signed" },
  { signal: "customer", stage: "customer" },
  { signal: "competitor_chosen", stage: "competitor" },
  { signal: "objection_budget", stage: "objection" },
  { signal: "objection_timing", stage: "objection" },
  { signal: "objection_product", stage: "objection" },
  { signal: "no_reply", stage: "no_reply" },
  { signal: "meeting_booked", stage: "meeting_booked" },
  { signal: "competitor", stage: "competitor" },
  { signal: "pricing_sent", stage: "pricing_sent" },
  { signal: "demo_done", stage: "demo_done" },
  { signal: "demo_requested", stage: "demo_requested" },
  { signal: "question", stage: "question" },
];

/** A date a timing cue names that only says when something may happen ("wants a demo, but not before the 15th"), not "come back later". */
export const SOFT_TIMING = ["not before", "not until", "nicht vor", "pas avant", "no antes de?"];
/** A contract that runs until a date ("Vertrag läuft bis Juni"): a fact about the tool in use, not an objection. */
export const CONTRACT_TERM = ["contract\\w*", "vertrag\\w*", "contrat\\w*", "contrato\\w*", "renew\\w*", "licen[cs]e (?:ends|expires|runs)", "läuft (?:aus|bis|noch)", "expires?", "renouvel\\w*", "vence"];

/** Comparing vendors, in so many words (a competitor's name is found by position: see COMPETITOR_CUES). */
export const COMPETITOR_WORDS = [
  "vs\\.?", "versus", "compar\\w*", "shortlist\\w*", "(?:want|wants|looking|plan|plans|planning|keen|open) to (?:switch|change|move)",
  "(?:möchte|möchten|will|wollen) [\\p{L} ]{0,20}?wechseln", "wechselwillig", "(?:voudrai\\w*|veulent|souhaite\\w*|envisage\\w*) (?:de )?changer", "(?:quiere|quieren|planean|piensan) cambiar", "(?:thinking|pensando|denken|réfléchissent|réfléchit) (?:about |of |en |à |über |an )?(?:switching|changing|moving|cambiar|changer|wechseln|einen wechsel)", "competitors?", "competition", "alternatives?", "(?:other|another) (?:vendor|provider|tool|solution)s?", "incumbent", "rfp", "tender", "switch(?:ing)? from", "open to switching", "replac(?:e|ing)",
  "vergleich\\w*", "wettbewerb\\w*", "konkurren\\w*", "alternative\\w*", "wechsel\\w* von",
  "concurren\\w*", "changer de",
  "competen\\w*", "alternativas?", "cambiar de",
];

/** A contract with the tool in use ends: with a CRM in use, a reason to compare (not a comparison in itself). */
export const RENEWAL_WORDS = ["renew\\w*", "contract (?:ends|expires|runs out)", "läuft aus", "vertragsende", "kündigungsfrist", "renouvel\\w*", "(?:contrat|contrato) (?:vence|expire|se termine|termina)", "vence", "renovación"];

/** Words before a competitor's name; the name follows (capitalised, or a known system). */
export const COMPETITOR_CUES = [
  "vs\\.?", "versus", "(?:compar(?:e|ed|ing)|benchmark(?:ed|ing)?) (?:us |it |them )?(?:with|to|against)", "(?:also )?(?:looking at|evaluating|considering|talking to|trialing|trialling|testing|demoing|piloting|speaking with|in talks with)",
  "(?:went|gone|going) with", "chose", "picked", "selected", "decided (?:to go )?(?:for|on|with)", "signed with", "lost (?:the deal |it )?to", "renewed with", "sticking with", "stick with", "over",
  "switch(?:ing)? (?:away )?from", "moving (?:away )?from", "replac(?:e|ing)", "(?:currently|already|today) (?:on|using|uses|use|with|in)",
  "(?:evaluiert|evaluieren|prüft|prüfen|testet|testen)(?: auch| gerade| parallel)?", "vergleicht (?:uns )?mit", "vergleichen (?:uns )?mit", "im vergleich (?:zu|mit)", "(?:schaut|schauen|sieht|sehen) sich (?:auch )?", "entschied(?:en)? sich für", "bleib(?:t|en) bei", "(?:nutzt|nutzen|verwendet|verwenden) (?:aktuell|derzeit|bisher)", "wechsel\\w* von",
  "(?:évalue|évaluent|regarde|regardent|teste|testent|étudie|étudient)(?: aussi| également| en parallèle)?", "compar(?:ent|e|ons|é) (?:avec|à)", "par rapport à", "comparée? (?:à|avec)", "(?:a|ont) choisi", "opté pour", "partis? (?:chez|avec)", "(?:utilise|utilisent) (?:actuellement|aujourd'hui)",
  "(?:están |también )*(?:evaluando|considerando|mirando|probando)", "(?:evalúan|consideran|miran|prueban)(?: también)?", "comparando con", "comparad[oa] con", "en comparación con", "(?:compara|comparan) con", "(?:eligieron|eligió|escogieron)", "se decidieron por", "se (?:quedan|quedaron) con", "optaron por", "(?:usan|utilizan) (?:actualmente|hoy)",
  "(?:their |his |her |the )?(?:current|existing|old|legacy) (?:software|system|tool|crm|platform|provider)", "(?:su |el )?(?:software|sistema|programa|proveedor) actual", "(?:son |leur |l')?(?:logiciel|outil|système|fournisseur) actuel", "(?:ihre[nms]? |seine[nms]? |die |das |der )?(?:aktuelle[nms]?|bisherige[nms]?|jetzige[nms]?) (?:software|system|tool|anbieter|crm)",
];

/** Words before (or after) an integration's name: "integration with X", "sync to X", "X connector". */
export const INTEGRATION_BEFORE = [
  "integrat(?:e|es|ed|ing|ion|ions) (?:with|into|to|for)", "sync(?:ing|s)? (?:with|to|into)", "connect(?:or|ion|s)? (?:for|to|with)", "export(?:s|ing)? (?:to|into)", "import(?:s|ing)? from", "push(?:es|ing)? (?:to|into)",
  "migrat(?:e|es|ing|ion) (?:from|to|off)", "mid-migration to", "(?:uses|using|use|runs on|running on|works in|work in) (?:the )?", "(?:nutzt|nutzen|arbeitet mit|arbeiten mit)", "(?:utilise|utilisent)", "(?:usa|usan|utiliza|utilizan)", "anbindung an", "schnittstelle (?:zu|für)", "integration (?:mit|in)", "intégration (?:avec |de |à |dans )?", "synchronisation avec", "integración (?:con|de)", "conexión con",
];
export const INTEGRATION_AFTER = ["integration", "sync", "connector", "export", "import", "add-?in", "plug-?in", "app", "alerts", "migration", "schnittstelle", "anbindung", "integration", "export"];

/** Cues before a person's name ("with Tom and Priya", "Ansprechpartner Herr Brandt", "loop in Marco"). */
export const PERSON_CUES = [
  "with", "w/", "from", "cc", "loop(?:ing)? in", "intro(?:duce|duced|duction)? to", "contact(?: person)?:?", "attendees?:?", "spoke (?:with|to)", "met", "talked to",
  "mit", "ansprechpartner(?:in)?:?", "(?:his|her|their) colleague", "colleague", "(?:son|sa|leur) collègue", "collègue", "(?:sein|seine|ihr|ihre) (?:kollege|kollegin)", "kollege", "kollegin", "(?:su )?(?:compañer[oa]|colega)", "kontakt:?", "avec", "interlocut(?:eur|rice):?", "con", "contacto:?",
];
/** Before the name of whoever introduced the lead ("referred by Ana Souza"): a referrer, not someone to include. */
export const REFERRER_CUES = [
  "referred by", "referral from", "introduced by", "intro(?:duction)? (?:from|via|by)", "recommended by", "recommendation from",
  "empfohlen von", "empfehlung von", "vermittelt von", "recommandée? par", "présentée? par", "sur recommandation de", "vorgestellt von", "presentad[oa] por", "recomendad[oa] por", "recomendación de", "referid[oa] por",
];
export const HONORIFICS = "(?:mr|mrs|ms|dr|prof|herr|frau|m|mme|mlle|sr|sra|srta|señor|señora|don|doña)\\.?";
