import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as core from "kubernetes-models/v1";
import * as apps from "kubernetes-models/apps/v1";
import * as policy from "kubernetes-models/policy/v1";
import * as networking from "kubernetes-models/networking.k8s.io/v1";
import * as keda from "@kubernetes-models/keda/keda.sh/v1alpha1";
import { BANDS, Streams, agentTypes, consumerName } from "@gardenos/contracts";
import { freePort, loadConfig } from "@gardenos/runtime";
import { startNats } from "./helpers/nats.js";
import { seededPgliteDir } from "./helpers/pglite-template.js";
import { DEPLOY, ROOT, SECRET_KEYS, findKubectl, readYaml, renderKustomize, schemaKeys, serviceSchemas, skipWithout, type K8sObject } from "./helpers/deploy.js";

/**
 * The Kubernetes manifests, rendered the way `kubectl apply -k` renders them and checked the way
 * a reviewer would: valid objects, probes that hit real routes on the configured ports, every
 * variable the services read present (and nothing else), KEDA triggers on the real consumers.
 */

const MODELS: Record<string, new (o: any) => { validate(): void }> = {
  "v1/Namespace": core.Namespace,
  "v1/ConfigMap": core.ConfigMap,
  "v1/Secret": core.Secret,
  "v1/Service": core.Service,
  "v1/ServiceAccount": core.ServiceAccount,
  "apps/v1/Deployment": apps.Deployment,
  "policy/v1/PodDisruptionBudget": policy.PodDisruptionBudget,
  "networking.k8s.io/v1/Ingress": networking.Ingress,
  "networking.k8s.io/v1/NetworkPolicy": networking.NetworkPolicy,
  "keda.sh/v1alpha1/ScaledObject": keda.ScaledObject,
};

const OVERLAYS = ["dev", "prod"] as const;
/** Every test here reads the rendered overlays: without a usable kubectl the file is skipped (not under CI=true). */
const skip = skipWithout(findKubectl(), "the Kubernetes manifest tests (kubectl kustomize)");
const rendered: Record<string, K8sObject[]> = {};

const find = (objs: K8sObject[], kind: string, name?: string) => objs.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
const one = (objs: K8sObject[], kind: string, name: string): K8sObject => {
  const [o] = find(objs, kind, name);
  if (!o) throw new Error(`no ${kind}/${name}`);
  return o;
};
const matches = (selector: Record<string, string>, labels: Record<string, string> | undefined) =>
  Object.entries(selector).every(([k, v]) => labels?.[k] === v);

/** The shared ConfigMap and, for `service`, its own Secret (`<service>-secrets`). */
function environment(objs: K8sObject[], service?: string) {
  const cm = one(objs, "ConfigMap", "gardenos-config").data as Record<string, string>;
  const secret = (service ? (one(objs, "Secret", `${service}-secrets`).stringData ?? {}) : {}) as Record<string, string>;
  return { cm, secret };
}

/** The GardenOS Deployments (image `…/gardenos`), with their service name from the command (`services/<name>/dist/main.bundle.mjs`). */
function gardenosDeployments(objs: K8sObject[]) {
  return find(objs, "Deployment")
    .map((d) => {
      const c = d.spec.template.spec.containers[0];
      const main = String(c.args?.[0] ?? c.command?.[1] ?? "");
      // Every service runs its bundle (what the image's default command and gardenos up run).
      const service = /^services\/([^/]+)\/dist\/main\.bundle\.mjs$/.exec(main)?.[1];
      return { d, c, main, service };
    })
    .filter((x): x is typeof x & { service: string } => x.service !== undefined && String(x.c.image).includes("gardenos"));
}

beforeAll(() => {
  if (skip) return;
  for (const o of OVERLAYS) rendered[o] = renderKustomize(join(DEPLOY, "k8s/overlays", o));
  const counts = Object.fromEntries(OVERLAYS.map((o) => [o, rendered[o]!.length]));
  process.stdout.write(`rendered objects per overlay: ${JSON.stringify(counts)}\n`);
});

