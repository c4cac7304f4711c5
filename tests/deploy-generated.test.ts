import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import * as apps from "kubernetes-models/apps/v1";
import * as policy from "kubernetes-models/policy/v1";
import * as keda from "@kubernetes-models/keda/keda.sh/v1alpha1";
import { BANDS, BUILTIN_AGENT_TYPES, ContextSchema, FollowUpResult, Streams, agentTypes, consumerName, defineAgentType } from "@gardenos/contracts";
import {
  GENERATE_COMMAND,
  GENERATED_HEADER,
  Paths,
  readInputs,
  renderManifests,
  serviceBundle,
  serviceEntry,
  staleFiles,
  writeFiles,
  type GeneratorInputs,
} from "../deploy/scripts/generate-manifests.ts";

/**
 * The per-agent-type deploy files are generated from the agent-type registry
 * (deploy/scripts/generate-manifests.ts): the committed files must be the generator's output, and
 * a type the registry gains — here a plugin type defined in this file — gets its own Deployment,
 * ScaledObject, PDB, variables and compose service, rendered for real by kubectl and docker-compose.
 */

const ROOT = join(import.meta.dirname, "..");
const SCRIPT = join(ROOT, "deploy/scripts/generate-manifests.ts");

type Obj = { apiVersion?: string; kind: string; metadata: { name: string; namespace?: string }; [k: string]: any };

