/**
 * Where an e-mail's own text ends: the lines that open a quoted earlier message and those that
 * open a signature, in English, German, French and Spanish. Data only; prepare.ts reads them.
 */

/** A line that introduces the quoted message ("On Tue, 3 Mar 2026, Ana wrote:" …). */
export const QUOTE_HEADERS: readonly RegExp[] = [
  /^\s*On\b.{0,300}\bwrote:\s*$/i,
  /^\s*Am\b.{0,300}\bschrieb\b.{0,200}:?\s*$/i,
  /^\s*Le\b.{0,300}\ba écrit\s*:?\s*$/i,
  /^\s*El\b.{0,300}\bescribió\s*:?\s*$/i,
  /^\s*-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Forwarded message|Weitergeleitete Nachricht)\s*-{2,}\s*$/i,
  /^\s*_{10,}\s*$/,
  /^\s*Begin forwarded message:\s*$/i,
];

/**
 * An Outlook header block: "From:" (or its translation) followed within three lines by "Sent:",
 * "Date:" or "Subject:". The first line of such a block opens the quoted message.
 */
export const OUTLOOK_FROM = /^\s*\**(From|Von|De|Expéditeur)\s*:\**\s*\S/i;
export const OUTLOOK_NEXT = /^\s*\**(Sent|Date|Datum|Gesendet|Envoyé|Enviado|Fecha|Subject|Betreff|Objet|Asunto|To|An|À|Para)\s*:/i;

/** A line that opens a signature: everything after it is dropped. */
export const SIGNATURE_OPENERS: readonly RegExp[] = [
  /^-- ?$/,
  /^\s*(Sent from my (iPhone|iPad|Android|mobile device|Galaxy|BlackBerry)|Get Outlook for (iOS|Android)|Sent from Mail for Windows|Sent with Proton Mail)\b/i,
  /^\s*(Von meinem (iPhone|iPad|Smartphone|Handy) gesendet|Gesendet von meinem (iPhone|iPad|Smartphone))\b/i,
  /^\s*(Envoyé de mon (iPhone|iPad|smartphone)|Envoyé depuis mon (iPhone|iPad|smartphone))\b/i,
  /^\s*(Enviado desde mi (iPhone|iPad|móvil|celular|smartphone))\b/i,
  // Legal disclaimers under a signature.
  /^\s*\**(CONFIDENTIALITY NOTICE|DISCLAIMER|IMPORTANT NOTICE|Vertraulichkeitshinweis|AVIS DE CONFIDENTIALITÉ|AVISO DE CONFIDENCIALIDAD|AVISO LEGAL)\b/i,
  /^\s*(This (e-?mail|message|communication)( and any (attachments|files)[^.]{0,40})? (is|are|may be|contains?) (confidential|privileged|intended))/i,
  /^\s*(Diese (E-Mail|Nachricht) (enthält|kann) vertrauliche|Ce (message|courriel|mail)( et (ses|toutes les) pièces jointes)? (est|sont) (confidentiel|strictement)|Este (mensaje|correo)( y sus (anexos|adjuntos))? (es|son|contiene) (confidencial|información confidencial))/i,
];

/**
 * Sign-offs: a short line like these near the end starts the signature (name, title, phone …).
 * Only when nothing but short lines follow it, so a sign-off inside the text keeps the text.
 */
export const SIGN_OFFS: readonly RegExp[] = [
  /^\s*(best|kind|warm|many)?\s*(regards|wishes)\s*,?\s*$/i,
  /^\s*(best|thanks|thank you|many thanks|thx|cheers|sincerely|yours( truly| sincerely)?|all the best|talk soon|br)\s*[,.!]?\s*$/i,
  /^\s*(mit freundlichen grüßen|mit freundlichem gruß|viele grüße|beste grüße|liebe grüße|freundliche grüße|grüße|lg|mfg|vg|danke( und grüße)?)\s*,?\s*$/i,
  /^\s*(cordialement|bien cordialement|bien à vous|salutations|merci( d'avance| beaucoup)?|bonne journée|amicalement|à bientôt)\s*[,.!]?\s*$/i,
  /^\s*(saludos( cordiales)?|un saludo|atentamente|gracias|muchas gracias|un abrazo|cordialmente)\s*[,.!]?\s*$/i,
];

/** Longest line (characters) that counts as part of a signature block after a sign-off. */
export const SIGNATURE_LINE_MAX = 80;
/** Most lines a signature block after a sign-off may have. */
export const SIGNATURE_LINES_MAX = 8;

/** A greeting line at the top ("Hi Max,", "Sehr geehrte Damen und Herren,"): not part of what the e-mail says. */
export const GREETING = /^\s*(hi|hello|hey|dear|good (morning|afternoon|evening)|greetings|hallo|guten (tag|morgen)|sehr geehrte|liebe[rs]?|moin|servus|bonjour|bonsoir|salut|cher|chère|madame|monsieur|hola|estimad[oa]s?|buenos días|buenas( tardes)?)\b[^.!?\n]{0,60}[,:!]?\s*$|^\s*[A-ZÀ-Ý][a-zà-ÿ]+( [A-ZÀ-Ý][a-zà-ÿ]+)?,\s*$/i;
