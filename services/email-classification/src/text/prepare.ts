import { createRequire } from "node:module";
import type * as HtmlToText from "html-to-text";
import { GREETING, OUTLOOK_FROM, OUTLOOK_NEXT, QUOTE_HEADERS, SIGNATURE_LINES_MAX, SIGNATURE_LINE_MAX, SIGNATURE_OPENERS, SIGN_OFFS } from "../data/markers.js";

/** The e-mail's own text, and what was removed to get it. */
export interface PreparedText {
  /** The sender's own words: no quoted messages, no signature, no markup. */
  text: string;
  /** The body was HTML (converted to text). */
  html: boolean;
  /** A quoted earlier message was cut off. */
  quoted: boolean;
  /** A signature was cut off. */
  signature: boolean;
}

/** Characters of the body that are read at all: a reply says what it means in its first screens. */
export const READ_CHARS = 20_000;

const HTML_HINT = /<(html|body|div|p|br|table|span|font|blockquote)\b[^>]*>/i;

let converter: typeof HtmlToText.convert | undefined;
/**
 * html-to-text, loaded at the first HTML e-mail rather than at start: with the HTML and CSS-selector
 * parsers it brings it costs ≈ 7 MB of RSS, which a service that never sees HTML need not carry
 * (bench/README.md, Memory). `require` because the conversion is synchronous; it is left out of
 * the service's bundle and loaded from node_modules.
 */
function htmlConvert(): typeof HtmlToText.convert {
  converter ??= (createRequire(import.meta.url)("html-to-text") as typeof HtmlToText).convert;
  return converter;
}

/** HTML to plain text; quoted blocks (<blockquote>, Gmail's quote div) are dropped first. */
export function htmlToText(html: string): { text: string; quoted: boolean } {
  const quoted = /<blockquote\b|class=["'][^"']*(gmail_quote|moz-cite-prefix|OutlookMessageHeader)/i.test(html);
  const text = htmlConvert()(html, {
    wordwrap: false,
    selectors: [
      { selector: "blockquote", format: "skip" },
      { selector: "div.gmail_quote", format: "skip" },
      { selector: "div.moz-cite-prefix", format: "skip" },
      { selector: "a", options: { ignoreHref: true } },
      { selector: "img", format: "skip" },
      { selector: "style", format: "skip" },
      { selector: "script", format: "skip" },
      { selector: "head", format: "skip" },
    ],
  });
  return { text, quoted };
}

function quoteStart(lines: readonly string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*>/.test(line)) {
      // A ">" line opens the quote; a "On … wrote:" line just above it belongs to it too.
      return i;
    }
    if (QUOTE_HEADERS.some((r) => r.test(line))) return i;
    // "On Tue, 3 Mar 2026 at 10:04, Ana Ruiz <ana@example.com>" / "wrote:" wrapped over two lines.
    if (/^\s*(On|Am|Le|El)\b/i.test(line) && i + 1 < lines.length && /^\s*.{0,120}(wrote|schrieb|a écrit|escribió)\s*:?\s*$/i.test(lines[i + 1]!) && line.length < 300) {
      return i;
    }
    if (OUTLOOK_FROM.test(line) && lines.slice(i + 1, i + 4).some((l) => OUTLOOK_NEXT.test(l))) return i;
  }
  return lines.length;
}

function signatureStart(lines: readonly string[]): number {
  for (let i = 0; i < lines.length; i++) {
    if (SIGNATURE_OPENERS.some((r) => r.test(lines[i]!))) return i;
  }
  // A sign-off followed only by a few short lines (name, title, phone).
  for (let i = Math.max(0, lines.length - SIGNATURE_LINES_MAX - 1); i < lines.length; i++) {
    const line = lines[i]!;
    if (!SIGN_OFFS.some((r) => r.test(line))) continue;
    const rest = lines.slice(i + 1);
    if (rest.length <= SIGNATURE_LINES_MAX && rest.every((l) => l.trim().length <= SIGNATURE_LINE_MAX)) return i;
  }
  return lines.length;
}

/**
 * The e-mail's own text: HTML read as text, quoted earlier messages (">" lines, "On … wrote:",
 * "Am … schrieb", "Le … a écrit", "El … escribió", Outlook "From:/Sent:" blocks) and the signature
 * removed. When cutting would leave nothing (a top-quoted reply, an e-mail that is all signature)
 * the uncut text is kept.
 */
export function prepareText(body: string): PreparedText {
  let raw = body.slice(0, READ_CHARS).replace(/\r\n?/g, "\n");
  let html = false;
  let quoted = false;
  if (HTML_HINT.test(raw)) {
    const h = htmlToText(raw);
    raw = h.text;
    html = true;
    quoted = h.quoted;
  }
  const lines = raw.split("\n");
  const q = quoteStart(lines);
  let own = lines.slice(0, q);
  if (q < lines.length) quoted = true;
  if (own.join("").trim() === "") own = lines.filter((l) => !/^\s*>/.test(l));
  let signature = false;
  // A signature may hold another ("Thanks, Linda" above "Sent from my iPhone"): cut until none is left.
  for (let s = signatureStart(own); s < own.length && own.slice(0, s).join("").trim() !== ""; s = signatureStart(own)) {
    own = own.slice(0, s);
    signature = true;
  }
  // The greeting line, when more follows it.
  const first = own.findIndex((l) => l.trim() !== "");
  if (first >= 0 && GREETING.test(own[first]!) && own.slice(first + 1).join("").trim() !== "") own = own.slice(first + 1);
  const text = own
    .join("\n")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return { text, html, quoted, signature };
}
