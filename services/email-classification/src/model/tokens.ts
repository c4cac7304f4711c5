/**
 * Tokens the trained model reads: lower-case words without accents, with addresses, amounts,
 * times and numbers replaced by placeholders (the model learns "a time was named", not which),
 * plus the bigrams of neighbouring words.
 */
export function tokenize(text: string): string[] {
  const words = normalisedWords(text);
  const out = [...words];
  for (let i = 0; i + 1 < words.length; i++) out.push(`${words[i]}_${words[i + 1]}`);
  return out;
}

/** The words of a text, lower-case, without accents, placeholders for addresses, amounts, times and numbers. */
export function normalisedWords(text: string): string[] {
  const t = text
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ß/g, "ss")
    .replace(/[^\s<>@]{1,64}@[^\s<>@]{1,255}\.[a-z]{2,}/g, " zemail ")
    .replace(/https?:\/\/\S{1,2000}/g, " zurl ")
    .replace(/[$€£]\s?\d[\d.,]{0,20}k?|\d[\d.,]{0,20}\s?(eur|euro|euros|usd|dollars?)\b/g, " zmoney ")
    .replace(/\b\d{1,2}[:.h]\d{2}\b|\b\d{1,2}\s?(am|pm|uhr|h)\b/g, " ztime ")
    .replace(/\d+/g, " znum ")
    .replace(/\?/g, " zqmark ")
    .replace(/!/g, " zbang ");
  return t.split(/[^a-z0-9']+/).map((w) => w.replace(/^'+|'+$/g, "")).filter((w) => w.length > 0 && w.length < 30);
}
