/**
 * Salesperson shorthand and common typos, spelled out before the context is read ("w/" → "with",
 * "VMs" → "voicemails", "pricng" → "pricing"), so the cue tables need only one spelling. Data
 * only: each entry is a whole-word pattern (case-insensitive) and what it stands for.
 */
export const SHORTHAND: readonly (readonly [pattern: string, replacement: string])[] = [
  ["w/o", "without"],
  ["w/", "with "],
  ["abt", "about"],
  ["pls|plz", "please"],
  ["mtgs?", "meeting"],
  ["mgmt", "management"],
  ["yrs", "years"],
  ["yr", "year"],
  ["wks", "weeks"],
  ["wk", "week"],
  ["mos", "months"],
  ["vms", "voicemails"],
  ["vm", "voicemail"],
  ["appt", "appointment"],
  ["thru", "through"],
  ["b/c", "because"],
  ["asap", "as soon as possible"],
  // Typos seen in CRM notes.
  ["pric(?:ng|ign|inng|cing)", "pricing"],
  ["in(?:trested|tersted|terseted)", "interested"],
  ["bu(?:get|dgett?|djet)", "budget"],
  ["p(?:ropsal|orposal|roposel|rposal)", "proposal"],
  ["rec(?:ieved|eieved)", "received"],
  ["(?:meeitng|meetign|meting)", "meeting"],
  ["(?:scheduel|shedule|schedual)(?=d|\\b)", "schedule"],
  ["(?:follwup|folowup|follow-?upp)", "follow-up"],
  ["contarct", "contract"],
  ["(?:anwser|answr)", "answer"],
  ["repsonse", "response"],
];

// A pattern ending in "/" ("w/Priya") needs no right edge.
const compiled = SHORTHAND.map(([pattern, replacement]) => [new RegExp(`(?<![\\p{L}\\p{N}/])(?:${pattern})${pattern.endsWith("/") ? "" : "(?![\\p{L}\\p{N}])"}`, "giu"), replacement] as const);

/** The text with shorthand and known typos spelled out (single spaces kept). */
export function expandShorthand(text: string): string {
  let out = text;
  for (const [re, replacement] of compiled) {
    re.lastIndex = 0;
    out = out.replace(re, replacement);
  }
  return out.replace(/ {2,}/g, " ");
}
