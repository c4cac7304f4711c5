/**
 * The reply's own text for a follow-up's context: quoted earlier messages and the signature cut
 * off, HTML read as text, whitespace folded. (The classifier strips the same way for itself; the
 * gateway cannot import an agent's code, so this is a small copy of the common markers.)
 */
const QUOTE_START = [
  /^\s*On .{3,200} wrote:\s*$/im,
  /^\s*Am .{3,200} schrieb .{0,200}:\s*$/im,
  /^\s*Le .{3,200} a écrit\s*:\s*$/im,
  /^\s*El .{3,200} escribió\s*:\s*$/im,
  /^\s*-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original)\s*-{2,}/im,
  /^\s*From:\s.+$/im,
  /^\s*Von:\s.+$/im,
  /^\s*De\s?:\s.+$/im,
  /^>/m,
  /^-- ?$/m,
];

export function replyText(body: string, max = 3000): string {
  let text = body.length > 200_000 ? body.slice(0, 200_000) : body;
  if (/<[a-z][\s\S]*>/i.test(text)) {
    text = text
      .replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ")
      .replace(/<br\s*\/?>|<\/p>|<\/div>/gi, "\n")
      .replace(/<[^>]+>/g, " ")
      .replace(/&nbsp;/g, " ")
      .replace(/&amp;/g, "&")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">");
  }
  let cut = text.length;
  for (const re of QUOTE_START) {
    const m = re.exec(text);
    if (m && m.index > 0 && m.index < cut) cut = m.index;
  }
  const own = text.slice(0, cut).replace(/[ \t]+/g, " ").replace(/ +([.,;:!?])/g, "$1").replace(/\n{3,}/g, "\n\n").trim();
  return own.length > max ? `${own.slice(0, max - 1)}…` : own;
}

/** The bare address of `Name <a@b.c>` or `a@b.c`, lower case. */
export function addressOf(from: string | undefined): string | undefined {
  if (!from) return undefined;
  const m = /<([^<>\s]+@[^<>\s]+)>/.exec(from) ?? /([^\s<>,;"]+@[^\s<>,;"]+)/.exec(from);
  return m?.[1]?.toLowerCase();
}
