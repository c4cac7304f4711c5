/**
 * Requests to stop e-mails, en/de/fr/es. `UNSUB_STRONG` decides alone and before every other rule
 * (a request to stop must never be missed); `UNSUB_HINTS` only flag a result for a person.
 */

export const UNSUB_STRONG: readonly RegExp[] = [
  /^\W*((please|pls|plz|kindly) )?(stop|unsubscribe|remove( me)?|opt[- ]?out|abmelden|austragen|baja|désabonner|desuscribir)( (please|pls|plz|now|thanks|thx|danke|merci|gracias))?\W*$/m,
  /\bunsubscrib/,
  /\bopt (me )?out\b|\bopt-out\b/,
  /\b(remove|take|get) (me|us|my (e-?mail|address|name|contact))\b.{0,40}\b(list|database|distribution|mailing|from (your|this))/,
  /\bremov(e|ed|ing) (me|us)\b/,
  /\bremov(e|ed|al|ing)\b.{0,60}\b(list|lists|database|mailing|distribution|register)\b/,
  /\bno longer (send|e-?mail|email|contact|write|message)\b/,
  /\b(stop|cease) (processing|using) my (data|details|contact|personal|e-?mail|address)/,
  /\bobject to (the )?(processing|use) of my\b/,
  /\b(stop|quit|cease) (e-?mailing|sending|contacting|writing|messaging|spamming)\b/,
  /\bstop (the|these|your) (e-?mails|emails|mails|messages)\b/,
  /\b(no|any) (more|further) (e-?mails|emails|mails|messages)\b(?! from (anyone|them))/,
  /\bdon'?t (contact|e-?mail|email|write to|message) (me|us) (again|anymore|any more)\b/,
  /\bdo not (contact|e-?mail|email|write to) (me|us)\b/,
  /\bcease all communication/,
  /\bget off your (mailing )?list\b/,
  /\b(delete|erase) my (contact|data|details|personal data|address)\b/,
  /\bdon'?t want to receive any (further|more)\b/,
  // German
  /\baus (ihrem|dem|eurem) verteiler\b/,
  /\b(abmelden|austragen)\b/,
  /\b(nicht|keine) mehr (schreiben|anschreiben|kontaktieren|zusenden|e-?mails|mails)\b|\bschreiben sie mir nicht mehr\b/,
  /\bkeine (weiteren )?(e-?mails|mails|nachrichten|zusendungen)\b/,
  /\bwiderspreche\b|\bwiderspruch gegen\b/,
  // French
  /\bdésabonn|\bdésinscri|\bdesabonn/,
  /\bretirer de (votre|la|vos) liste/,
  /\bne (plus|veux plus) recevoir\b|\bne plus recevoir\b/,
  /\barrêtez de m'?envoyer\b|\bne m'?écrivez plus\b|\bcesser tout envoi\b/,
  // Spanish
  // More ways to say it (en): "take me off", "I'd rather not get any more", a GDPR objection, erasure.
  /\btake (me|us|my (name|e-?mail|address|details)) off\b/,
  /\b(don'?t|do not|doesn'?t|no longer) (want|wish|like)( to)? (to )?(receive|get|have)\b.{0,40}\b(e-?mails|emails|mails|messages|newsletters?|these|them|anymore|any more)\b/,
  /\b(rather|prefer to) not (get|receive|hear)\b.{0,30}\b(any more|anymore|more|further|again)\b/,
  /\b(delete|erase|remove|purge) (all )?(of )?my (contact|data|details|personal|information|info|e-?mail|address|name)\b/,
  /\b(article|art\.?) ?21\b|\bright to (object|erasure|be forgotten)\b|\bwithdraw (my )?consent\b|\bobject to (the )?(processing|use|direct marketing)\b/,
  /\b(never|don'?t|do not) (e-?mail|email|contact|write to|message) (me|us) again\b|\bleave me alone\b/,
  /\bstop (all )?(e-?mails?|emails?|mails?|messages|contact(ing)?)\b(?! (from|to) (anyone|them|him|her))|^\W*(please )?stop\W*$/m,
  /\b(no|any) (more|further) (of (these|them|your)|contact|marketing|newsletters?)\b/,
  // A negated contact verb aimed at the future: "kindly do not send me such emails in future".
  /\b(do not|don'?t|never|no longer)( \w+)? (send|e-?mail|email|write( to)?|contact|mail|message|reach out to|bother) (me|us)\b.{0,40}\b(again|anymore|any more|in (the )?future|such|these|those|further|e-?mails?|emails?|messages?)\b/,
  /\b(not|don'?t|do not|doesn'?t|no longer) (want|wish|like)(ing)? to (receive|get)\b.{0,40}\b(e-?mails|emails|mails|messages|these|them|anymore|any more)\b/,
  /\b(last|final) (e-?mail|email|message|mail)\b.{0,30}\b(from you|you send|you'?ll send|i (get|got|receive))\b/,
  // German: "löschen Sie meine Daten", "nehmen Sie mich aus/von", "abbestellen", "keine Werbung", Art. 21 DSGVO.
  /\bl(ö|oe)schen sie (bitte )?(meine|unsere) (daten|kontaktdaten|adresse|e-?mail|angaben)\b|\bmeine (daten|kontaktdaten|e-?mail-?adresse|adresse) (bitte )?(l(ö|oe)schen|entfernen)\b/,
  /\bnehmen sie (mich|uns) (bitte )?(aus|von)\b|\b(aus|von) (ihrer|der|eurer) (liste|mailingliste|datenbank)\b/,
  /\babbestell|\bkeine (weitere )?werbung\b|\bkontaktieren sie (mich|uns) nicht\b|\bnicht (mehr|weiter) (kontaktiert|angeschrieben|angemailt)\b|\bmöchte(n)? keine\b.{0,30}\bmehr\b/,
  /\b(streichen|entfernen|nehmen|löschen|tragen) sie (mich|uns|meine \w+)\b.{0,30}\b(aus|von)\b|\b(aus|von) (ihrer|ihrem|der|dem|eurer|eurem) \w*(liste|verteiler|datenbank|kartei)\b/,
  // A removal verb near a list (fr/es/de; English above): "retirer mon adresse de votre liste d'envoi".
  /\b(retir|supprim|enlev|effac|ray)(er|ez)\b.{0,40}\b(liste|fichier|base de données|listes)\b|\b(sac|quit|borr|elimin)(ar|en|e)(me|nos)?\b.{0,40}\b(lista|listas|base de datos|listado)\b|\b(streichen|entfernen|löschen|austragen|nehmen)\b.{0,40}\b\w*(liste|verteiler|datenbank|kartei)\b/,
  // A stop or negation, a sending verb, and mail as its object, in four languages: "not send any
  // further promotional mails", "cesser de m'envoyer ces courriels", "dejen de mandarme correos".
  /\b(not|never|no longer|stop|cease|cesser de|arrêter de|arrêtez de|dejen de|deje de|dejar de|aufhören)\b.{0,20}\b(send|sending|e-?mail|mail|write|contact|envoyer|m'envoyer|nous envoyer|écrire|contacter|enviar|mandar|escribir|schicken|senden)\w*\b.{0,40}\b(e-?mails?|mails?|messages?|courriels?|correos?|nachrichten|newsletters?|promotional|marketing|werbe\w*)\b/,
  /\bunsub\b|\bkeine (weiteren )?\w*(e-?mails?|mails|nachrichten|zusendungen|newsletter|werbung)\b/,
  // German verb-first order: "schreiben Sie mir bitte nicht mehr", "schicken Sie uns keine E-Mails mehr".
  /\b(schreiben|schicken|senden|mailen|kontaktieren|anschreiben) sie (mir|uns|mich)( \S+){0,3} (nicht mehr|keine( \S+){1,2} mehr|nie wieder)\b/,
  /\b(nicht mehr|nie wieder)( \w+){0,3} (schreiben|schicken|senden|kontaktieren|anschreiben|anmailen|mailen)\b/,
  /\bwiderrufe\b|\bart\.? ?21 dsgvo\b/,
  // French: "ne plus me contacter", "supprimer mes coordonnées", "retirez-moi", "je m'oppose".
  /\bne (plus|pas) me (contacter|recontacter|solliciter|écrire)\b|\bne me (contactez|sollicitez|écrivez|relancez) plus\b|\bne plus (être )?(contacté|sollicité)/,
  /\bsupprim(er|ez) (mes|nos) (coordonnées|données|informations|adresse)|\bretirez[- ](moi|nous)\b|\bme retirer de\b|\bm'?enlever de\b/,
  /\bje m'?oppose\b|\bdroit d'?opposition\b|\bne (souhaite|veux|désire) (plus|pas) recevoir\b|\bstop (aux )?(mails|e-?mails|messages|sollicitations)\b/,
  // Spanish: "darme de baja", "borren mis datos", "no me escriban más", "me opongo".
  /\b(dar(me|nos)|denme|d[eé]nme) de baja\b|\b(borr|elimin|suprim)(en|ar|e|a)n? (todos )?mis datos\b/,
  /\bno (me|nos) (sigan|vuelvan a) (escribi|contacta|envia|mandar)|\bno (me|nos) (escriban|contacten|manden|envíen|envien) m[aá]s\b|\bdejen de (contactar|mandar)/,
  /\bno (vuelva|vuelvan|volver) a (escribi|contacta|envia|manda)|\b(nunca|no) m[aá]s (me |nos )?(escriban|escriba|contacten|env[ií]en|manden)\b|\bno (me|nos) (escriba|escriban|contacte|contacten)\b.{0,30}\b(m[aá]s|esta direcci[oó]n|de nuevo|otra vez)/,
  /\bne (m'|nous )?(écrivez|envoyez|contactez|relancez|sollicitez)( plus| jamais)|\bplus jamais\b.{0,30}\b(mail|message|écrire|contacter)/,
  /\bme opongo al tratamiento\b|\bno (quiero|deseo) recibir\b|\bs[aá]quen(me|nos) de\b|\bquit(en|ar)(me|nos) de (la|su|sus) lista/,
  /\bde baja\b(?! (m[eé]dica|por (enfermedad|maternidad|paternidad)|laboral))|^\W*baja\W*$/m,
  /\belim[ií]n(en|e)(me|nos) de\b/,
  /\bno (me|nos) env[ií]en m[aá]s\b|\bno quiero recibir m[aá]s\b|\bdejen de (enviar|escribir)/,
];

/** Weak signs of a request to stop: flag, never decide. */
export const UNSUB_HINTS: readonly RegExp[] = [
      /\bspam\b|\bgdpr\b|\bdsgvo\b|\brgpd\b|\bnever signed up\b|\bconsent\b|\beinwilligung\b/,
      /\b(mailing|marketing|distribution|e-?mail) (list|lists|emails|messages)\b|\bverteiler\b|\bliste de diffusion\b|\blista de correo\b/,
      /\b(these|your) (e-?mails|emails|messages|mails)\b.{0,40}\b(stop|no more|enough|anymore|unwanted)\b|\bto this address\b|\bmy (e-?mail )?address\b.{0,40}\b(delete|remove|erase)/,
];
