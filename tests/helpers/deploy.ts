import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import { agentTypes } from "@gardenos/contracts";
import { gatewayConfigSchema } from "@gardenos/gateway";
import { MetricsConfigSchema } from "@gardenos/metrics";
import { agentConfigSchema } from "@gardenos/runtime";
import type { z } from "zod";

/** Helpers of the deploy tests: render kustomize overlays, read YAML, know the services' config. */

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const DEPLOY = join(ROOT, "deploy");

export type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; [k: string]: any };

/** `kubectl kustomize <dir>` (kustomize v5 is built into kubectl), parsed into objects. */
export function renderKustomize(dir: string): K8sObject[] {
  const r = spawnSync("kubectl", ["kustomize", dir], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`kubectl is needed to render ${dir} (kubectl kustomize): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`kubectl kustomize ${dir} failed: ${r.stderr}`);
  return parseYamlDocs(r.stdout) as K8sObject[];
}

export function parseYamlDocs(text: string): unknown[] {
  return parseAllDocuments(text)
    .map((d) => {
      if (d.errors.length) throw new Error(d.errors.map((e) => e.message).join("; "));
      return d.toJS() as unknown;
    })
    .filter((d) => d !== null && d !== undefined);
}

export function readYaml<T = any>(path: string): T {
  const [doc] = parseYamlDocs(readFileSync(path, "utf8"));
  return doc as T;
}

type AnySchema = z.ZodObject<Record<string, z.ZodType>>;

/** The config schema of each service image command, from the services' own exports. */
export async function serviceSchemas(): Promise<Record<string, { schemas: AnySchema[]; main: string }>> {
  // The LLM layer's variables, once libs/llm exports them (the agent services read them).
  let llm: AnySchema | undefined;
  try {
    const mod = (await import("@gardenos/llm" as string)) as { LlmEnvSchema?: AnySchema };
    llm = mod.LlmEnvSchema;
  } catch {
    llm = undefined;
  }
  const out: Record<string, { schemas: AnySchema[]; main: string }> = {
    gateway: { schemas: [gatewayConfigSchema() as unknown as AnySchema], main: "services/gateway/dist/main.js" },
    metrics: { schemas: [MetricsConfigSchema as unknown as AnySchema], main: "services/metrics/dist/main.js" },
  };
  for (const def of agentTypes.list()) {
    const service = def.service;
    out[service] = { schemas: [agentConfigSchema(def.type) as unknown as AnySchema, ...(llm ? [llm] : [])], main: `services/${service}/dist/main.js` };
  }
  return out;
}

export function schemaKeys(schemas: AnySchema[]): Set<string> {
  return new Set(schemas.flatMap((s) => Object.keys(s.shape)));
}

/** Variables that hold credentials: they belong in a Secret, never in a ConfigMap or compose literal. */
export const SECRET_KEYS = /(_KEY|_KEYS|PASSWORD|TOKEN|SECRET|DATABASE_URL)$/;
