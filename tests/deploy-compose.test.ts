import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { agentTypes, leadAnalysis } from "@gardenos/contracts";
import { brokerRoles, startHealthServer } from "@gardenos/runtime";
import { DEPLOY, ROOT, SECRET_KEYS, findDockerCompose, parseYamlDocs, readYaml, schemaKeys, serviceSchemas, skipWithout } from "./helpers/deploy.js";

/**
 * The container image and the compose stack, checked without a Docker engine: docker-compose
 * (Debian's package) resolves and validates the compose file, nats-server validates the NATS
 * config, the Dockerfile names files that exist and builds with the npm scripts CI runs, and the
 * image's health check script is run against a real health server.
 */

const COMPOSE = join(DEPLOY, "compose.yaml");
const compose = findDockerCompose();
const DOCKERFILE = join(DEPLOY, "docker/Dockerfile");

/** The broker passwords compose requires (no defaults): placeholders for validation. */
const BROKER_ENV = Object.fromEntries(brokerRoles(agentTypes.list()).map((r) => [r.passwordEnv, `test-${r.user}`]));

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = { ...process.env, ...BROKER_ENV }) {
  if (cmd === compose.name && !compose.found) throw new Error(`${compose.why} (.ci/run installs it)`);
  const r = spawnSync(cmd, args, { encoding: "utf8", env, cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
  if (r.error) throw new Error(`${cmd} is needed here (.ci/run installs it): ${r.error.message}`);
  return r;
}

/** The variables compose requires (no default passwords), as an operator sets them in deploy/.env. */
const REQUIRED = { POSTGRES_PASSWORD: "pg-test-0123456789abcdef", GRAFANA_ADMIN_PASSWORD: "grafana-test-0123456789abcdef" };
/** The environment without them (and without a deploy/.env's copy: the project directory is empty). */
const withoutRequired = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !(k in REQUIRED)));
/** With every required variable: the passwords above and the broker users' (BROKER_ENV, below). */
const withRequired = (): NodeJS.ProcessEnv => ({ ...withoutRequired(), ...REQUIRED, ...BROKER_ENV });

