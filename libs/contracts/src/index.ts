export * from "./names.js";
export * from "./lead.js";
export * from "./task-fields.js";
export * from "./agent-types/index.js";
export * from "./events.js";
export * from "./views.js";
export * from "./errors.js";
export * from "./control.js";
export { jsonSchemas, schemaFileText } from "./json-schemas.js";
