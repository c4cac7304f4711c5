import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { agentTypes, type AgentTypeDefinition, type AgentTypeRegistry } from "@gardenos/contracts";
import { ConfigError } from "./errors.js";

/**
 * Agent types from plugin modules named in configuration (`AGENT_TYPE_PLUGINS`, comma-separated
 * package names or file paths). A plugin module exports its definition(s) — made with
 * `defineAgentType` — as `default`, `agentType` or `agentTypes`. The gateway, the metrics
 * service and the agent services load the same list, so a new type needs no change to shared code.
 */

function isDefinition(v: unknown): v is AgentTypeDefinition {
  if (!v || typeof v !== "object") return false;
  const d = v as Partial<AgentTypeDefinition>;
  return typeof d.type === "string" && typeof d.service === "string" && typeof d.subject === "string" && d.taskEvent !== undefined && d.resultEvent !== undefined;
}

function definitionsIn(mod: Record<string, unknown>): AgentTypeDefinition[] {
  const out: AgentTypeDefinition[] = [];
  for (const key of ["default", "agentType", "agentTypes"]) {
    const v = mod[key];
    for (const item of Array.isArray(v) ? v : [v]) if (isDefinition(item) && !out.includes(item)) out.push(item);
  }
  return out;
}

/** The module specifier to import: file paths are resolved against `cwd`, package names stay as they are. */
function specifierFor(entry: string, cwd: string): string {
  if (entry.startsWith(".") || isAbsolute(entry)) return pathToFileURL(isAbsolute(entry) ? entry : resolve(cwd, entry)).href;
  return entry;
}

/** Imports every plugin module named in `list` and registers its agent types. */
export async function loadAgentTypePlugins(list: string | undefined, o: { registry?: AgentTypeRegistry; cwd?: string } = {}): Promise<AgentTypeDefinition[]> {
  const registry = o.registry ?? agentTypes;
  const loaded: AgentTypeDefinition[] = [];
  for (const entry of (list ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
    let mod: Record<string, unknown>;
    try {
      mod = (await import(specifierFor(entry, o.cwd ?? process.cwd()))) as Record<string, unknown>;
    } catch (e) {
      throw new ConfigError(`AGENT_TYPE_PLUGINS: cannot load "${entry}": ${e instanceof Error ? e.message : String(e)}`, [`AGENT_TYPE_PLUGINS: cannot load ${entry}`]);
    }
    const defs = definitionsIn(mod);
    if (defs.length === 0) {
      throw new ConfigError(`AGENT_TYPE_PLUGINS: "${entry}" exports no agent type (export one made with defineAgentType as default, agentType or agentTypes)`, [`AGENT_TYPE_PLUGINS: ${entry} exports no agent type`]);
    }
    for (const d of defs) {
      try {
        loaded.push(registry.register(d));
      } catch (e) {
        throw new ConfigError(`AGENT_TYPE_PLUGINS: "${entry}": ${e instanceof Error ? e.message : String(e)}`, [`AGENT_TYPE_PLUGINS: ${entry}`]);
      }
    }
  }
  return loaded;
}

/**
 * The agent types this deployment runs (`AGENT_TYPES`, comma-separated; default every registered
 * type). A registered type left out shows as "not deployed" in health and status.
 */
export function deployedAgentTypes(list: string | undefined, registry: AgentTypeRegistry = agentTypes): string[] {
  const names = (list ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) return registry.names();
  const unknown = names.filter((n) => !registry.has(n));
  if (unknown.length > 0) {
    const msg = `AGENT_TYPES: unknown agent type ${unknown.join(", ")} (known: ${registry.names().join(", ")}; plugin types need AGENT_TYPE_PLUGINS)`;
    throw new ConfigError(msg, [msg]);
  }
  return [...new Set(names)];
}
