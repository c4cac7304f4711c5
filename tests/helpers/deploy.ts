import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import { agentTypes } from "@gardenos/contracts";
import { gatewayConfigSchema } from "@gardenos/gateway";
import { MetricsConfigSchema } from "@gardenos/metrics";
import { agentConfigSchema } from "@gardenos/runtime";
import { z } from "zod";

/** Helpers of the deploy tests: render kustomize overlays, read YAML, know the services' config. */

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const DEPLOY = join(ROOT, "deploy");

export type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; [k: string]: any };

/** A command-line tool some deploy tests need: whether it is usable here, else why and how to get it. */
export interface Tool {
  name: string;
  found: boolean;
  /** When not found: what is missing and how to install it. */
  why: string;
}

const KUBECTL_MIN_MINOR = 22;

/** docker-compose (v1, Debian's package) validates deploy/compose.yaml without a Docker engine. */
export function findDockerCompose(): Tool {
  const r = spawnSync("docker-compose", ["version", "--short"], { encoding: "utf8" });
  const found = !r.error && r.status === 0;
  return { name: "docker-compose", found, why: found ? "" : "docker-compose not found: install it with `apt-get install docker-compose` (Debian)" };
}

/**
 * kubectl renders the overlays with its built-in kustomize, which must know `labels` (kustomize
 * ≥ v4.2, kubectl ≥ 1.22): Debian's kubernetes-client (1.20) is too old.
 */
export function findKubectl(): Tool {
  const url = "https://kubernetes.io/docs/tasks/tools/install-kubectl-linux/";
  const r = spawnSync("kubectl", ["version", "--client", "-o", "json"], { encoding: "utf8" });
  if (r.error || r.status !== 0) {
    return { name: "kubectl", found: false, why: `kubectl not found: install kubectl ≥ 1.${KUBECTL_MIN_MINOR} from ${url} (Debian's kubernetes-client, 1.20, is too old for the overlays)` };
  }
  let v: { clientVersion?: { minor?: string; gitVersion?: string } } = {};
  try {
    v = JSON.parse(r.stdout) as typeof v;
  } catch {
    // an unreadable version: try to render anyway
  }
  const minor = parseInt(v.clientVersion?.minor ?? "", 10);
  if (minor < KUBECTL_MIN_MINOR) {
    return { name: "kubectl", found: false, why: `kubectl ${v.clientVersion?.gitVersion} is too old to render the overlays (its kustomize lacks \`labels\`): install kubectl ≥ 1.${KUBECTL_MIN_MINOR} from ${url}` };
  }
  return { name: "kubectl", found: true, why: "" };
}

/**
 * Whether to skip the tests that need `tool`. Missing → skipped with the reason printed, except
 * when CI=true: CI installs the tools (.ci/run), so there the tests run and fail naming the tool.
 */
export function skipWithout(tool: Tool, what: string): boolean {
  if (tool.found) return false;
  if (process.env.CI === "true") return false;
  console.info(`${tool.why} — skipping ${what}`);
  return true;
}

/** `kubectl kustomize <dir>` (kustomize is built into kubectl), parsed into objects. */
export function renderKustomize(dir: string): K8sObject[] {
  const kubectl = findKubectl();
  if (!kubectl.found) throw new Error(`${kubectl.why} (needed to render ${dir})`);
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

/** The config schema of each service image command (its bundle, as the manifests run it), from the services' own exports. */
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
    gateway: { schemas: [gatewayConfigSchema() as unknown as AnySchema], main: "services/gateway/dist/main.bundle.mjs" },
    metrics: { schemas: [MetricsConfigSchema as unknown as AnySchema], main: "services/metrics/dist/main.bundle.mjs" },
  };
  // Settings a service reads beside the shared ones: the follow-up service's output policy.
  const { policyConfigShape } = await import("@gardenos/follow-up");
  const own: Record<string, AnySchema[]> = { "follow-up": [z.object(policyConfigShape) as unknown as AnySchema] };
  for (const def of agentTypes.list()) {
    const service = def.service;
    out[service] = { schemas: [agentConfigSchema(def.type) as unknown as AnySchema, ...(llm ? [llm] : []), ...(own[service] ?? [])], main: `services/${service}/dist/main.bundle.mjs` };
  }
  return out;
}

export function schemaKeys(schemas: AnySchema[]): Set<string> {
  return new Set(schemas.flatMap((s) => Object.keys(s.shape)));
}

/** Variables that hold credentials: they belong in a Secret, never in a ConfigMap or compose literal. */
export const SECRET_KEYS = /(_KEY|_KEYS|PASSWORD|TOKEN|SECRET|_SEED|DATABASE_URL|LEAD_SOURCE_URL)$/;
