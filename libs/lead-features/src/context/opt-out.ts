/**
 * Whether a salesperson's note (or the lead's notes) says the contact asked not to be e-mailed:
 * "asked to be removed from our list", "unsubscribed", "opted out", "said to stop emailing her",
 * a quoted "please remove me from your list", and the same in German, French and Spanish. A writer
 * must then write nothing, whatever the CRM's `do_not_email` flag says. Negated mentions ("did not
 * unsubscribe") and other people's lists ("unsubscribed from a competitor's newsletter") are no
 * request. Reply e-mails are read by the email-classification agent's own, stricter rules.
 */
const STOP: readonly RegExp[] = [
  // The contact's own words, quoted or paraphrased.
  /\b(?:remove|take) (?:me|us|her|him|them)\b.{0,30}\b(?:list|lists|database|mailing|distribution|off)\b/,
  /\b(?:asked|asks|wants?|requested|wishes) (?:us )?to (?:be )?remov(?:e|ed)\b(?! (?:the|a|an|all|old|duplicate)\b)/,
  /\bremov(?:e|ed|al of) (?:his|her|their|my) (?:e-?mail|address|contact|details|data|name)\b/,
  /\b(?:replied|answered|wrote|said|texted|responded)(?: with)?\s+["'“]?stop\b/,
  /\b(?:stop|cease|quit) (?:e-?mailing|sending|contacting|writing|messaging)\b/,
  /\bstop (?:the|these|our|your|all) (?:e-?mails|mails|messages|emails)\b/,
  /\b(?:no|any) (?:more|further) (?:e-?mails|emails|mails|messages|contact)\b/,
  /\bdo(?:n'?t| not) (?:contact|e-?mail|email|write to|message) (?:me|us|her|him|them)\b/,
  /\b(?:doesn'?t|does not|don'?t|do not|no longer) (?:want|wish)(?: to)? (?:be )?(?:receive|get|contacted|e-?mailed|emailed|hear)\b/,
  /\bnot to (?:be )?(?:contacted|e-?mailed|emailed|email|contact)\b/,
  /\b(?:unsubscrib(?:e|ed|es|ing)|opt(?:ed|s)? ?-?out|opt-out)\b/,
  /^\W*(?:please |pls )?(?:stop|unsubscribe|remove me)\W*$/,
  // German
  /\b(?:abgemeldet|ausgetragen|abmelden|austragen)\b/,
  /\b(?:keine|nicht mehr) (?:weiteren )?(?:e-?mails|mails|nachrichten|kontakt(?:aufnahme)?|anschreiben|kontaktieren|schreiben)\b/,
  /\baus (?:dem|unserem|ihrem) verteiler\b/,
  /\bwiderspr(?:uch|icht|ochen)\b/,
  // French
  /\b(?:désabonn|désinscri|desabonn|desinscri)/,
  /\bne (?:souhaite|veut) plus (?:être contacté|être contactée|recevoir|de (?:mails|e-mails|messages))/,
  /\bretir(?:er|é|ée) de (?:la|nos|notre|vos|votre) (?:liste|fichier|base)/,
  /\bne plus (?:le|la|les|l')?(?:contacter|relancer|écrire)\b/,
  // Spanish
  /\b(?:se dio de baja|darse de baja|dar de baja|de baja de)\b/,
  /\bno (?:quiere|desea) (?:recibir|que le (?:escribamos|contactemos)|ser contactad[oa]|más (?:correos|mensajes|emails))/,
  /\b(?:eliminar|borrar|quitar)(?:l[oa])? de (?:la|nuestra|su) (?:lista|base)/,
  /\bno (?:volver a )?(?:contactar|escribir)(?:le|la|lo)?\b(?! hasta)/,
];

/** Words before a match that undo it ("did not unsubscribe", "never opted out"). */
const NEGATED = /\b(?:not|never|didn'?t|hasn'?t|haven'?t|nicht|nie|pas|jamais|nunca)\s+(?:\w+\s+){0,1}$/;
/**
 * Another sender's mail, not ours ("unsubscribed from a competitor's newsletter"), or only the
 * newsletter ("unsubscribed from the newsletter, now asked for a demo": a list, not personal e-mail).
 */
const ELSEWHERE = /^[^.;,!?\n]{0,40}\b(?:their|competitor'?s?|other vendors?'?|another vendor'?s?|(?:hubspot|salesforce|pipedrive|zoho)'s|newsletters?|webinar invit\w*|event invit\w*)\b/;

export function asksNotToBeEmailed(text: string | undefined): boolean {
  if (!text) return false;
  const t = text.toLowerCase().normalize("NFC");
  for (const re of STOP) {
    const m = re.exec(t);
    if (!m) continue;
    if (NEGATED.test(t.slice(Math.max(0, m.index - 30), m.index))) continue;
    if (ELSEWHERE.test(t.slice(m.index + m[0].length))) continue;
    return true;
  }
  return false;
}
