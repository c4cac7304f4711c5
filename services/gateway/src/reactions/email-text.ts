import { REPLY_TEXT_MAX } from "@gardenos/contracts";

/**
 * A reply's text when the classification result does not carry it (a result of an older agent):
 * the body with whitespace folded, clipped. The classifier strips quotes and signatures itself and
 * sends its reading in `result.reply.text`; the gateway keeps no copy of that logic.
 */
export function foldText(body: string, max = REPLY_TEXT_MAX): string {
  const text = body.slice(0, max * 2).replace(/[ \t]+/g, " ").replace(/\n{3,}/g, "\n\n").trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The bare address of `Name <a@b.c>` or `a@b.c`, lower case. */
export function addressOf(from: string | undefined): string | undefined {
  if (!from) return undefined;
  const m = /<([^<>\s]+@[^<>\s]+)>/.exec(from) ?? /([^\s<>,;"]+@[^\s<>,;"]+)/.exec(from);
  return m?.[1]?.toLowerCase();
}
