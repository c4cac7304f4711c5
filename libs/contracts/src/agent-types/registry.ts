import { z } from "zod";
import { BANDS, Bands, type Band } from "../names.js";
import type { AgentTypeDefinition } from "./define.js";

/**
 * The agent types this process knows: the built-in ones (agent-types/index.ts) plus any a plugin
 * module registered at start (`AGENT_TYPE_PLUGINS`). Registering checks that no two types share a
 * name, service, subject or route.
 */
export class AgentTypeRegistry {
  private readonly byType = new Map<string, AgentTypeDefinition>();

  constructor(defs: readonly AgentTypeDefinition[] = []) {
    for (const d of defs) this.register(d);
  }

  register(def: AgentTypeDefinition): AgentTypeDefinition {
    const same = this.byType.get(def.type);
    // The same plugin module loaded twice (or through two module instances): keep the first.
    if (same && (same === def || (same.service === def.service && same.subject === def.subject && same.resultSubject === def.resultSubject && same.http.path === def.http.path))) return same;
    for (const d of this.byType.values()) {
      const clash =
        d.type === def.type ? "type" : d.service === def.service ? "service" : d.subject === def.subject || d.resultSubject === def.resultSubject ? "subject" : d.http.path === def.http.path ? "HTTP path" : undefined;
      if (clash) throw new TypeError(`agent type "${def.type}" has the same ${clash} as "${d.type}"`);
    }
    this.byType.set(def.type, def);
    return def;
  }

  has(type: string): boolean {
    return this.byType.has(type);
  }

  get(type: string): AgentTypeDefinition | undefined {
    return this.byType.get(type);
  }

  /** The definition of `type`; throws for a type nobody registered. */
  require(type: string): AgentTypeDefinition {
    const d = this.byType.get(type);
    if (!d) throw new TypeError(`unknown agent type "${type}" (known: ${this.names().join(", ")})`);
    return d;
  }

  list(): AgentTypeDefinition[] {
    return [...this.byType.values()];
  }

  names(): string[] {
    return [...this.byType.keys()];
  }

  byService(service: string): AgentTypeDefinition | undefined {
    return this.list().find((d) => d.service === service);
  }

  byResultSubject(subject: string): AgentTypeDefinition | undefined {
    return this.list().find((d) => d.resultSubject === subject);
  }

  /** Type and band of a task subject (`lead.analyze.high` …); undefined for anything else. */
  parseTaskSubject(subject: string): { type: string; band: Band } | undefined {
    for (const d of this.byType.values()) {
      if (subject === d.subject) return { type: d.type, band: Bands.normal };
      for (const band of BANDS) if (band !== Bands.normal && subject === `${d.subject}.${band}`) return { type: d.type, band };
    }
    return undefined;
  }
}

/** An agent type's id (`lead_analysis`, `follow_up`, or a plugin's). */
export type AgentType = string;

/** Checks `agent_type` values against the registry at the time of parsing (plugins included). */
export function agentTypeSchema(registry: AgentTypeRegistry) {
  return z
    .string()
    .superRefine((v, ctx) => {
      if (!registry.has(v)) ctx.addIssue({ code: "custom", message: `must be one of ${registry.names().join(", ")}` });
    })
    .describe("An agent type, e.g. lead_analysis | follow_up");
}
