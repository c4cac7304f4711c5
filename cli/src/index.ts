/** What other packages (the bench) use of the CLI: reading CRM exports into leads. */
export { readLeadsFile, type LeadFile, type LeadRow, type ReadLeadsOptions } from "./files/lead-file.js";
