#!/usr/bin/env node
// Writes libs/contracts/schemas/*.json from the zod contracts (`npm run schemas`).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { jsonSchemas, schemaFileText } from "./json-schemas.js";

const dir = fileURLToPath(new URL("../schemas/", import.meta.url));
mkdirSync(dir, { recursive: true });
const schemas = jsonSchemas();
for (const f of readdirSync(dir)) if (f.endsWith(".json") && !(f in schemas)) rmSync(dir + f);
for (const [name, schema] of Object.entries(schemas)) writeFileSync(dir + name, schemaFileText(schema));
process.stdout.write(`wrote ${Object.keys(schemas).length} schemas to ${dir}\n`);
