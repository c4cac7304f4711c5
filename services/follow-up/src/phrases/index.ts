import type { Lang } from "@gardenos/lead-features";
import { DE } from "./de.js";
import { EN } from "./en.js";
import { ES } from "./es.js";
import { FR } from "./fr.js";
import type { Phrasebook } from "./types.js";

/** The phrase table of each language the built-in writer writes. */
export const PHRASEBOOKS: Readonly<Record<Lang, Phrasebook>> = { en: EN, de: DE, fr: FR, es: ES };
export type { Phrasebook } from "./types.js";
