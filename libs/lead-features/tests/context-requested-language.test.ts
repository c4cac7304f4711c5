import { describe, expect, it } from "vitest";
import { readContext, requestedLanguage } from "../src/index.js";

describe("requestedLanguage", () => {
  it.each([
    ["Asked to be contacted in Spanish; interested in email campaign automation.", "es"],
    ["Prefers German for all written communication", "de"],
    ["please write in French, her English is limited", "fr"],
    ["He only speaks English", "en"],
    ["Spanish only", "es"],
    ["Demo gemacht, bitte auf Deutsch antworten", "de"],
    ["Kunde spricht nur Englisch", "en"],
    ["Elle préfère l'anglais pour les échanges écrits", "en"],
    ["Répondre en allemand svp", "de"],
    ["El cliente prefiere inglés", "en"],
    ["Pidió que le escribamos en francés", "fr"],
    ["Habla sólo alemán", "de"],
  ])("%s → %s", (text, lang) => {
    expect(requestedLanguage(text)).toBe(lang);
    expect(readContext(text).requestedLanguage).toBe(lang);
  });

  it.each([
    "Their website is in Spanish and English",
    "Spanish subsidiary opening in March",
    "Operates in Spanish-speaking markets; asked for pricing",
    "Wants to expand in Germany next year",
    "Demo completed yesterday; she asked about the HubSpot migration and SSO.",
    "Sent the German contract last week",
    "",
  ])("asks for nothing: %s", (text) => {
    expect(requestedLanguage(text)).toBeUndefined();
    expect(readContext(text).requestedLanguage).toBeUndefined();
  });
});
