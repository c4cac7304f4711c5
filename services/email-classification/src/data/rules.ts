import type { EmailCategory } from "@gardenos/contracts";
import { UNSUB_HINTS, UNSUB_STRONG } from "./unsubscribe.js";

/**
 * Phrase tables per category (English, German, French, Spanish). Matched against the e-mail's
 * own text (quotes and signature removed), lower-cased, never against headers. `strong` patterns
 * decide the category on their own (unsubscribe first: it must never be missed); `hints` add
 * weight to the trained model's score.
 */
export interface CategoryRules {
  readonly strong: readonly RegExp[];
  readonly hints: readonly RegExp[];
}

/** "but", "however" …: a sign of an objection — unless the reply is a polite refusal ("thanks, but no"). */
export const CONTRAST = /\b(but|however|mais|aber|allerdings|pero|sin embargo)\b/;

/** A question about how to start ("what do you need from us?", "marche à suivre ?"): a sign of interest, not a product question. */
export const PROCESS_QUESTION = /\b(tu peux|pouvez-vous|pourriez-vous|peux-tu) (m'|nous )envoyer\b|\b(can|could|would) you (please |pls |kindly )?(send|share|get|give|set|forward|prepare|draw up|raise)( me| us| over)?\b.{0,30}\b(proposal|quote|contract|agreement|order form|offer|paperwork|access|login|invoice|up)\b|\bwhat do we need to do\b|\b(what|anything else) (do|would) you need from (us|me)\b|\bwhat( \w+)? do you need\b|\b(how|what) (do|should|can) we (start|begin|proceed|get started|sign|pay)\b|\bhow we (start|begin|proceed|sign|pay)\b|\bnext steps?\b|\bmarche à suivre\b|\bwie geht es (jetzt |nun )?weiter\b|\bc[oó]mo (seguimos|procedemos)\b|\bcomment (on )?(procède|procéder|avancer)\b|\bwas brauchen sie\b|\bqu[eé]( \S+)? necesita(s|n)?\b|\b(nos|me) (mandas|mandáis|manda|envías|envía|pasas)\b/;

export const RULES: Record<EmailCategory, CategoryRules> = {
  unsubscribe: {
    strong: UNSUB_STRONG,
    // Weak signs of a request to stop, worded in a way the strong rules do not know: they never
    // decide, but the result says "possible_unsubscribe" and its confidence drops (a person checks).
    hints: UNSUB_HINTS,
  },
  bounce: {
    strong: [],
    hints: [
      /\b(delivery|zustellung) (to the following recipients? )?(has )?failed\b|\bdelivery has failed\b/,
      /\bcould not be delivered\b|\bcouldn'?t be delivered\b|\bwasn'?t delivered\b|\bnot delivered\b|\bundeliver/,
      /\baddress (couldn'?t be|could not be|not) found\b|\brecipient (address rejected|not found|unknown)\b|\buser unknown\b|\bno such user\b|\bno mailbox here\b/,
      /\b(550|552|553|554)[ -]?5\.\d\.\d{1,2}\b|\b5\.\d\.\d{1,2}\b/,
      /\breturned mail\b|\bmail delivery (failed|failure|subsystem)\b|\bdelivery status notification\b|\bmailbox (unavailable|full|is disabled)\b|\bpermanent (error|failure)\b/,
      /\bunzustellbar\b|\bnicht zugestellt\b|\bzustellung fehlgeschlagen\b|\bempfänger unbekannt\b|\bpostfach existiert nicht\b/,
      /(?<![\wà-ÿ])échec de la remise\b|\bnon remis\b|\badresse e-mail est introuvable\b|\bdestinataire n'existe pas\b/,
      /\bno se pudo entregar\b|\berror de entrega\b|\bbuzón no existe\b|\bdirección de correo no existe\b/,
    ],
  },
  out_of_office: {
    strong: [
      /\bout of (the )?office\b|\booo\b|\bautomatic reply\b|\bauto-?reply\b|\bautoreply\b/,
      /\bnicht im büro\b|\babwesenheitsnotiz\b|\bautomatische antwort\b|\bbin (bis|ab)\b.{0,60}\b(urlaub|abwesend|nicht erreichbar|wieder erreichbar)/,
      /\babsente? (du bureau )?jusqu|\bréponse automatique\b|\ben congé(?![\wà-ÿ])/,
      /\bfuera de la oficina\b|\brespuesta automática\b|\bde vacaciones hasta\b/,
      /\bon (vacation|holiday|annual leave|parental leave|maternity leave|paternity leave|sick leave|leave)\b.{0,40}\b(until|till|through|back|return)/,
      /\b(i'?m|i am|currently) (away|travell?ing|on a business trip|attending|out sick|on leave)\b/,
      // Auto-reply phrasing: "I'll reply on my return", "je serai de retour", "a mi vuelta", "wieder im Büro".
      /\b(will|i'?ll|shall) (reply|respond|get back to you|answer|pick (this|it) up|read)\b.{0,40}\b(when i'?m back|on my return|upon my return|when i return|when i get back|back at my desk|after my return)\b|\boffice is closed\b|\b(annual|parental|maternity|paternity) leave\b/,
      /\bje serai de retour\b|\ben mon absence\b|\bà mon retour\b|\bje suis (absente?|en (vacances|congé|déplacement))\b|\babsence du bureau\b/,
      /\bme encuentro (de vacaciones|fuera|de viaje|ausente)\b|\bestar[eé] (ausente|fuera|de vacaciones|de viaje)\b|\ba mi (vuelta|regreso)\b|\bregresar[eé] el\b/,
      /\bwieder im (büro|haus)\b|\bin meiner abwesenheit\b|\bauf dienstreise\b|\bnach meiner rückkehr\b|\bbin (ich )?(im urlaub|abwesend|nicht erreichbar)\b/,
      /\bmailbox is not monitored\b|\blimited access to (my )?e-?mail\b|\bno access to (my )?e-?mail\b/,
    ],
    hints: [/\b(vacation|holiday|leave|urlaub|congé|vacaciones|offsite|travell?ing)\b/, /\b(back|return(ing)?|wieder|retour|regreso)\b/, /\buntil\b|\btill\b|\bbis\b|\bjusqu|\bhasta\b/],
  },
  wrong_person: {
    strong: [
      /\bnot the (right|correct|best) (person|contact)\b|\bwrong (person|contact|guy|department|address)\b/,
      /\bno longer (with|at|work(ing)? (at|for|here))\b|\bleft the company\b|\bi retired\b|\bnot the decision maker\b/,
      /\bnot my (area|department|responsibility)\b|\bi'?m not (involved|responsible) (in|for)\b|\bi don'?t handle this\b/,
      /\bmy successor\b|\btook over\b|\btaken over my\b|\boutside (of )?my (remit|area|responsibilit)/,
      /\bnicht (mehr )?zuständig\b|\bnicht mehr im unternehmen\b|\barbeite nicht mehr\b|\bwenden sie sich an\b/,
      /\bpas la bonne personne\b|\badressez-vous à(?![\wà-ÿ])|\bne m'?occupe pas\b|\bvoyez avec\b|\bce n'est pas moi qui\b/,
      /\bno soy la persona\b|\bya no trabajo\b|\bno me encargo\b|\bhable con\b|\bcontacte a\b/,
      /\bnot (really |exactly |quite )?my (area|department|field|responsibility|job|remit|decision|call)\b|\bnot (anymore|any more|any longer) (in charge|responsible)\b|\bno longer (in charge|responsible)\b/,
      /\b(has|have) left (us|the company|the firm|the business)\b|\bleft (us|the company) (in|last|at)\b|\bis no longer (with us|employed|at|here)\b|\bnothing (at all )?to do with\b.{0,40}\b(decision|purchas|buying|software|budget)/,
      /\bne suis plus (en charge|responsable)\b|\b(mon|ma|my|mi) (successeur|successor|sucesor|nachfolger)\b|\b(moved|changed) (to|into) (another|a different|a new) (role|position|department|team)\b|\bnicht mehr bei uns\b|\bhat (das unternehmen|uns|die firma) verlassen\b|\bihre aufgaben hat\b|\bseine aufgaben hat\b/,
      /\ba quitté (l'entreprise|la société|nos effectifs|le groupe)\b|\bne fait plus partie\b|\bne travaille plus\b/,
      // Departures and redirections: "je ne suis plus chez Dupont SA", "bin nicht mehr bei", "ya no estoy en".
      /\b(je ne suis|il n'est|elle n'est) plus (chez|dans|à)\b|\bmerci de (contacter|vous adresser à|voir avec)\b|\b(ich bin|er ist|sie ist) nicht mehr (bei|in der|im)\b|\bya no (estoy|está|trabajo|trabaja) (en|con|para)\b|\bya no forma parte\b|\bi'?m no longer (at|with|in)\b/,
      /\bnot me\b.{0,15}\b(ask|try|contact|talk to|write to|email|reach)\b|\b(this|that|it) is (handled|managed|owned|decided) by\b|\b(kümmert sich|zuständig ist)\b|\bc'est .{0,30} qui (gère|s'occupe|décide)|\b(lo|la) (gestiona|lleva|maneja)\b|\bse encarga de (esto|este tema|eso)\b/,
      /\bya no (trabaja|está) (en|con)\b|\bno es mi (área|departamento|responsabilidad)\b|\bno soy (yo )?quien\b/,
    ],
    hints: [
      /\b(contact|talk to|reach out to|ask|write to|email|e-mail|loop in|ping|direct this to)\s+(\S+@|our |my colleague|him\b|her\b)|\bforwarded (your|this)\b|\bi'?ve (copied|cc'?d|looped in)\b/,
      /\byou (should|want|might want)\b/,
      /\bin (finance|procurement|payroll|marketing|hr)\b|\bi work in\b|\bi'?m (just )?an intern\b/,
    ],
  },
  meeting_request: {
    strong: [],
    hints: [
      /\b(call|meeting|meet|demo|walkthrough|walk .{0,20} through|zoom|teams call|video call|chat|phone|slot|calendar|invite|talk)\b/,
      /\b(schedule|book|set up|arrange|hop on|jump on|grab)\b/,
      /\b(termin|telefonat|telefonieren|treffen|gespräch)\b/,
      /\b(appel|rendez-vous|réunion|démo|s'appeler)\b/,
      /\b(llamada|reunión|videollamada|agendar)\b/,
      /\b(are you (free|available|around)|does .{0,30} work|works for me|would suit|how about|what about|when can we)\b/,
      // A proposed time: a clock time, and a day.
      /\b\d{1,2}[:.h]\d{2}\b|\b\d{1,2} ?(am|pm|uhr|h)\b|\blas \d{1,2}\b|\b(mon|tues?|wed|thu|thurs|fri)\w*( or \w+)? (am|pm)\b|\b(morning|afternoon|vormittags?|nachmittags?|matin|après-midi|por la (tarde|mañana))(?![\wà-ÿ])/,
      /\b\d{1,2}(st|nd|rd|th|\.)? ?(de )?(jan|feb|mär|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|dez|dec|janv|févr|avr|juil|déc|ene|abr|ago|dic)\w*|\b(vereinbaren|fixer un (rendez-vous|créneau)|agendar|hueco|diary|in my calendar)\b/,
      /\b(mon|tues?|wed|thu|thurs|fri)(day)?\b|\b(tomorrow|next week|this week|morgen|nächste woche|montag|dienstag|mittwoch|donnerstag|freitag|demain|semaine prochaine|lundi|mardi|mercredi|jeudi|vendredi|mañana|próxima semana|semana que viene|lunes|martes|miércoles|jueves|viernes)\b/,
    ],
  },
  question: {
    strong: [],
    hints: [
      /\?/,
      /\b(asked|wondering|want(s|ed)? to know|would like to know|need to know|clarify) (whether|if|how|what|where|when|which)\b|\bje me demande si\b|\bje voudrais savoir\b|\bquer[ií]a saber\b|\bme gustar[ií]a saber\b|\bich frage mich\b|\bwüsste gern\b|\bmöchte wissen\b/,
      /^\s*(does|do|is|are|can|could|how|what|which|where|who|will|quick question)\b/m,
      /\b(integrat|api|support|export|sso|gdpr|hosted|pricing work|plan|limit|permission|training)\b/,
      /\b(gibt es|funktioniert|wie|was kostet|wo werden|kann man|können wir|ist es möglich)\b|\b(est-ce|quels?|quelle|combien|comment|faut-il|peut-on|y a-t-il)\b|¿|\b(cuánto|dónde|tiene|se puede|cómo|hay)\b/,
    ],
  },
  objection: {
    strong: [],
    hints: [
      /\btoo (expensive|pricey|costly|long)\b|\bover (our )?budget\b|\babove our budget\b|\bbudget is\b|\bcan'?t afford\b|\bdealbreaker\b/,
      /\balready (use|have|using|on|signed|covers)\b|\bwe'?re on\b|\blocked into\b|\bcontract with\b|\bsigned (with|a)\b|\bjust signed\b/,
      /\b(switch|switching|migrat\w*|implementation|rollout|adopt\w*)\b/,
      /\b(concern|worried|not convinced|not sure|value|cheaper|better deal|half the price|competitor)\b/,
      /\b(above what we|cannot justify|can'?t justify|too high|risk|procurement policy|minimum term)\b|\bzu hoch\b|\btrop élevé|\bdemasiado alto\b|\brenouvel\w* (notre|le) contrat\b/,
      CONTRAST,
      /\bzu teuer\b|\bbudget\b|\bbereits\b|\bwechsel\b|\btrop cher\b|\bdéjà(?![\wà-ÿ])|\bdemasiado caro\b|\bya (usamos|tenemos)\b|(?<!(env[ií]e(me|nos)?|m[aá]nde(me|nos)?|enviar|mandar|pedir) (el |un |su )?)\bpresupuesto\b|\bmigrar\b/,
      /\b(price|cost|fee|licen[cs]e|rate)s? (is|are|seems?) (too|very|quite|a bit|rather|way) (high|much|steep|expensive)\b|\btoo much (for|money)\b|\b(concern|problem|issue|worry|sticking point) is\b|\bme preocupa\b|\b(bit|too|a little|quite|rather) (steep|pricey|dear)\b|\bbedenken\b|\bau-dessus de (notre|nos)\b|\b(hesitation|hesitant|reluctant|reservations|on the high side)\b|\bcar[ií]simo\b|\b(muy|sale|salen) car[oa]s?\b|\bnos parece caro\b|\bnicht akzeptieren\b|\btied (in)?to\b|\bunder contract\b|\bel problema es\b|\ble problème (c'est|est)\b|\bdas problem ist\b|\bya pagamos\b|\bdifficile de changer\b|\bpreocupa\b|\bnous inquiète\b/,
      /[$€£]\s?\d|\d\s?(€|eur|euro|usd|dollars?)\b/,
    ],
  },
  not_interested: {
    strong: [],
    hints: [
      /\bnot interested\b|\bno interest\b|\bnot (a fit|for us|relevant|a priority|right now)\b|\bno thank(s| you)\b|\bnah\b|\bwe'?ll pass\b|\bpass\b/,
      /\bdecided (not to|against)\b|\bnot something we\b|\bwill not be (investing|moving|proceeding|pursuing)\b|\bhemos decidido no\b|\bno continuar\b|\bpasst nicht\b|\bne correspond pas\b|\bno (nos )?encaja\b/,
      /\b(decline|different direction|another vendor|someone else|other priorities|no need|no budget|not looking|not going to move|answer is no|don'?t need)\b/,
      /\bnot (searching|looking|in the market|shopping)\b|\bmaybe (in (the )?future|later|next year)\b|\bnot (for )?now\b|\b(keep|stick with|stay with) (things|what we have|our current)\b|\bnot (a |our )?priority\b|\bznegated\b|\bnot something (we|the \w+|our \w+)\b|\bnicht das richtige\b|\bquedarnos con\b|\bnot for us\b|\bpor ahora (pasamos|no)\b|\bpasamos\b(?! (a|por|el|la|los|las))/,
      /\bnot (matching|match|meet(ing)?|fit(ting)?) our (needs|requirements)\b|\bnope\b|\ball good,? thanks?\b|\bhappy with (our|what we|the current|how)\b|\bdon'?t see (a |the |any )?(reason|need)\b|\b(nichts|nix) für uns\b|\bfür uns nichts\b|\bpas pour nous\b|\bdonner suite\b|\bno es para nosotros\b|\bde momento no\b|\bbut no\b(?! (one|later|more|rush))|\bbrauchen (wir|das) nicht\b|\bno lo (vemos|consideramos) necesario\b|\bn'en avons pas besoin\b|\bwe don'?t need (it|this)\b/,
      /\bpas (une|la|notre) priorité(?![\wà-ÿ])|\bpas pour (le moment|l'instant|nous)\b|\bne cherchons pas\b|\bpas besoin\b|\bno (estamos|buscamos) buscando\b|\bno estamos buscando\b|\bno (es|son) (una )?prioridad\b|\bpreferimos no\b|\bahora (mismo )?no\b|\bderzeit nicht\b|\bkein thema\b|\bf(ü|ue)r eine andere (lösung|software|anbieter)/,
      /\bkeine[nm]? (interesse|bedarf)\b|\bandere lösung\b|\bbrauchen so etwas nicht\b|\bnein danke\b/,
      /\bne (nous )?intéresse pas\b|\bpas intéressé|\bautre solution\b|\bnon merci\b/,
      /\bno (nos )?interesa\b|\bno es para nosotros\b|\bno gracias\b|\bno lo necesitamos\b/,
    ],
  },
  interested: {
    strong: [],
    hints: [
      /(?<!not |no |nicht |pas )\binterest(ed|ing)\b|\binteressiert\b|\bintéress(é|ant)|\binteresa(do|dos)?\b(?<!no nos interesa)/,
      /\bsend (me |us |over )?(more|the|a|whatever)? ?(details|info|information|proposal|quote|contract|paperwork|brochure|pricing|login)/,
      /\b(sign (us|me) up|move forward|go ahead|proceed|next steps?|order form|seguir adelante|einführen|get (started|going)|trial|pilot|count us in|roll(ing)? this out|we'?d buy|sold|love it|keen)\b/,
      /\b(want|wanna|would like|'d like|wish) (to )?(buy|purchase|order|sign|subscribe|start|go ahead|proceed|get started)\b|\binvoice\b|\b(get|give|set) (us|me) (up|access|started|going|a login|logins)\b|\b(ok|okay|good|fine) (for|with) us\b|\bwe'?re in\b|\bpaperwork\b|\b(send|share|raise|forward)\b.{0,30}\bagreement\b|\b(green light|luz verde|feu vert|grünes licht)\b|\bun go\b|\b(link|lien|enlace) de (pago|paiement)\b|\bpayment link\b|\bbudget (got |has been |was |is )?approved\b/,
      /\b(vertrag|angebot|auftrag|unterlagen)\b.{0,20}\b(schicken|senden|zusenden)\b|\bschicken sie (mir|uns)\b|\bklingt gut\b|\bmachen wir\b|\bwir sind dabei\b|\brichten sie (uns|mir)\b|\bmöchten\b.{0,40}\b(einsetzen|testen|nutzen|bestellen|kaufen)\b/,
      /\b(m'|nous )envoyer\b.{0,30}\b(proposition|devis|contrat|entente|offre|tarifs?|conditions|bon de commande)|\benvoyez-(moi|nous)\b|\bpartants?\b|\bnous (souhaitons|voulons|aimerions) (tester|démarrer|commencer|souscrire|signer|avancer)\b/,
      /\b(what|anything else) (do|would) you need from (us|me)\b|\bwhat( \w+)? do you need\b|\b(how|what) (do|should|can) we (start|begin|proceed|get started|sign|pay)\b|\bhow we (start|begin|proceed|sign|pay)\b|\bmarche à suivre\b|\bwie geht es (jetzt |nun )?weiter\b|\bc[oó]mo (seguimos|procedemos)\b|\bcomment (on )?(procède|procéder|avancer)\b|\bwas brauchen sie\b|\bqu[eé]( \S+)? necesita(s|n)?\b|\blet'?s (do it|go|go for it)\b|\b(a yes|say yes|said yes|says yes)\b|\bgo for it\b|\bc'est validé\b|\bon signe\b|\btout est bon\b|\bpréparer le contrat\b|\bc'est bon pour nous\b|\b(nos|me) (mandas|mandáis|manda|envías|envía|pasas)\b/,
      /\benv[ií]e(me|nos)\b|\bm[aá]nde(me|nos)\b|\bqueremos (contratar|empezar|arrancar|probar|comprar|avanzar|firmar)|\blo firmamos\b|\bnos (ha )?gustado\b/,
      /\b(angebot|unterlagen|starten|ausprobieren|weitere informationen)\b|\b(proposition|démarrer|essai|tarifs)\b|\b(propuesta|avanzar|prueba|más información)\b/,
    ],
  },
};

/** A sender that is a mail system, not a person (bounces come from these). */
export const MAIL_SYSTEM_SENDER = /\b(mailer-daemon|postmaster|mail delivery (subsystem|system)|mail-daemon|microsoft outlook <postmaster)|<microsoftexchange[0-9a-f]{16,}@/i;

/**
 * The sender's own subject marks an automatic reply ("Automatic reply: …", "Abwesenheitsnotiz:",
 * "Réponse automatique :", "Respuesta automática:", "Out of office:"): a machine wrote it, so it
 * asks nobody to stop — it is an absence, or a departure notice (wrong person).
 */
export const AUTO_REPLY_SUBJECT = /^\s*(automatic reply|auto-?reply|autoreply|out of (the )?office|ooo|abwesenheitsnotiz|automatische antwort|abwesend|réponse automatique|absence|respuesta automática|fuera de la oficina|risposta automatica)\b/i;

/**
 * A notice that the addressee has left (in an auto-reply or from a colleague): the reply names
 * someone else, so it is a wrong-person reply even when it reads like an absence.
 */
export const DEPARTED = /\b(is|am|are) no longer (with|at|employed|working|part of)\b|\bno longer works? (at|for|with|here)\b|\bhas left (us|the company|the firm|the business|the organi[sz]ation|\w+ \w+( \w+)?( and|\.|,))|\bleft the company\b|\bne fait plus partie\b|\ba quitté (l'entreprise|la société|nos effectifs|le groupe|\w+)\b|\bne travaille plus\b|\bnicht mehr (für|bei|im)\b.{0,60}\b(tätig|beschäftigt|unternehmen|haus)\b|\b(hat|haben) (das unternehmen|uns|die firma|unser haus)\b.{0,20}\bverlassen\b|\bya no (trabaja|forma parte|está con|pertenece)\b|\bdejó (la empresa|la compañía|de trabajar)\b/;

/** Words that make a reply urgent (urgency +1). */
export const URGENT = /\b(urgent|asap|as soon as possible|today|right away|immediately|dringend|sofort|heute|urgente|aujourd'hui|hoy|lo antes posible)\b/i;
/** Words of an angry reply (sentiment negative). */
export const ANGRY = /\b(spam|report you|harass|annoying|third (email|time)|asked before|stop contacting|unacceptable|ridiculous)\b|!!+/i;

/**
 * A reply about the deal itself (the quote, the contract, an add-on, seats): "remove the SSO
 * add-on from the quote" is a business request, so the model may not turn it into a request to
 * stop — only the unsubscribe rules can (and a weak sign of one is still flagged).
 */
export const BUSINESS_TALK = /\b(quote|quotation|proposal|contract|order form|invoice|offer|add-?on|licen[cs]es?|seats?|angebot|vertrag|rechnung|lizenz\w*|devis|contrat|facture|licences?|presupuesto|contrato|factura|propuesta|licencias?)\b/;
