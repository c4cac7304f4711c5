import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "@nats-io/transport-node";
import { agentTypes } from "@gardenos/contracts";
import { brokerRoles } from "@gardenos/runtime";
import { startNats } from "./helpers/nats.js";
import { DEPLOY, findKubectl, readYaml, renderKustomize, skipWithout, type K8sObject } from "./helpers/deploy.js";

/**
 * The NATS Helm values (chart nats/nats 1.x) load the broker users: deploy/nats/auth.conf as the
 * ConfigMap gardenos-nats-auth (rendered by the overlays), mounted into the NATS container,
 * included into nats.conf, and every password it refers to passed from the Secret the service
 * connects with. There is no helm binary here: the chart's part — nats.conf from `config.merge`
 * (its `$include` and `<< >>` rules), the mounts from the JSON patches — is reproduced from the
 * chart's documented behaviour, and nats-server then runs that configuration for real.
 */

const VALUES = ["k8s/nats/values.yaml", "k8s/nats/values-dev.yaml"] as const;
const OVERLAY_OF: Record<(typeof VALUES)[number], string> = { "k8s/nats/values.yaml": "prod", "k8s/nats/values-dev.yaml": "dev" };
/** Where the chart writes nats.conf; include paths are relative to it. */
const CHART_CONFIG_DIR = "/etc/nats-config";

const skip = skipWithout(findKubectl(), "the NATS Helm values tests (kubectl kustomize)");
const authConf = readFileSync(join(DEPLOY, "nats/auth.conf"), "utf8");
const rendered: Record<string, K8sObject[]> = {};

const one = (objs: K8sObject[], kind: string, name: string): K8sObject => {
  const o = objs.find((x) => x.kind === kind && x.metadata.name === name);
  if (!o) throw new Error(`no ${kind}/${name}`);
  return o;
};

/** The chart's nats.formatConfig: `…$include` keys become include directives, `<< x >>` is written bare. */
function chartNatsConf(config: Record<string, unknown>): string {
  return JSON.stringify(config, null, 2)
    .replace(/".*\$include": "(.*)",?/g, "include $1;")
    .replace(/"<<\s+(.*)\s+>>"/g, "$1");
}

/** What the values' JSON patches add: the volume (pod template) and its mount (nats container). */
function authMount(values: any): { volume: any; mount: any; includePath: string } {
  const include = Object.entries(values.config?.merge ?? {}).filter(([k]) => k.endsWith("$include"));
  expect(include, "config.merge has one $include").toHaveLength(1);
  const includePath = posix.join(CHART_CONFIG_DIR, String(include[0]![1]));
  const volumes = (values.podTemplate?.patch ?? []).filter((p: any) => p.op === "add" && p.path === "/spec/volumes/-").map((p: any) => p.value);
  const mounts = (values.container?.patch ?? []).filter((p: any) => p.op === "add" && p.path === "/volumeMounts/-").map((p: any) => p.value);
  const mount = mounts.find((m: any) => includePath.startsWith(`${m.mountPath}/`));
  expect(mount, `a volumeMount holds ${includePath}`).toBeDefined();
  const volume = volumes.find((v: any) => v.name === mount.name);
  expect(volume, `podTemplate.patch adds the volume ${mount.name}`).toBeDefined();
  return { volume, mount, includePath };
}

/** The container command of the values (container.patch `add /command`). */
function command(values: any): string[] {
  const op = (values.container?.patch ?? []).find((p: any) => p.op === "add" && p.path === "/command");
  expect(op, "container.patch sets the command").toBeDefined();
  return op.value as string[];
}

beforeAll(() => {
  if (skip) return;
  for (const overlay of new Set(Object.values(OVERLAY_OF))) rendered[overlay] = renderKustomize(join(DEPLOY, "k8s/overlays", overlay));
});

