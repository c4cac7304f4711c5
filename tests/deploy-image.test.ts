import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEPLOY, ROOT } from "./helpers/deploy.js";

/**
 * What goes into the image, checked without a Docker engine: the build context (.dockerignore,
 * read with Docker's rules) holds no environment, key or credentials file, the build stage
 * copies sources by name, and the runtime stage copies each package's package.json and dist/
 * (plus the gateway's migrations and the health check) — nothing else of the context. The
 * repository ignores the same secrets files (.gitignore) and holds none.
 */

const DOCKERFILE = join(DEPLOY, "docker/Dockerfile");

/** .dockerignore as Docker reads it: in order, the last matching pattern wins, `!` lets back in, a match on a folder covers what is in it. */
function dockerignore(text: string): (path: string) => boolean {
  const rules = text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => {
      const negate = l.startsWith("!");
      const pattern = (negate ? l.slice(1) : l).replace(/^\/+/, "").replace(/\/+$/, "");
      const re = pattern
        .split("**/")
        .map((part) =>
          part
            .replace(/[.+^${}()|[\]\\]/g, "\\$&")
            .replace(/\*\*/g, "\u0000")
            .replace(/\*/g, "[^/]*")
            .replace(/\?/g, "[^/]")
            .replace(/\u0000/g, ".*"),
        )
        .join("(?:.*/)?");
      return { negate, re: new RegExp(`^${re}$`) };
    });
  return (path: string) => {
    const parts = path.split("/");
    const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join("/"));
    let excluded = false;
    for (const r of rules) if (prefixes.some((p) => r.re.test(p))) excluded = !r.negate;
    return excluded;
  };
}

const excluded = dockerignore(readFileSync(join(ROOT, ".dockerignore"), "utf8"));

/** Dockerfile instructions (continuations joined, comments dropped), per stage. */
function stages(): Array<{ name: string; instructions: string[] }> {
  const lines = readFileSync(DOCKERFILE, "utf8")
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const out: Array<{ name: string; instructions: string[] }> = [];
  for (const l of lines) {
    if (l.startsWith("FROM ")) out.push({ name: / AS (\S+)$/i.exec(l)?.[1] ?? "", instructions: [] });
    else out.at(-1)?.instructions.push(l);
  }
  return out;
}

/** [sources, destination] of every COPY of a stage; `from` is the --from stage, if any. */
function copies(instructions: string[]) {
  return instructions
    .filter((l) => l.startsWith("COPY "))
    .map((l) => {
      const words = l.split(/\s+/).slice(1);
      const from = words.find((w) => w.startsWith("--from="))?.slice("--from=".length);
      const paths = words.filter((w) => !w.startsWith("--"));
      return { from, sources: paths.slice(0, -1), dest: paths.at(-1)! };
    });
}

/** The repository's files (tracked and untracked, not ignored), as the build context would see them before .dockerignore. */
function repoFiles(): string[] {
  const r = spawnSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split("\n").filter(Boolean);
}

/** Files that hold secrets, wherever they are. */
const SECRET_FILES = [
  "deploy/.env",
  ".env",
  ".env.local",
  ".env.production",
  "services/gateway/.env",
  "deploy/k8s/overlays/prod/secrets.env",
  "deploy/nats/crm.creds",
  "deploy/nats/gateway.nk",
  "deploy/nats/tls/server.key",
  "deploy/nats/tls/server.pem",
  "libs/runtime/tls/client.key",
  "services/gateway/secrets/admin-keys",
  "cli/.npmrc",
];

describe(".dockerignore: the build context", () => {
  it("leaves out every environment, key, certificate and credentials file, at any depth", () => {
    for (const f of SECRET_FILES) expect(excluded(f), f).toBe(true);
    for (const f of [".git/config", "node_modules/pino/package.json", "libs/runtime/dist/index.js", "libs/runtime/tests/x.test.ts", "results/out.csv", "tests/deploy-k8s.test.ts"]) {
      expect(excluded(f), f).toBe(true);
    }
    // The deploy folder stays out but for what the build names.
    for (const f of ["deploy/compose.yaml", "deploy/k8s/base/config.yaml", "deploy/README.md", "deploy/nats/nats.conf", "samples/leads.csv"]) expect(excluded(f), f).toBe(true);
  });

  it("holds what the build needs", () => {
    for (const f of ["package.json", "package-lock.json", "tsconfig.json", "libs/runtime/src/index.ts", "services/gateway/drizzle/0000_init.sql", "cli/src/main.ts", "deploy/docker/healthcheck.mjs", "deploy/scripts/generate-manifests.ts"]) {
      expect(excluded(f), f).toBe(false);
    }
  });

  it("no file of this checkout that looks like a secret would be sent to the builder", () => {
    const secretLike = /(^|\/)(\.env(\..*)?|[^/]*\.(env|pem|key|crt|creds|nk|seed|p12|pfx))$/;
    const leaks = repoFiles().filter((f) => secretLike.test(f) && !excluded(f));
    expect(leaks).toEqual([]);
  });
});

