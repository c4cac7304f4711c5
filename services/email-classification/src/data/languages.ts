/** Common short words per language: the language of a reply is the one with the most hits. */
export const STOPWORDS: Record<string, readonly string[]> = {
  en: ["the", "and", "is", "to", "we", "you", "for", "this", "our", "not", "please", "thanks", "with", "are", "it", "i'm", "can", "of"],
  de: ["und", "der", "die", "das", "ich", "wir", "sie", "nicht", "bitte", "ist", "mit", "für", "uns", "ein", "eine", "bin", "danke", "zu"],
  fr: ["le", "la", "les", "et", "je", "nous", "vous", "pas", "pour", "est", "une", "des", "merci", "de", "du", "avec", "suis", "ce"],
  es: ["el", "la", "los", "y", "que", "de", "por", "favor", "gracias", "es", "una", "nos", "no", "para", "con", "estoy", "su", "más"],
};