describe.skipIf(skip).each(VALUES)("%s", (file) => {
  const values = () => readYaml(join(DEPLOY, file)) as any;
  const objs = () => rendered[OVERLAY_OF[file]]!;

  it("includes auth.conf from the ConfigMap gardenos-nats-auth, which the overlay renders from deploy/nats/auth.conf", () => {
    const { volume, mount, includePath } = authMount(values());
    expect(volume.configMap.name).toBe("gardenos-nats-auth");
    expect(mount.subPath, "a directory mount, so updates reach the pod").toBeUndefined();
    // Under /etc/: the chart mirrors the mount into its config reloader (natsVolumeMountPrefixes), which watches includes.
    expect(mount.mountPath.startsWith("/etc/")).toBe(true);
    const cm = one(objs(), "ConfigMap", "gardenos-nats-auth");
    expect(posix.relative(mount.mountPath, includePath)).toBe("auth.conf");
    expect(cm.data["auth.conf"]).toBe(authConf);
  });

  it("passes every password auth.conf refers to from the Secret its service connects with", () => {
    const env = values().container.env as Record<string, any>;
    const referenced = [...authConf.matchAll(/password: \$([A-Z0-9_]+)/g)].map((m) => m[1]!);
    expect(referenced.length).toBe(brokerRoles(agentTypes.list()).length);
    expect(Object.keys(env).sort()).toEqual([...referenced].sort());
    for (const name of referenced) {
      const ref = env[name].valueFrom.secretKeyRef;
      const secret = one(objs(), "Secret", ref.name);
      expect(secret.stringData ?? secret.data, `${ref.name} has ${ref.key}`).toHaveProperty(ref.key);
    }
    // The services' own NATS_PASSWORD comes from the Secret the server reads for their user.
    const deployments = objs().filter((o) => o.kind === "Deployment" && String(o.spec.template.spec.containers[0].image).includes("gardenos"));
    expect(deployments.length).toBeGreaterThanOrEqual(4);
    for (const d of deployments) {
      const cEnv = d.spec.template.spec.containers[0].env as { name: string; value?: string; valueFrom?: any }[];
      const user = cEnv.find((e) => e.name === "NATS_USER")?.value;
      const password = cEnv.find((e) => e.name === "NATS_PASSWORD")?.valueFrom?.secretKeyRef;
      expect(user, `${d.metadata.name} NATS_USER`).toBeDefined();
      const role = brokerRoles(agentTypes.list()).find((r) => r.user === user)!;
      expect(env[role.passwordEnv].valueFrom.secretKeyRef, d.metadata.name).toEqual(password);
    }
  });

  it("a nats-server with the chart's nats.conf for these values loads the users: each role in with its password, others refused", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gardenos-helm-nats-"));
    const { mount, includePath } = authMount(values());
    // The pod's file system under dir: nats.conf where the chart writes it, auth.conf where the ConfigMap is mounted.
    const at = (p: string) => join(dir, p);
    mkdirSync(at(CHART_CONFIG_DIR), { recursive: true });
    mkdirSync(at(mount.mountPath), { recursive: true });
    writeFileSync(at(includePath), one(objs(), "ConfigMap", "gardenos-nats-auth").data["auth.conf"]);
    const natsConf = chartNatsConf(values().config.merge);
    expect(natsConf).toContain(`include ${values().config.merge.$include};`);
    writeFileSync(at(`${CHART_CONFIG_DIR}/nats.conf`), natsConf);
    // The Secrets as an operator fills them.
    const roles = brokerRoles(agentTypes.list());
    const passwords = Object.fromEntries(roles.map((r) => [r.passwordEnv, `pw-${r.user}-0123456789`]));
    const nats = await startNats({ configFile: at(`${CHART_CONFIG_DIR}/nats.conf`), env: passwords });
    try {
      for (const r of roles) {
        const nc = await connect({ servers: nats.url, user: r.user, pass: passwords[r.passwordEnv], inboxPrefix: r.inboxPrefix, reconnect: false });
        await nc.flush();
        await nc.close();
      }
      await expect(connect({ servers: nats.url, reconnect: false })).rejects.toMatchObject({ name: "AuthorizationError" });
      await expect(connect({ servers: nats.url, user: "gateway", pass: "", reconnect: false })).rejects.toMatchObject({ name: "AuthorizationError" });
      if (values().config.merge.max_payload !== undefined) {
        const varz = (await (await fetch(`http://127.0.0.1:${nats.monitorPort}/varz`)).json()) as { max_payload: number };
        expect(varz.max_payload).toBe(2 * 1024 * 1024);
      }
    } finally {
      await nats.cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the container command refuses to start nats-server while a broker password is empty (an unfilled Secret), else execs it", () => {
    const [sh, ...rest] = command(values());
    const env = { PATH: process.env.PATH, ...Object.fromEntries(brokerRoles(agentTypes.list()).map((r) => [r.passwordEnv, "set"])) };
    // The chart's args follow the command; --version instead of --config: the exec is what matters here.
    const ok = spawnSync(sh!, [...rest, "--version"], { env, encoding: "utf8" });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/nats-server: v\d/);
    const empty = spawnSync(sh!, [...rest, "--version"], { env: { ...env, GATEWAY_NATS_PASSWORD: "", CRM_NATS_PASSWORD: "" }, encoding: "utf8" });
    expect(empty.status).toBe(78);
    expect(empty.stdout).toBe("");
    expect(empty.stderr).toMatch(/empty broker password\(s\):.*GATEWAY_NATS_PASSWORD/);
    expect(empty.stderr).toContain("CRM_NATS_PASSWORD");
  });
});

describe("without these values: why the command guard exists", () => {
  it("nats-server 2.9 lets a user in with an empty password when its variable is set but empty", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gardenos-helm-nats-empty-"));
    const conf = join(dir, "nats.conf");
    writeFileSync(conf, 'authorization {\n  users = [ { user: "gateway", password: $GATEWAY_NATS_PASSWORD } ]\n}\n');
    const nats = await startNats({ configFile: conf, env: { GATEWAY_NATS_PASSWORD: "" } });
    try {
      const nc = await connect({ servers: nats.url, user: "gateway", pass: "", reconnect: false });
      await nc.close();
    } finally {
      await nats.cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
