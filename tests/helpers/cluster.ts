import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NatsServer, freePort } from "@gardenos/runtime";

/**
 * A JetStream cluster on loopback: N nats-servers (default 3) with routes to each other, each with
 * its own temporary store, client port and monitoring port. Used by the cluster tests and the
 * scale-out benchmark (deploy/scripts/cluster-scaleout.ts), so it imports packages only.
 */

export interface ClusterNode {
  /** Server name (`n1`, `n2`, …), as JetStream reports it in leader and replica fields. */
  name: string;
  server: NatsServer;
  storeDir: string;
  clusterPort: number;
  /** nats://127.0.0.1:<client port> */
  url: string;
  /** http://127.0.0.1:<monitoring port> */
  monitorUrl: string;
}

export interface NatsCluster {
  name: string;
  nodes: ClusterNode[];
  /** Every client URL, comma-separated (what NATS_URL takes). */
  urls: string;
  node(name: string): ClusterNode;
  /**
   * Waits until every running node sees the same JetStream meta leader and (unless `healthy` is
   * false) answers 200 on /healthz.
   */
  waitForMetaLeader(timeoutMs?: number, o?: { healthy?: boolean }): Promise<string>;
  /** Each running node's /healthz answer (status and body), for a test's output. */
  health(): Promise<Record<string, string>>;
  /** GET <monitoring>/<path> on a node, parsed as JSON. */
  monitor<T = any>(node: ClusterNode, path: string): Promise<T>;
  /** Names of the client connections a node holds (from /connz). */
  connectionNames(node: ClusterNode): Promise<string[]>;
  /** SIGKILL a node (no clean shutdown: what a crashed machine looks like to the others). */
  kill(name: string): Promise<void>;
  /** Starts a stopped node again on the same ports and store. */
  restart(name: string): Promise<void>;
  /** Stops every node and removes the stores. Safe to call twice. */
  cleanup(): Promise<void>;
}

async function getJson<T>(url: string): Promise<T> {
  const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
  if (!r.ok) throw new Error(`GET ${url}: ${r.status}`);
  return (await r.json()) as T;
}

export async function startNatsCluster(size = 3): Promise<NatsCluster> {
  const clusterName = `gardenos-${randomBytes(3).toString("hex")}`;
  const base = mkdtempSync(join(tmpdir(), "gardenos-cluster-"));
  const ports = await Promise.all(Array.from({ length: size }, async () => ({ client: await freePort(), monitor: await freePort(), cluster: await freePort() })));
  const nodes: ClusterNode[] = ports.map((p, i) => {
    const name = `n${i + 1}`;
    const storeDir = join(base, name);
    const routes = ports.filter((_, j) => j !== i).map((o) => `nats://127.0.0.1:${o.cluster}`).join(",");
    const server = new NatsServer({
      storeDir,
      port: p.client,
      monitorPort: p.monitor,
      args: ["--server_name", name, "--cluster_name", clusterName, "--cluster", `nats://127.0.0.1:${p.cluster}`, "--routes", routes],
    });
    return { name, server, storeDir, clusterPort: p.cluster, url: `nats://127.0.0.1:${p.client}`, monitorUrl: `http://127.0.0.1:${p.monitor}` };
  });
  const running = new Set<string>();
  let cleaned = false;

  const cluster: NatsCluster = {
    name: clusterName,
    nodes,
    urls: nodes.map((n) => n.url).join(","),
    node(name) {
      const n = nodes.find((x) => x.name === name);
      if (!n) throw new Error(`no node ${name} (have ${nodes.map((x) => x.name).join(", ")})`);
      return n;
    },
    monitor(node, path) {
      return getJson(`${node.monitorUrl}${path}`);
    },
    async connectionNames(node) {
      const cz = await getJson<{ connections?: { name?: string }[] }>(`${node.monitorUrl}/connz?limit=1024`);
      return (cz.connections ?? []).map((c) => c.name ?? "").filter(Boolean);
    },
    async health() {
      const out: Record<string, string> = {};
      for (const n of nodes.filter((x) => running.has(x.name))) {
        out[n.name] = await fetch(`${n.monitorUrl}/healthz`, { signal: AbortSignal.timeout(2000) }).then(
          async (r) => `${r.status} ${(await r.text()).trim()}`,
          (e: unknown) => (e instanceof Error ? e.message : String(e)),
        );
      }
      return out;
    },
    async waitForMetaLeader(timeoutMs = 30_000, o = {}) {
      const needHealthy = o.healthy ?? true;
      const deadline = Date.now() + timeoutMs;
      let last = "";
      while (Date.now() < deadline) {
        try {
          const live = nodes.filter((n) => running.has(n.name));
          const views = await Promise.all(live.map((n) => getJson<{ meta_cluster?: { leader?: string; cluster_size?: number } }>(`${n.monitorUrl}/jsz`)));
          const leaders = new Set(views.map((v) => v.meta_cluster?.leader ?? ""));
          const [leader] = [...leaders];
          if (leaders.size === 1 && leader && views.every((v) => (v.meta_cluster?.cluster_size ?? 0) >= size)) {
            const healthy = await Promise.all(live.map((n) => fetch(`${n.monitorUrl}/healthz`).then((r) => r.ok, () => false)));
            if (!needHealthy || healthy.every(Boolean)) return leader;
            last = `leader ${leader}; /healthz ${JSON.stringify(await cluster.health())}`;
            await new Promise((r) => setTimeout(r, 100));
            continue;
          }
          last = JSON.stringify(views.map((v) => v.meta_cluster));
        } catch (e) {
          last = e instanceof Error ? e.message : String(e);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`JetStream cluster ${clusterName} has no meta leader after ${timeoutMs} ms (${last})`);
    },
    async kill(name) {
      await cluster.node(name).server.stop("SIGKILL");
      running.delete(name);
    },
    async restart(name) {
      await cluster.node(name).server.start();
      running.add(name);
    },
    async cleanup() {
      if (cleaned) return;
      cleaned = true;
      await Promise.all(nodes.map((n) => n.server.stop().catch(() => undefined)));
      rmSync(base, { recursive: true, force: true });
    },
  };

  try {
    await Promise.all(
      nodes.map(async (n) => {
        await n.server.start();
        running.add(n.name);
      }),
    );
    await cluster.waitForMetaLeader();
  } catch (e) {
    await cluster.cleanup();
    throw e;
  }
  return cluster;
}