describe.skipIf(skip).each(OVERLAYS)("kustomize overlay %s", (overlay) => {
  const objs = () => rendered[overlay]!;

  it("renders only kinds we know, each valid against the Kubernetes or KEDA schema", () => {
    expect(objs().length).toBeGreaterThan(10);
    for (const o of objs()) {
      const Model = MODELS[`${o.apiVersion}/${o.kind}`];
      expect(Model, `${o.apiVersion} ${o.kind} ${o.metadata.name}`).toBeDefined();
      expect(() => new Model!(o).validate(), `${o.kind}/${o.metadata.name}`).not.toThrow();
      if (o.kind !== "Namespace") expect(o.metadata.namespace).toBe(overlay === "prod" ? "gardenos" : "gardenos-dev");
    }
    const names = objs().map((o) => `${o.kind}/${o.metadata.name}`);
    expect(new Set(names).size).toBe(names.length);
  });

  it("runs every service from the one image, with requests, limits, probes and a non-root user", async () => {
    const deployments = gardenosDeployments(objs());
    expect(deployments.map((x) => x.service).sort()).toEqual(Object.keys(await serviceSchemas()).sort());
    const { cm } = environment(objs());
    for (const { d, c, main, service } of deployments) {
      expect(existsSync(join(ROOT, main)), `${main} is built`).toBe(true);
      expect(c.image).toMatch(/gardenos:[\w.-]+$/);
      for (const k of ["cpu", "memory"]) {
        expect(c.resources?.requests?.[k], `${service} requests.${k}`).toBeDefined();
        expect(c.resources?.limits?.[k], `${service} limits.${k}`).toBeDefined();
      }
      expect(d.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
      // Probes point at the container's named port, which is the port the service's config opens.
      const expectedPort = Number(service === "gateway" ? cm.PORT : cm.HEALTH_PORT);
      expect(expectedPort).toBeGreaterThan(0);
      for (const probe of ["livenessProbe", "readinessProbe", "startupProbe"]) {
        const get = c[probe]?.httpGet;
        expect(get, `${service} ${probe}`).toBeDefined();
        const port = typeof get.port === "number" ? get.port : c.ports.find((p: any) => p.name === get.port)?.containerPort;
        expect(port, `${service} ${probe} port`).toBe(expectedPort);
        expect(["/livez", "/readyz"]).toContain(get.path);
      }
      expect(c.readinessProbe.httpGet.path).toBe("/readyz");
      expect(c.livenessProbe.httpGet.path).toBe("/livez");
    }
  });

  it("gives agents a termination grace longer than the longest task plus the drain", () => {
    const { cm } = environment(objs());
    const grace = Number(cm.SHUTDOWN_GRACE);
    for (const def of agentTypes.list()) {
      const service = def.service;
      const timeout = Number(cm[def.env.timeout]);
      const d = one(objs(), "Deployment", service);
      // Running tasks get SHUTDOWN_GRACE to finish; the pod must outlive that plus publish, ack and drain.
      expect(grace).toBeGreaterThanOrEqual(timeout);
      expect(d.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(grace + 10);
    }
  });

  it("offers every variable the services read, secrets in the service's own Secret, and nothing unknown", async () => {
    const { cm } = environment(objs());
    const services = await serviceSchemas();
    const all = new Set<string>();
    for (const { c, service } of gardenosDeployments(objs())) {
      const { secret } = environment(objs(), service);
      const keys = schemaKeys(services[service]!.schemas);
      keys.forEach((k) => all.add(k));
      const fromRefs = (c.envFrom ?? []).map((e: any) => e.configMapRef?.name ?? e.secretRef?.name).sort();
      expect(fromRefs).toEqual(["gardenos-config", `${service}-secrets`].sort());
      const explicit = (c.env ?? []).map((e: any) => e.name as string);
      const offered = new Set([...Object.keys(cm), ...Object.keys(secret), ...explicit]);
      const missing = [...keys].filter((k) => !offered.has(k));
      expect(missing, `${service} reads these but the deploy does not set them: add them to deploy/k8s/base/config.yaml (secrets: its Secret)`).toEqual([]);
      for (const e of explicit) expect(keys.has(e), `${service} env ${e} is read by the service`).toBe(true);
      // A service's Secret holds only credentials that service reads: no other service's keys.
      for (const k of Object.keys(secret)) {
        expect(keys.has(k), `${service}-secrets: ${k} is not read by ${service}`).toBe(true);
        expect(SECRET_KEYS.test(k), `${k} is not a secret: ConfigMap`).toBe(true);
      }
      // The values parse: the service would start with this environment.
      // Explicit values as written; a fieldRef (the pod name) as Kubernetes would fill it.
      const podName = `${service}-7d9c5b6f4-x2k4z`;
      const env = { ...cm, ...secret, ...Object.fromEntries((c.env ?? []).map((e: any) => [e.name, e.value ?? podName])) };
      for (const schema of services[service]!.schemas) expect(() => loadConfig(schema, env), service).not.toThrow();
    }
    const unknown = Object.keys(cm).filter((k) => !all.has(k));
    expect(unknown, "keys no service reads").toEqual([]);
    for (const k of Object.keys(cm)) expect(SECRET_KEYS.test(k), `${k} belongs in the Secret`).toBe(false);
    expect(cm.HOST).toBe("0.0.0.0");
    for (const { c, service } of gardenosDeployments(objs())) {
      if (service !== "gateway" && service !== "metrics") {
        expect(c.env).toContainEqual({ name: "REPLICA_ID", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } });
      }
    }
  });

  it("gives every service a Secret of its own: the gateway the database URLs and API keys, each agent service its LLM keys", () => {
    const deployments = gardenosDeployments(objs());
    const secrets = find(objs(), "Secret").map((o) => o.metadata.name).sort();
    // No shared Secret: one per service, each mounted by that service's pods only, and one per broker user.
    expect(secrets).toEqual([...deployments.map((x) => `${x.service}-secrets`), ...deployments.map((x) => `gardenos-nats-${x.service}`), "gardenos-nats-crm"].sort());
    for (const name of secrets.filter((n) => n.endsWith("-secrets"))) {
      const users = deployments.filter(({ c }) => (c.envFrom ?? []).some((e: any) => e.secretRef?.name === name) || JSON.stringify(c.env ?? []).includes(name));
      expect(users.map((u) => u.service), name).toEqual([name.replace(/-secrets$/, "")]);
    }
    expect(Object.keys(environment(objs(), "gateway").secret).filter((k) => !k.startsWith("NATS_")).sort()).toEqual(["DATABASE_URL", "GARDENOS_ADMIN_KEYS", "GARDENOS_API_KEYS", "GARDENOS_REVIEWER_KEYS", "LEAD_SOURCE_URL"]);
    for (const def of agentTypes.list()) {
      const keys = Object.keys(environment(objs(), def.service).secret);
      expect(keys, def.service).toEqual(expect.arrayContaining(["DEEPINFRA_API_KEY", "LLM_API_KEY"]));
      expect(keys, def.service).not.toContain("DATABASE_URL");
      expect(keys.filter((k) => k.startsWith("GARDENOS_")), def.service).toEqual([]);
    }
    expect(Object.keys(environment(objs(), "metrics").secret).filter((k) => !k.startsWith("NATS_"))).toEqual([]);
  });

  it("wires Services, the Ingress and the disruption budgets to real pods and ports", () => {
    const deployments = find(objs(), "Deployment");
    for (const svc of find(objs(), "Service")) {
      const targets = deployments.filter((d) => matches(svc.spec.selector, d.spec.template.metadata.labels));
      expect(targets, `Service/${svc.metadata.name} selects a Deployment`).toHaveLength(1);
      for (const p of svc.spec.ports) {
        const ports = targets[0]!.spec.template.spec.containers.flatMap((c: any) => c.ports ?? []);
        expect(ports.some((cp: any) => cp.name === p.targetPort || cp.containerPort === p.targetPort), `${svc.metadata.name}:${p.targetPort}`).toBe(true);
      }
    }
    const ing = one(objs(), "Ingress", "gateway");
    for (const rule of ing.spec.rules) {
      for (const path of rule.http.paths) {
        const svc = one(objs(), "Service", path.backend.service.name);
        expect(svc.spec.ports.map((p: any) => p.name)).toContain(path.backend.service.port.name);
      }
    }
    for (const pdb of find(objs(), "PodDisruptionBudget")) {
      const targets = deployments.filter((d) => matches(pdb.spec.selector.matchLabels, d.spec.template.metadata.labels));
      expect(targets, `PDB/${pdb.metadata.name}`).toHaveLength(1);
    }
    if (overlay === "prod") expect(find(objs(), "PodDisruptionBudget").map((p) => p.metadata.name).sort()).toEqual(["email-classification", "follow-up", "gateway", "lead-analysis"]);
  });
});

describe.skipIf(skip)("KEDA and NATS in production", () => {
  const prod = () => rendered.prod!;

  it("scales each agent service on every band consumer's lag plus CPU, within documented bounds", () => {
    const nats = readYaml(join(DEPLOY, "k8s/nats/values.yaml"));
    for (const def of agentTypes.list()) {
      const service = def.service;
      const so = one(prod(), "ScaledObject", service);
      expect(so.spec.scaleTargetRef.name).toBe(service);
      expect(one(prod(), "Deployment", service).spec.replicas, "KEDA owns the replica count").toBeUndefined();
      const js = so.spec.triggers.filter((t: any) => t.type === "nats-jetstream");
      expect(js.map((t: any) => t.metadata.consumer).sort()).toEqual(BANDS.map((b) => consumerName(def.type, b)).sort());
      for (const t of js) {
        expect(t.metadata.stream).toBe(Streams.tasks);
        expect(t.metadata.account).toBe("$G");
        expect(Number(t.metadata.lagThreshold)).toBeGreaterThan(0);
        // The headless service of the Helm release, in this namespace, on the monitoring port.
        expect(t.metadata.natsServerMonitoringEndpoint).toBe(`nats-headless.${so.metadata.namespace}.svc.cluster.local:${nats.config.monitor.port}`);
      }
      expect(so.spec.triggers.some((t: any) => t.type === "cpu")).toBe(true);
      const pdb = one(prod(), "PodDisruptionBudget", service);
      // A drain can always proceed: more pods than the budget keeps.
      expect(so.spec.minReplicaCount).toBeGreaterThan(pdb.spec.minAvailable);
      expect(so.spec.maxReplicaCount).toBeGreaterThan(so.spec.minReplicaCount);
      // POST /ai/scale-agents (the gateway's bound is cluster-wide) can use every pod KEDA may start.
      const maxVar = def.env.maxAgents;
      const perPod = Number(environment(prod()).cm[maxVar]);
      const gatewayEnv = one(prod(), "Deployment", "gateway").spec.template.spec.containers[0].env as { name: string; value: string }[];
      expect(Number(gatewayEnv.find((e) => e.name === maxVar)?.value)).toBe(so.spec.maxReplicaCount * perPod);
    }
  });

  it("runs NATS as a 3-node JetStream cluster with the streams at 3 replicas", () => {
    const nats = readYaml(join(DEPLOY, "k8s/nats/values.yaml"));
    expect(nats.config.cluster).toMatchObject({ enabled: true, replicas: 3 });
    expect(nats.config.jetstream).toMatchObject({ enabled: true, fileStore: { enabled: true, pvc: { enabled: true } } });
    expect(nats.config.monitor).toMatchObject({ enabled: true, port: 8222 });
    expect(environment(prod()).cm.STREAM_REPLICAS).toBe("3");
    expect(environment(prod()).cm.NATS_URL).toBe("nats://nats:4222");
    const dev = readYaml(join(DEPLOY, "k8s/nats/values-dev.yaml"));
    expect(dev.config.cluster.enabled).toBe(false);
    expect(environment(rendered.dev!).cm.STREAM_REPLICAS).toBe("1");
  });
});

describe.skipIf(skip)("the probes answer on a real service started with the ConfigMap's environment", () => {
  let nats: Awaited<ReturnType<typeof startNats>>;
  let dir: string;
  beforeAll(async () => {
    nats = await startNats();
    dir = mkdtempSync(join(tmpdir(), "gardenos-probes-"));
  });
  afterAll(async () => {
    await nats?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses to run the production gateway open to the network while the Secret holds no key", async () => {
    const { cm, secret } = environment(rendered.prod!, "gateway");
    const env = { PATH: process.env.PATH, ...cm, ...secret, NATS_URL: nats.url, PGLITE_DIR: join(dir, "open"), LOG_LEVEL: "silent" };
    const { main } = gardenosDeployments(rendered.prod!).find((x) => x.service === "gateway")!;
    const child = spawn(process.execPath, [join(ROOT, main)], { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
    expect(code).toBe(78);
    expect(stderr).toContain("GARDENOS_ADMIN_KEYS");
  }, 60_000);

  it("every Deployment's probes get 200, and SIGTERM stops the service cleanly", async () => {
    const objs = rendered.prod!;
    for (const { c, main, service } of gardenosDeployments(objs)) {
      const { cm, secret } = environment(objs, service);
      // Same variables as the pod; only what points outside this machine is replaced (NATS, the
      // port — a free one, as the probe port equals the configured port — and the PGlite dir).
      const port = await freePort();
      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        ...cm,
        ...secret,
        // The Secret as an operator fills it.
        GARDENOS_ADMIN_KEYS: "probe-admin-key-0123456789abcdef",
        REPLICA_ID: `${service}-probe`,
        NATS_URL: nats.url,
        STREAM_REPLICAS: "1",
        HOST: "127.0.0.1",
        // The gateway opens a copy of the run's migrated database (initdb is seconds of CPU).
        PGLITE_DIR: service === "gateway" ? seededPgliteDir(join(dir, service)) : join(dir, service),
        LOG_LEVEL: "warn",
        [service === "gateway" ? "PORT" : "HEALTH_PORT"]: String(port),
      };
      const child = spawn(process.execPath, [join(ROOT, main)], { env, stdio: ["ignore", "ignore", "pipe"] });
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      try {
        for (const probe of ["startupProbe", "livenessProbe", "readinessProbe"]) {
          const path = c[probe].httpGet.path as string;
          const deadline = Date.now() + 30_000;
          let status = 0;
          while (Date.now() < deadline && status !== 200) {
            if (child.exitCode !== null) throw new Error(`${service} exited: ${stderr}`);
            status = await fetch(`http://127.0.0.1:${port}${path}`).then((r) => r.status, () => 0);
            if (status !== 200) await new Promise((r) => setTimeout(r, 100));
          }
          expect(status, `${service} ${probe} ${path}`).toBe(200);
        }
        // The gateway's bundle finds the built dashboard (dist/dashboard, beside it; not the sources one folder up).
        if (service === "gateway") for (const f of ["", "/app.js", "/app.css"]) expect((await fetch(`http://127.0.0.1:${port}/dashboard${f}`)).status, `${main} /dashboard${f}`).toBe(200);
      } finally {
        child.kill("SIGTERM");
      }
      expect(await exited, `${service} exit code after SIGTERM (${stderr})`).toBe(0);
    }
  }, 120_000);
});
