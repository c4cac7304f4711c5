#!/usr/bin/env node
/**
 * Writes the per-agent-type deploy files from the agent-type registry: for every registered type
 * (the built-ins plus any from the plugin modules in AGENT_TYPE_PLUGINS) its Deployment, KEDA
 * ScaledObject and PodDisruptionBudget (deploy/k8s/base/agents/<service>.yaml), the kustomize
 * component that lists them and adds the types' variables to the ConfigMap and their cluster-wide
 * bounds to the gateway, and the agent services of deploy/compose.yaml (between its markers); the
 * broker's users (deploy/nats/auth.conf) and their passwords on the NATS nodes (compose's x-nats
 * and the NATS Helm values' container.env, between markers).
 *
 *   npm run deploy:generate                  # write (after `npm run build`, or tsc -b libs/contracts libs/runtime)
 *   npm run deploy:generate -- --check       # exit 1 naming every file that is out of date
 *   AGENT_TYPE_PLUGINS=@acme/email-triage npm run deploy:generate
 *
 * One template per kind (the functions below), values from the type's definition and the
 * deploy-only settings in deploy/agent-types.yaml. tests/deploy-generated.test.ts checks that the
 * committed files are this script's output. Runs with Node 24's type stripping (erasable
 * TypeScript only), like deploy/scripts/cluster-scaleout.ts; type-checked by deploy/tsconfig.json.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Document, YAMLMap, parseAllDocuments } from "yaml";
import { agentTypes, type AgentTypeDefinition } from "@gardenos/contracts";
import { brokerRoles, renderAuthConfig } from "@gardenos/runtime";
import { GENERATED_HEADER, GENERATE_COMMAND, Paths, ComposeMarkers, ComposeBrokerMarkers, HelmBrokerMarkers, TERMINATION_GRACE_SECONDS, DRAIN_SECONDS, type GeneratorInputs } from "./manifests/inputs.ts";
import { parseDeploySettings } from "./manifests/settings.ts";
import { deploymentTemplate, scaledObjectTemplate, secretTemplate, natsSecretName, natsSecretTemplate, podDisruptionBudgetTemplate, componentTemplate, configPatchTemplate, gatewayPatchTemplate, composeServicesTemplate, yamlOptions } from "./manifests/templates.ts";

export * from "./manifests/inputs.ts";
export * from "./manifests/settings.ts";
export * from "./manifests/templates.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

// ---- the files -------------------------------------------------------------------------------

function text(...docs: Document[]): string {
  return docs.map((d) => d.toString(yamlOptions)).join("---\n");
}

function composeBlock(i: GeneratorInputs): string {
  const all = new YAMLMap();
  let index = 0;
  for (const def of i.types) {
    const services = composeServicesTemplate(def, i, index);
    index += services.items.length;
    all.items.push(...services.items);
  }
  const doc = new Document();
  doc.contents = all;
  const body = doc
    .toString({ ...yamlOptions, verifyAliasOrder: false })
    .trimEnd()
    .split("\n")
    .map((l) => `  ${l}`)
    .join("\n");
  return `${ComposeMarkers.begin}\n  # ${GENERATED_HEADER}\n${body}\n${ComposeMarkers.end}`;
}

/** deploy/compose.yaml with the block between the markers replaced by the types' services. */
export function renderCompose(i: GeneratorInputs): string {
  const begin = i.compose.indexOf(`${ComposeMarkers.begin}\n`);
  const end = i.compose.indexOf(`${ComposeMarkers.end}\n`);
  if (begin < 0 || end < begin) throw new Error(`${Paths.compose}: the markers "${ComposeMarkers.begin.trim()}" and "${ComposeMarkers.end.trim()}" (inside services:) are missing`);
  const withAgents = i.compose.slice(0, begin) + composeBlock(i) + i.compose.slice(end + ComposeMarkers.end.length);
  const b = withAgents.indexOf(`${ComposeBrokerMarkers.begin}\n`);
  const e = withAgents.indexOf(`${ComposeBrokerMarkers.end}\n`);
  if (b < 0 || e < b) throw new Error(`${Paths.compose}: the markers "${ComposeBrokerMarkers.begin.trim()}" and "${ComposeBrokerMarkers.end.trim()}" (in x-nats' environment) are missing`);
  // Every role's password reaches the NATS nodes (auth.conf refers to them); required, no defaults.
  const users = brokerRoles(i.types)
    .map((r) => `    ${r.passwordEnv}: \${${r.passwordEnv}:?set ${r.passwordEnv} (deploy/README.md, Broker authentication)}`)
    .join("\n");
  return withAgents.slice(0, b) + `${ComposeBrokerMarkers.begin}\n${users}\n` + withAgents.slice(e);
}

