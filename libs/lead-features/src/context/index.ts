export { asksNotToBeCalled, readContext, rolesNamed, type ReadContextOptions } from "./reader.js";
export { detectLanguage, requestedLanguage, writerLanguage } from "./language.js";
export { asksNotToBeEmailed } from "./opt-out.js";
export { findReconnect, findWhens, monthOfWord } from "./dates.js";
export { LANGUAGES, STAGES } from "./types.js";
export type { ContextReading, Label, Lang, Point, PointKind, Reconnect, Signal, Stage, When } from "./types.js";