describe.skipIf(skipWithout(compose, "compose validation"))("deploy/compose.yaml", () => {
  let resolved: any;
  const raw = () => readFileSync(COMPOSE, "utf8");

  beforeAll(() => {
    const r = run("docker-compose", ["-f", COMPOSE, "config"], withRequired());
    expect(r.status, r.stderr).toBe(0);
    resolved = parseYamlDocs(r.stdout)[0];
  });

  it("is a valid compose file (docker-compose config)", () => {
    expect(run("docker-compose", ["-f", COMPOSE, "config", "-q"], withRequired()).status).toBe(0);
    expect(Object.keys(resolved.services).sort()).toEqual(
      ["email-classification", "follow-up", "gateway", "grafana", "lead-analysis-1", "lead-analysis-2", "metrics", "nats-1", "nats-2", "nats-3", "postgres", "prometheus"].sort(),
    );
  });

  it("has no default passwords: without POSTGRES_PASSWORD or GRAFANA_ADMIN_PASSWORD it refuses, naming the variable", () => {
    const projectDir = mkdtempSync(join(tmpdir(), "gardenos-compose-"));
    try {
      for (const name of Object.keys(REQUIRED)) {
        const env = { ...withRequired() };
        delete env[name];
        // --project-directory: an empty folder, so no deploy/.env on this machine fills the gap.
        const r = run("docker-compose", ["--project-directory", projectDir, "-f", COMPOSE, "config", "-q"], env);
        expect(r.status, name).not.toBe(0);
        expect(r.stderr, name).toContain(`set ${name}`);
      }
    } finally {
      rmSync(projectDir, { recursive: true, force: true });
    }
    // The values reach the services that use them: Postgres, the gateway's URL, Grafana.
    expect(resolved.services.postgres.environment.POSTGRES_PASSWORD).toBe(REQUIRED.POSTGRES_PASSWORD);
    expect(resolved.services.gateway.environment.DATABASE_URL).toContain(`:${REQUIRED.POSTGRES_PASSWORD}@postgres:5432/`);
    expect(resolved.services.grafana.environment.GF_SECURITY_ADMIN_PASSWORD).toBe(REQUIRED.GRAFANA_ADMIN_PASSWORD);
    // No `${VAR:-default}` for a password anywhere in the file.
    for (const line of raw().split("\n")) if (/PASSWORD/.test(line) && line.includes("${")) expect(line, line).not.toMatch(/\$\{[A-Z_]*PASSWORD:-/);
    // Each service gets only its own credentials: agents no database URL or API keys, the gateway no LLM keys.
    for (const [name, svc] of Object.entries<any>(resolved.services)) {
      const keys = Object.keys(svc.environment ?? {});
      if (name !== "gateway") expect(keys.filter((k) => k === "DATABASE_URL" || k.startsWith("GARDENOS_") && k.endsWith("_KEYS")), name).toEqual([]);
      // LLM keys only for the agent services (every registered type's: lead-analysis, follow-up, email-classification …).
      if (!agentTypes.list().some((d) => name === d.service || name.startsWith(`${d.service}-`))) expect(keys.filter((k) => /(DEEPINFRA|LLM)_API_KEY/.test(k)), name).toEqual([]);
    }
  });

  it("runs a 3-node JetStream cluster with health checks and monitoring, from a config nats-server accepts", () => {
    for (const n of ["nats-1", "nats-2", "nats-3"]) {
      const s = resolved.services[n];
      expect(s.environment.SERVER_NAME).toBe(n);
      expect(s.healthcheck.test.join(" ")).toContain("8222/healthz");
      expect(s.volumes.some((v: any) => (typeof v === "string" ? v : v.target ?? "").includes("/data"))).toBe(true);
    }
    const conf = join(DEPLOY, "nats/nats.conf");
    const text = readFileSync(conf, "utf8");
    for (const n of ["nats-1", "nats-2", "nats-3"]) expect(text).toContain(`nats-route://${n}:6222`);
    expect(text).toMatch(/^http: 0\.0\.0\.0:8222$/m);
    const t = run("nats-server", ["-c", conf, "-t"], { ...process.env, ...BROKER_ENV, SERVER_NAME: "nats-1" });
    expect(t.status, t.stderr + t.stdout).toBe(0);
  });

  it("requires the broker passwords, gives every service its own user, and publishes no port beyond loopback but the gateway's", () => {
    // Without the passwords compose refuses to resolve the file (required variables, no defaults).
    const bare = Object.fromEntries(Object.entries(withRequired()).filter(([k]) => !k.endsWith("_NATS_PASSWORD")));
    const r = run("docker-compose", ["-f", COMPOSE, "config", "-q"], bare);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("_NATS_PASSWORD");
    expect(readFileSync(join(DEPLOY, "nats/nats.conf"), "utf8")).toMatch(/^include \.\/auth\.conf$/m);
    for (const [name, s] of Object.entries<any>(resolved.services)) {
      for (const p of s.ports ?? []) {
        if (name === "gateway") continue;
        const hostIp = typeof p === "string" ? p.split(":")[0] : p.host_ip;
        expect(hostIp, `${name} publishes ${JSON.stringify(p)} beyond loopback`).toBe("127.0.0.1");
      }
      if (String(s.image).startsWith("gardenos:")) {
        const service = /^services\/([^/]+)\/dist\/main\.bundle\.mjs$/.exec(s.command[0])![1]!;
        expect(s.environment.NATS_USER, name).toBe(service);
        expect(s.environment.NATS_PASSWORD, name).toBe(BROKER_ENV[`${service.toUpperCase().replace(/-/g, "_")}_NATS_PASSWORD`]);
      }
    }
    for (const n of ["nats-1", "nats-2", "nats-3"]) expect(Object.keys(resolved.services[n].environment)).toEqual(expect.arrayContaining(Object.keys(BROKER_ENV)));
  });

  it("runs every service from the one image with variables the services read, streams at 3 replicas", async () => {
    const schemas = await serviceSchemas();
    const gardenos = Object.entries<any>(resolved.services).filter(([, s]) => String(s.image).startsWith("gardenos:"));
    const byService = new Map<string, string[]>();
    for (const [name, s] of gardenos) {
      const main = s.command[0] as string;
      expect(existsSync(join(ROOT, main)), `${name}: ${main}`).toBe(true);
      const service = /^services\/([^/]+)\/dist\/main\.bundle\.mjs$/.exec(main)![1]!;
      byService.set(service, [...(byService.get(service) ?? []), name]);
      expect(s.build.dockerfile).toBe("deploy/docker/Dockerfile");
      const keys = schemaKeys(schemas[service]!.schemas);
      for (const k of Object.keys(s.environment)) expect(keys.has(k), `${name}: ${k} is read by ${service}`).toBe(true);
      expect(s.environment.STREAM_REPLICAS).toBe("3");
      expect(s.environment.NATS_URL.split(",").sort()).toEqual(["nats://nats-1:4222", "nats://nats-2:4222", "nats://nats-3:4222"]);
      for (const n of ["nats-1", "nats-2", "nats-3"]) expect(s.depends_on[n].condition).toBe("service_healthy");
      // The image's HEALTHCHECK reads HEALTH_PORT (agents, metrics) or PORT (gateway).
      if (service === "gateway") expect(s.environment).toMatchObject({ HOST: "0.0.0.0", PORT: "8000" });
      else expect(Number(s.environment.HEALTH_PORT)).toBeGreaterThan(0);
      expect(parseInt(String(s.stop_grace_period), 10)).toBeGreaterThan(Number(s.environment.LEAD_ANALYSIS_TIMEOUT ?? 30));
    }
    expect([...byService.keys()].sort()).toEqual(Object.keys(schemas).sort());
    expect(byService.get(leadAnalysis.service)).toHaveLength(2);
    const replicaIds = agentTypes.list().flatMap((d) => byService.get(d.service) ?? []).map((n) => resolved.services[n].environment.REPLICA_ID);
    expect(new Set(replicaIds).size).toBe(replicaIds.length);
    expect(resolved.services.gateway.depends_on.postgres.condition).toBe("service_healthy");
    expect(resolved.services.gateway.environment.DATABASE_URL).toMatch(/^postgres:\/\/.+@postgres:5432\//);
    // Secrets are never literals in the file: they come from the environment or deploy/.env.
    for (const line of raw().split("\n")) {
      const m = /^\s+([A-Z_]+):\s*(.+)$/.exec(line);
      if (m && SECRET_KEYS.test(m[1]!)) expect(m[2], line).toContain("${");
    }
  });

  it("scrapes the ports the services serve /metrics on, and loads the dashboards into Grafana", () => {
    const prom = readYaml(join(DEPLOY, "prometheus/prometheus.yml"));
    const targets = prom.scrape_configs.flatMap((c: any) => c.static_configs.flatMap((s: any) => s.targets));
    expect(targets).toContain(`gateway:${resolved.services.gateway.environment.PORT}`);
    expect(targets).toContain(`metrics:${resolved.services.metrics.environment.HEALTH_PORT}`);
    const mounts = resolved.services.grafana.volumes.map((v: any) => (typeof v === "string" ? v : `${v.source}:${v.target}`));
    expect(mounts.some((m: string) => m.includes("deploy/grafana:"))).toBe(true);
    expect(mounts.some((m: string) => m.includes("deploy/compose/grafana:/etc/grafana/provisioning"))).toBe(true);
    expect(resolved.volumes).toHaveProperty("postgres-data");
  });
});

describe("deploy/docker/Dockerfile", () => {
  const text = () => readFileSync(DOCKERFILE, "utf8");
  const instructions = () =>
    text()
      .replace(/\\\n/g, " ")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("#"));

  it("is multi-stage on Node 24 slim, runs as a non-root user, with node as PID 1 (no shell)", () => {
    const ins = instructions();
    const froms = ins.filter((l) => l.startsWith("FROM "));
    expect(froms.length).toBeGreaterThanOrEqual(2);
    expect(text()).toMatch(/ARG NODE_IMAGE=node:24[\w.-]*-slim/);
    const user = ins.filter((l) => l.startsWith("USER ")).pop();
    expect(user).toBe("USER node");
    const entry = ins.find((l) => l.startsWith("ENTRYPOINT "))!;
    expect(JSON.parse(entry.slice("ENTRYPOINT ".length))).toEqual(["node"]);
    const cmd = JSON.parse(ins.find((l) => l.startsWith("CMD "))!.slice(4)) as string[];
    expect(existsSync(join(ROOT, cmd[0]!)), cmd[0]).toBe(true);
    const hc = ins.find((l) => l.startsWith("HEALTHCHECK "))!;
    const hcCmd = JSON.parse(hc.slice(hc.indexOf("CMD ") + 4)) as string[];
    expect(hcCmd[0]).toBe("node");
    expect(existsSync(join(ROOT, hcCmd[1]!)), hcCmd[1]).toBe(true);
  });

  it("builds with the same npm scripts CI runs, keeps production dependencies only, and names files that exist", () => {
    const ins = instructions();
    const runs = ins.filter((l) => l.startsWith("RUN ")).join("\n");
    const ci = readFileSync(join(ROOT, ".ci/run"), "utf8");
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    // `npm ci` runs `prepare`, which is the build (`npm run build` → tsc --build) — as in .ci/run.
    expect(runs).toMatch(/\bnpm ci\b/);
    expect(ci).toMatch(/\bnpm ci\b/);
    expect(pkg.scripts.prepare).toBe("npm run build");
    expect(pkg.scripts.build).toContain("tsc --build");
    expect(runs).toContain("npm prune --omit=dev");
    for (const copy of ins.filter((l) => l.startsWith("COPY ") && !l.includes("--from="))) {
      const parts = copy.split(/\s+/).slice(1).filter((p) => !p.startsWith("--"));
      for (const src of parts.slice(0, -1)) expect(existsSync(join(ROOT, src)), `COPY source ${src}`).toBe(true);
    }
    // Every service the compose file and the manifests start is a file of the built tree.
    for (const m of text().matchAll(/services\/[\w-]+\/dist\/main\.js/g)) expect(existsSync(join(ROOT, m[0]))).toBe(true);
    const ignore = readFileSync(join(ROOT, ".dockerignore"), "utf8").split("\n");
    expect(ignore).toEqual(expect.arrayContaining(["**/node_modules", "**/dist", ".git"]));
  });
});

describe("the image's health check script", () => {
  let ready = true;
  let health: Awaited<ReturnType<typeof startHealthServer>>;
  const script = join(DEPLOY, "docker/healthcheck.mjs");
  // Asynchronous: the health server answers from this very process.
  const check = (env: Record<string, string>) =>
    new Promise<number | null>((resolve) => spawn(process.execPath, [script], { env: { PATH: process.env.PATH, ...env }, stdio: "ignore" }).once("exit", resolve));

  beforeAll(async () => {
    health = await startHealthServer({ port: 0, host: "127.0.0.1", ready: async () => ({ nats: ready }) });
  });
  it("passes when /readyz answers 200 on HEALTH_PORT (or PORT) and fails otherwise", async () => {
    ready = true;
    expect(await check({ HEALTH_PORT: String(health.port) })).toBe(0);
    expect(await check({ HEALTH_PORT: "0", PORT: String(health.port) })).toBe(0);
    ready = false;
    expect(await check({ HEALTH_PORT: String(health.port) })).toBe(1);
    await health.close();
    expect(await check({ HEALTH_PORT: String(health.port) })).toBe(1);
  });
});