/**
 * A NATS Helm values file (chart 1.x) with the block between the markers replaced by
 * `container.env`: every broker user's password (auth.conf refers to <USER>_NATS_PASSWORD) from
 * its Secret gardenos-nats-<user>, key `password` — the Secret the service itself connects with.
 */
export function renderNatsValues(path: string, values: string, i: GeneratorInputs): string {
  const b = values.indexOf(`${HelmBrokerMarkers.begin}\n`);
  const e = values.indexOf(`${HelmBrokerMarkers.end}\n`);
  if (b < 0 || e < b) throw new Error(`${path}: the markers "${HelmBrokerMarkers.begin.trim()}" and "${HelmBrokerMarkers.end.trim()}" (inside container:) are missing`);
  const env = brokerRoles(i.types).flatMap((r) => [
    `    ${r.passwordEnv}:`,
    "      valueFrom:",
    "        secretKeyRef:",
    `          name: ${natsSecretName(r.user)}`,
    "          key: password",
  ]);
  return values.slice(0, b) + [HelmBrokerMarkers.begin, `  # ${GENERATED_HEADER}`, "  env:", ...env, ""].join("\n") + values.slice(e);
}

function checkInputs(i: GeneratorInputs): void {
  for (const def of i.types) {
    if (!agentTypes.has(def.type)) throw new Error(`agent type "${def.type}" is not registered (a plugin type needs AGENT_TYPE_PLUGINS)`);
    if (def.timeoutSeconds > i.shutdownGrace) {
      throw new Error(`${def.type}: ${def.env.timeout} default ${def.timeoutSeconds} s is above SHUTDOWN_GRACE ${i.shutdownGrace} s in ${Paths.config}: raise SHUTDOWN_GRACE (running tasks would be cut short on SIGTERM)`);
    }
  }
  if (i.shutdownGrace + DRAIN_SECONDS > TERMINATION_GRACE_SECONDS) {
    throw new Error(`SHUTDOWN_GRACE ${i.shutdownGrace} s + ${DRAIN_SECONDS} s of drain exceeds the agents' terminationGracePeriodSeconds (${TERMINATION_GRACE_SECONDS}): raise it in ${relative(ROOT, fileURLToPath(import.meta.url))}`);
  }
  for (const type of Object.keys(i.settings.types)) {
    if (!i.types.some((d) => d.type === type)) throw new Error(`${Paths.settings} has settings for "${type}", which is not registered (a plugin type needs AGENT_TYPE_PLUGINS)`);
  }
}

/**
 * deploy/nats/auth.conf: one NATS user per role with least-privilege permissions
 * (libs/runtime/src/broker-auth.ts), passwords from the server's environment (<USER>_NATS_PASSWORD).
 */
export function renderNatsAuth(i: GeneratorInputs): string {
  return renderAuthConfig(brokerRoles(i.types), undefined, [
    GENERATED_HEADER,
    "One user per role (libs/runtime/src/broker-auth.ts); each password comes from the server's environment",
    `(${brokerRoles(i.types).map((r) => r.passwordEnv).join(", ")}): nats-server refuses to start when one is unset.`,
    "Each service connects with NATS_USER=<user>, NATS_PASSWORD=<its password>; the CRM publisher with user crm",
    "(reply inbox _INBOX_crm: nats.js `inboxPrefix`). See deploy/README.md, \"Broker authentication\".",
  ]);
}

