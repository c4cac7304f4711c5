/** deploy/agent-types.yaml: the deploy-only settings of each agent type, read and checked. */
import { parse } from "yaml";
import { Paths, type TypeDeploySettings, type DeploySettings } from "./inputs.ts";

function positiveInt(v: unknown, where: string): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1) throw new TypeError(`${Paths.settings}: ${where} must be a positive integer (got ${JSON.stringify(v)})`);
  return v;
}

function parseTypeSettings(raw: unknown, where: string, partial: boolean): Partial<TypeDeploySettings> {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) throw new TypeError(`${Paths.settings}: ${where} must be a map`);
  const r = raw as Record<string, unknown>;
  const out: { -readonly [K in keyof TypeDeploySettings]?: TypeDeploySettings[K] } = {};
  for (const key of Object.keys(r)) {
    if (!["pods", "queuedPerAgent", "composeReplicas"].includes(key)) throw new TypeError(`${Paths.settings}: ${where}.${key} is not a setting (pods, queuedPerAgent, composeReplicas)`);
  }
  if (r.pods !== undefined) {
    const p = r.pods as Record<string, unknown>;
    const pods = { min: positiveInt(p?.min, `${where}.pods.min`), max: positiveInt(p?.max, `${where}.pods.max`) };
    if (pods.min >= pods.max) throw new TypeError(`${Paths.settings}: ${where}.pods.min must be below pods.max`);
    if (pods.min < 2) throw new TypeError(`${Paths.settings}: ${where}.pods.min must be at least 2 (above the PDB's minAvailable 1, so drains proceed)`);
    out.pods = pods;
  }
  if (r.queuedPerAgent !== undefined) out.queuedPerAgent = positiveInt(r.queuedPerAgent, `${where}.queuedPerAgent`);
  if (r.composeReplicas !== undefined) out.composeReplicas = positiveInt(r.composeReplicas, `${where}.composeReplicas`);
  if (!partial) for (const k of ["pods", "queuedPerAgent", "composeReplicas"] as const) if (out[k] === undefined) throw new TypeError(`${Paths.settings}: ${where}.${k} is required`);
  return out;
}

/** Reads and checks deploy/agent-types.yaml. */
export function parseDeploySettings(text: string): DeploySettings {
  const raw = (parse(text) ?? {}) as { defaults?: unknown; types?: unknown };
  const defaults = parseTypeSettings(raw.defaults, "defaults", false) as TypeDeploySettings;
  const types: Record<string, Partial<TypeDeploySettings>> = {};
  for (const [type, v] of Object.entries((raw.types ?? {}) as Record<string, unknown>)) types[type] = parseTypeSettings(v, `types.${type}`, true);
  return Object.freeze({ defaults, types: Object.freeze(types) });
}

export function settingsFor(settings: DeploySettings, type: string): TypeDeploySettings {
  return { ...settings.defaults, ...settings.types[type] };
}