describe("deploy/docker/Dockerfile: only what the image needs", () => {
  const [build, runtime] = ["build", "runtime"].map((n) => stages().find((s) => s.name === n));

  it("copies the build's sources by name, each let in by .dockerignore (no `COPY .`, no ADD)", () => {
    expect(build).toBeDefined();
    for (const s of stages()) expect(s.instructions.filter((l) => l.startsWith("ADD "))).toEqual([]);
    const files = repoFiles();
    for (const c of copies(build!.instructions)) {
      expect(c.from).toBeUndefined();
      for (const src of c.sources) {
        expect(src, "a whole-context copy would take anything not ignored").not.toMatch(/^\.\/?$/);
        const clean = src.replace(/\/$/, "");
        // A file, or a folder with at least one file the context holds.
        const inContext = files.filter((f) => f === clean || f.startsWith(`${clean}/`)).filter((f) => !excluded(f));
        expect(inContext.length, `COPY ${src}: nothing of it is in the build context`).toBeGreaterThan(0);
      }
    }
  });

  it("runtime: each package's package.json and dist/, the migrations and the health check — no sources, deploy files or .env", () => {
    expect(runtime).toBeDefined();
    const cs = copies(runtime!.instructions);
    const fromBuild = cs.filter((c) => c.from === "build").flatMap((c) => c.sources.map((s) => s.replace(/^\/app\//, "").replace(/\/$/, "")));
    const fromContext = cs.filter((c) => c.from === undefined).flatMap((c) => c.sources);
    const allowed = /^(package\.json|package-lock\.json|node_modules|(libs|services)\/[\w-]+\/(package\.json|dist)|services\/gateway\/drizzle|cli\/(package\.json|dist))$/;
    for (const s of fromBuild) expect(s, `runtime COPY --from=build ${s}`).toMatch(allowed);
    expect(fromContext).toEqual(["deploy/docker/healthcheck.mjs"]);
    expect(cs.every((c) => c.from === undefined || c.from === "build")).toBe(true);

    // Every program the image runs has its workspace dependencies, transitively, with package.json and dist/.
    const pkgDir = (name: string) => {
      for (const group of ["libs", "services"]) {
        for (const d of readdirSync(join(ROOT, group))) {
          const pkg = JSON.parse(readFileSync(join(ROOT, group, d, "package.json"), "utf8")) as { name: string };
          if (pkg.name === name) return `${group}/${d}`;
        }
      }
      throw new Error(`no workspace package ${name}`);
    };
    const needed = new Set<string>();
    const visit = (dir: string) => {
      if (needed.has(dir)) return;
      needed.add(dir);
      const pkg = JSON.parse(readFileSync(join(ROOT, dir, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
      for (const dep of Object.keys(pkg.dependencies ?? {}).filter((d) => d.startsWith("@gardenos/"))) visit(pkgDir(dep));
    };
    for (const d of readdirSync(join(ROOT, "services"))) visit(`services/${d}`);
    visit("cli");
    for (const dir of needed) {
      expect(fromBuild, `${dir}/package.json`).toContain(`${dir}/package.json`);
      expect(fromBuild, `${dir}/dist`).toContain(`${dir}/dist`);
    }
    expect(fromBuild).toContain("services/gateway/drizzle");
    expect(fromBuild).toContain("node_modules");
    // The gateway finds its migrations next to its dist/ (services/gateway/src/db/index.ts).
    expect(readFileSync(join(ROOT, "services/gateway/src/db/index.ts"), "utf8")).toContain('new URL("../../drizzle", import.meta.url)');
  });
});

describe("deploy/docker/Dockerfile: the services' heap settings", () => {
  it("sets NODE_OPTIONS to the flags the local stack and the bench run the services with", async () => {
    const { SERVICE_NODE_OPTIONS } = await import("@gardenos/runtime");
    const env = stages().find((st) => st.name === "runtime")!.instructions.filter((l) => l.startsWith("ENV ")).join(" ");
    expect(/NODE_OPTIONS="([^"]*)"/.exec(env)?.[1]).toBe(SERVICE_NODE_OPTIONS);
  });

  it("sets the process environment the local stack and the bench give the services (MALLOC_ARENA_MAX)", async () => {
    const { SERVICE_PROCESS_ENV } = await import("@gardenos/runtime");
    const env = stages().find((st) => st.name === "runtime")!.instructions.filter((l) => l.startsWith("ENV ")).join(" ");
    expect(Object.keys(SERVICE_PROCESS_ENV)).toContain("MALLOC_ARENA_MAX");
    for (const [k, v] of Object.entries(SERVICE_PROCESS_ENV)) expect(new RegExp(`(^|\\s)${k}=([^\\s]+)`).exec(env)?.[2], k).toBe(v);
  });
});

describe(".gitignore: secrets stay out of the repository", () => {
  it("ignores every secrets file and keeps examples", () => {
    const r = spawnSync("git", ["check-ignore", "--no-index", ...SECRET_FILES], { cwd: ROOT, encoding: "utf8" });
    // A project .npmrc (registry settings) may be committed; a token in it must not be (.dockerignore drops it).
    expect(r.stdout.split("\n").filter(Boolean).sort()).toEqual(SECRET_FILES.filter((f) => !f.endsWith(".npmrc")).sort());
    const example = spawnSync("git", ["check-ignore", "--no-index", "deploy/.env.example"], { cwd: ROOT, encoding: "utf8" });
    expect(example.status, "deploy/.env.example may be committed").toBe(1);
  });

  it("the repository holds no secrets file", () => {
    const tracked = spawnSync("git", ["ls-files"], { cwd: ROOT, encoding: "utf8" }).stdout.split("\n").filter(Boolean);
    expect(tracked.filter((f) => /(^|\/)(\.env(\.(?!example$).*)?|[^/]*\.(pem|key|creds|nk|seed|p12|pfx)|secrets\.env)$/.test(f))).toEqual([]);
  });
});