/** Every generated file: repository-relative path → content. */
export function renderManifests(i: GeneratorInputs): Map<string, string> {
  checkInputs(i);
  const files = new Map<string, string>();
  for (const def of i.types) {
    files.set(`${Paths.agentsDir}/${def.service}.yaml`, text(deploymentTemplate(def, i), scaledObjectTemplate(def, i), podDisruptionBudgetTemplate(def), secretTemplate(def), natsSecretTemplate(def)));
  }
  files.set(`${Paths.agentsDir}/kustomization.yaml`, text(componentTemplate(i)));
  files.set(`${Paths.agentsDir}/patch-config.yaml`, text(configPatchTemplate(i)));
  files.set(`${Paths.agentsDir}/patch-gateway.yaml`, text(gatewayPatchTemplate(i)));
  files.set(Paths.compose, renderCompose(i));
  files.set(Paths.natsAuth, renderNatsAuth(i));
  for (const path of Paths.natsValues) {
    const values = i.natsValues[path];
    if (values === undefined) throw new Error(`${path}: not read (GeneratorInputs.natsValues)`);
    files.set(path, renderNatsValues(path, values, i));
  }
  return files;
}

/** The inputs as committed: settings, SHUTDOWN_GRACE and compose.yaml under `root`, the given types. */
export function readInputs(types: readonly AgentTypeDefinition[], o: { root?: string; plugins?: string } = {}): GeneratorInputs {
  const root = o.root ?? ROOT;
  const config = parseAllDocuments(readFileSync(join(root, Paths.config), "utf8"))
    .map((d) => d.toJS() as { kind?: string; data?: Record<string, string> })
    .find((d) => d?.kind === "ConfigMap");
  const shutdownGrace = Number(config?.data?.SHUTDOWN_GRACE);
  if (!Number.isFinite(shutdownGrace)) throw new Error(`${Paths.config}: SHUTDOWN_GRACE is missing from the ConfigMap`);
  return {
    types,
    settings: parseDeploySettings(readFileSync(join(root, Paths.settings), "utf8")),
    shutdownGrace,
    compose: readFileSync(join(root, Paths.compose), "utf8"),
    plugins: o.plugins ?? "",
    natsValues: Object.fromEntries(Paths.natsValues.map((p) => [p, readFileSync(join(root, p), "utf8")])),
  };
}

/** Files whose committed content differs from `files`, plus generated files no type produces any more. */
export function staleFiles(files: Map<string, string>, root: string = ROOT): string[] {
  const stale = [...files].filter(([path, content]) => !existsSync(join(root, path)) || readFileSync(join(root, path), "utf8") !== content).map(([path]) => path);
  return [...stale, ...leftovers(files, root)];
}

function leftovers(files: Map<string, string>, root: string): string[] {
  const dir = join(root, Paths.agentsDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((f) => `${Paths.agentsDir}/${f}`)
    .filter((p) => !files.has(p));
}

export function writeFiles(files: Map<string, string>, root: string = ROOT): string[] {
  const changed = staleFiles(files, root);
  for (const path of leftovers(files, root)) rmSync(join(root, path));
  for (const [path, content] of files) {
    if (!changed.includes(path)) continue;
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return changed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { check: { type: "boolean", default: false } } });
  const plugins = process.env.AGENT_TYPE_PLUGINS ?? "";
  const { loadAgentTypePlugins } = await import("@gardenos/runtime");
  await loadAgentTypePlugins(plugins, { cwd: ROOT });
  const files = renderManifests(readInputs(agentTypes.list(), { plugins }));
  if (values.check) {
    const stale = staleFiles(files);
    if (stale.length > 0) {
      process.stderr.write(`out of date with the agent-type registry: ${stale.join(", ")}\nrun: ${GENERATE_COMMAND}\n`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write(`deploy files up to date (${agentTypes.names().join(", ")})\n`);
    return;
  }
  const changed = writeFiles(files);
  process.stdout.write(changed.length ? `wrote ${changed.join(", ")}\n` : `deploy files up to date (${agentTypes.names().join(", ")})\n`);
}

if (import.meta.main) {
  main().catch((e: unknown) => {
    process.stderr.write(`deploy:generate: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