function docs(text: string): Obj[] {
  return parseAllDocuments(text)
    .map((d) => {
      if (d.errors.length) throw new Error(d.errors.map((e) => e.message).join("; "));
      return d.toJS() as Obj | null;
    })
    .filter((d): d is Obj => d !== null);
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(cmd, args, { encoding: "utf8", cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`${cmd} is needed here (.ci/run installs it): ${r.error.message}`);
  return r;
}

function kustomize(dir: string): Obj[] {
  const r = run("kubectl", ["kustomize", dir]);
  expect(r.status, r.stderr).toBe(0);
  return docs(r.stdout);
}

const one = (objs: Obj[], kind: string, name: string): Obj => {
  const o = objs.find((x) => x.kind === kind && x.metadata.name === name);
  if (!o) throw new Error(`no ${kind}/${name} among ${objs.map((x) => `${x.kind}/${x.metadata.name}`).join(", ")}`);
  return o;
};

describe("the committed deploy files", () => {
  it("are what npm run deploy:generate writes for the registry's built-in types", () => {
    const files = renderManifests(readInputs(BUILTIN_AGENT_TYPES));
    for (const [path, content] of files) {
      const committed = readFileSync(join(ROOT, path), "utf8");
      expect(committed === content, `${path} is out of date with the agent-type registry: run ${GENERATE_COMMAND}`).toBe(true);
      if (path.startsWith(Paths.agentsDir)) expect(content.startsWith(`# ${GENERATED_HEADER}\n`), path).toBe(true);
    }
    expect(staleFiles(files), `out of date or left over: run ${GENERATE_COMMAND}`).toEqual([]);
    // One file per type, each with its five objects (its own Secrets: no credentials shared between services).
    for (const def of BUILTIN_AGENT_TYPES) {
      const objs = docs(files.get(`${Paths.agentsDir}/${def.service}.yaml`)!);
      expect(objs.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([`Deployment/${def.service}`, `ScaledObject/${def.service}`, `PodDisruptionBudget/${def.service}`, `Secret/${def.service}-secrets`, `Secret/gardenos-nats-${def.service}`]);
    }
  });

  it("run each built-in service from its bundle (what the image's default command and gardenos up run), which the build writes", () => {
    const files = renderManifests(readInputs(BUILTIN_AGENT_TYPES));
    for (const def of BUILTIN_AGENT_TYPES) {
      const bundle = `services/${def.service}/dist/main.bundle.mjs`;
      expect(serviceEntry(def)).toBe(bundle);
      expect(existsSync(join(ROOT, bundle)), `${bundle} is built (npm run build)`).toBe(true);
      const [d] = docs(files.get(`${Paths.agentsDir}/${def.service}.yaml`)!);
      expect(d!.spec.template.spec.containers[0].args, def.service).toEqual([bundle]);
    }
    const compose = docs(files.get(Paths.compose)!)[0]!.services as Record<string, { command?: string[] }>;
    const commands = Object.entries(compose).filter(([, s]) => s.command?.[0]?.startsWith("services/"));
    expect(commands.map(([n]) => n).sort()).toEqual(["email-classification", "follow-up", "gateway", "lead-analysis-1", "lead-analysis-2", "metrics"]);
    for (const [name, s] of commands) expect(s.command, name).toEqual([serviceBundle(/^services\/([^/]+)\//.exec(s.command![0]!)![1]!)]);
    // The hand-written ones (gateway, metrics) too.
    for (const service of ["gateway", "metrics"]) {
      const [d] = docs(readFileSync(join(ROOT, `deploy/k8s/base/${service}.yaml`), "utf8")).filter((o) => o.kind === "Deployment");
      expect(d!.spec.template.spec.containers[0].args, service).toEqual([serviceBundle(service)]);
    }
  });

  it("pass the generator's own --check (the command CI and a developer run)", () => {
    const r = run(process.execPath, [SCRIPT, "--check"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("up to date");
  });

  it("--check names the files a plugin type from AGENT_TYPE_PLUGINS would change, and the command to run", () => {
    const dir = mkdtempSync(join(tmpdir(), "gardenos-plugin-"));
    try {
      // A plugin module outside the repository imports the contracts the generator uses (same file, same registry).
      const contracts = pathToFileURL(join(ROOT, "libs/contracts/dist/index.js")).href;
      const plugin = join(dir, "reminder-plugin.mjs");
      writeFileSync(
        plugin,
        `import { defineAgentType, ContextSchema, FollowUpResult } from ${JSON.stringify(contracts)};
export default defineAgentType({
  type: "reminder_check", service: "reminder-check", description: "check a reminder",
  subject: "reminder.check", resultSubject: "reminder.checked",
  input: { note: ContextSchema }, result: FollowUpResult,
  http: { path: "/ai/check-reminder", summary: "Queue a reminder check" },
  agents: { default: 1, max: 2 }, timeoutSeconds: 10, taskIdPrefix: "reminder",
});
`,
      );
      const r = run(process.execPath, [SCRIPT, "--check"], { ...process.env, AGENT_TYPE_PLUGINS: plugin });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`${Paths.agentsDir}/reminder-check.yaml`);
      expect(r.stderr).toContain(Paths.compose);
      expect(r.stderr).toContain(GENERATE_COMMAND);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a plugin type added to the registry", () => {
  // Not lead-based: reads an e-mail's text.
  const emailTriageSpec = {
    type: "email_triage",
    service: "email-triage",
    description: "sort an incoming e-mail",
    subject: "email.triage",
    resultSubject: "email.triaged",
    input: { email_text: ContextSchema },
    result: FollowUpResult,
    http: { path: "/ai/triage-email", summary: "Queue an e-mail triage" },
    agents: { default: 3, max: 6 },
    timeoutSeconds: 15,
    taskIdPrefix: "triage",
  } as const;
  const emailTriage = defineAgentType(emailTriageSpec);
  let tmp: string;
  let inputs: GeneratorInputs;
  let files: Map<string, string>;

  beforeAll(() => {
    agentTypes.register(emailTriage); // as loadAgentTypePlugins does at start
    tmp = mkdtempSync(join(tmpdir(), "gardenos-deploy-"));
    cpSync(join(ROOT, "deploy"), join(tmp, "deploy"), { recursive: true });
    const committed = readInputs([...BUILTIN_AGENT_TYPES, emailTriage], { plugins: "@acme/email-triage" });
    // Deploy-only settings of the new type, as an operator adds them to deploy/agent-types.yaml.
    inputs = { ...committed, settings: { ...committed.settings, types: { ...committed.settings.types, email_triage: { pods: { min: 2, max: 4 }, composeReplicas: 2 } } } };
    files = renderManifests(inputs);
    writeFiles(files, tmp);
  });
  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it("gets its own Deployment, ScaledObject and PDB, named after its service, from the same templates", () => {
    const text = files.get(`${Paths.agentsDir}/email-triage.yaml`)!;
    expect(text.startsWith(`# ${GENERATED_HEADER}\n`)).toBe(true);
    const [d, so, pdb] = docs(text);
    expect(() => new apps.Deployment(d as any).validate()).not.toThrow();
    expect(() => new keda.ScaledObject(so as any).validate()).not.toThrow();
    expect(() => new policy.PodDisruptionBudget(pdb as any).validate()).not.toThrow();

    expect(d!.metadata.name).toBe("email-triage");
    expect(d!.spec.selector.matchLabels).toEqual({ "app.kubernetes.io/name": "email-triage" });
    const c = d!.spec.template.spec.containers[0];
    expect(c.name).toBe("email-triage");
    // A plugin type runs its own `main` (here the default, services/<service>/dist/main.js): nothing bundles it.
    expect(c.args).toEqual(["services/email-triage/dist/main.js"]);
    expect(docs(files.get(`${Paths.agentsDir}/lead-analysis.yaml`)!)[0]!.spec.template.spec.containers[0].args).toEqual(["services/lead-analysis/dist/main.bundle.mjs"]);
    expect(serviceEntry(defineAgentType({ ...emailTriageSpec, main: "plugins/email-triage/main.js" }))).toBe("plugins/email-triage/main.js");
    expect(c.env).toContainEqual({ name: "REPLICA_ID", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } });
    expect(d!.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(inputs.shutdownGrace + 10);
    expect(text).toContain("EMAIL_TRIAGE_TIMEOUT=15 s");

    expect(so!.spec.scaleTargetRef.name).toBe("email-triage");
    expect([so!.spec.minReplicaCount, so!.spec.maxReplicaCount]).toEqual([2, 4]);
    const js = so!.spec.triggers.filter((t: any) => t.type === "nats-jetstream");
    expect(js.map((t: any) => t.metadata.consumer)).toEqual(BANDS.map((b) => consumerName("email_triage", b)));
    expect(js.map((t: any) => t.metadata.consumer)).toEqual(["email-triage-high", "email-triage", "email-triage-low"]);
    for (const t of js) expect(t.metadata).toMatchObject({ stream: Streams.tasks, account: "$G", lagThreshold: String(3 * 5) });
    expect(so!.spec.triggers.some((t: any) => t.type === "cpu")).toBe(true);

    expect(pdb!.spec).toEqual({ minAvailable: 1, selector: { matchLabels: { "app.kubernetes.io/name": "email-triage" } } });
  });

  it("is rendered by both overlays with its variables, its gateway bound and the prod KEDA ownership", () => {
    const prod = kustomize(join(tmp, "deploy/k8s/overlays/prod"));
    const d = one(prod, "Deployment", "email-triage");
    expect(d.metadata.namespace).toBe("gardenos");
    expect(d.metadata.labels).toMatchObject({ "app.kubernetes.io/part-of": "gardenos", "app.kubernetes.io/instance": "gardenos" });
    expect(d.spec.template.spec.containers[0].image).toBe("ghcr.io/gardenos/gardenos:0.1.0");
    expect(d.spec.replicas, "KEDA owns the replica count").toBeUndefined();
    expect(one(prod, "ScaledObject", "email-triage").metadata.namespace).toBe("gardenos");
    expect(one(prod, "PodDisruptionBudget", "email-triage").spec.minAvailable).toBe(1);
    const cm = one(prod, "ConfigMap", "gardenos-config").data;
    expect(cm).toMatchObject({ EMAIL_TRIAGE_AGENTS: "3", MAX_EMAIL_TRIAGE_AGENTS: "6", EMAIL_TRIAGE_TIMEOUT: "15", AGENT_TYPE_PLUGINS: "@acme/email-triage" });
    // The built-ins keep theirs.
    expect(cm).toMatchObject({ LEAD_ANALYSIS_AGENTS: "4", MAX_LEAD_ANALYSIS_AGENTS: "10", FOLLOW_UP_TIMEOUT: "20" });
    const gatewayEnv = one(prod, "Deployment", "gateway").spec.template.spec.containers[0].env as { name: string; value?: string }[];
    expect(gatewayEnv).toContainEqual({ name: "MAX_EMAIL_TRIAGE_AGENTS", value: String(4 * 6) });
    expect(gatewayEnv).toContainEqual({ name: "MAX_LEAD_ANALYSIS_AGENTS", value: "100" });
    expect(gatewayEnv.some((e) => e.name === "OTEL_SERVICE_NAME")).toBe(true);

    const dev = kustomize(join(tmp, "deploy/k8s/overlays/dev"));
    expect(one(dev, "Deployment", "email-triage").spec.replicas).toBe(1);
    expect(dev.filter((o) => o.kind === "ScaledObject" || o.kind === "PodDisruptionBudget")).toEqual([]);
  });

  it("gets its compose services, one per replica with its own REPLICA_ID and NATS node order", () => {
    // The passwords compose requires (no defaults): the database's, Grafana's, and every broker user's, the plugin type's too.
    const passwords = Object.fromEntries(["GATEWAY", "LEAD_ANALYSIS", "FOLLOW_UP", "EMAIL_CLASSIFICATION", "EMAIL_TRIAGE", "METRICS", "CRM"].map((u) => [`${u}_NATS_PASSWORD`, "test"]));
    const r = run("docker-compose", ["-f", join(tmp, "deploy/compose.yaml"), "config"], { ...process.env, POSTGRES_PASSWORD: "pg-test", GRAFANA_ADMIN_PASSWORD: "grafana-test", ...passwords });
    expect(r.status, r.stderr).toBe(0);
    const services = docs(r.stdout)[0]!.services as Record<string, any>;
    expect(Object.keys(services).filter((n) => n.startsWith("email-triage")).sort()).toEqual(["email-triage-1", "email-triage-2"]);
    const ids = new Set<string>();
    const firstNodes = new Set<string>();
    for (const n of ["email-triage-1", "email-triage-2"]) {
      const s = services[n];
      expect(s.command).toEqual(["services/email-triage/dist/main.js"]);
      expect(services["lead-analysis-1"].command).toEqual(["services/lead-analysis/dist/main.bundle.mjs"]);
      expect(s.image).toMatch(/^gardenos:/);
      expect(s.environment).toMatchObject({ HEALTH_PORT: "9090", STREAM_REPLICAS: "3", REPLICA_ID: n });
      expect(s.environment.NATS_URL.split(",").sort()).toEqual(["nats://nats-1:4222", "nats://nats-2:4222", "nats://nats-3:4222"]);
      ids.add(s.environment.REPLICA_ID);
      firstNodes.add(s.environment.NATS_URL.split(",")[0]);
    }
    expect(ids.size).toBe(2);
    expect(firstNodes.size).toBe(2);
    // The built-in services are still there, unchanged in name.
    for (const n of ["lead-analysis-1", "lead-analysis-2", "follow-up", "email-classification", "gateway", "metrics"]) expect(services).toHaveProperty(n);
  });

  it("gets its broker user in auth.conf and its password on the NATS container of both Helm values files", () => {
    expect(files.get(Paths.natsAuth)).toContain('user: "email-triage"');
    expect(files.get(Paths.natsAuth)).toContain("password: $EMAIL_TRIAGE_NATS_PASSWORD");
    for (const path of Paths.natsValues) {
      const values = docs(files.get(path)!)[0]!;
      expect(values.container.env.EMAIL_TRIAGE_NATS_PASSWORD, path).toEqual({ valueFrom: { secretKeyRef: { name: "gardenos-nats-email-triage", key: "password" } } });
      // The built-ins keep theirs; the hand-written rest of the file is kept.
      expect(values.container.env.LEAD_ANALYSIS_NATS_PASSWORD.valueFrom.secretKeyRef.name).toBe("gardenos-nats-lead-analysis");
      expect(values.config.merge.$include).toBe("../nats-auth/auth.conf");
    }
  });

  it("refuses settings for a type nobody registered, and a timeout the shutdown grace cannot hold", () => {
    expect(() => renderManifests({ ...inputs, settings: { ...inputs.settings, types: { ...inputs.settings.types, nobody_here: { composeReplicas: 1 } } } })).toThrow(/nobody_here.*not registered/);
    expect(() => renderManifests({ ...inputs, shutdownGrace: 10 })).toThrow(/EMAIL_TRIAGE_TIMEOUT|LEAD_ANALYSIS_TIMEOUT/);
  });
});
