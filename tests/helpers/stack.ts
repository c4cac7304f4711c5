import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmailClassification } from "@gardenos/email-classification";
import { startFollowUp } from "@gardenos/follow-up";
import { startGateway, type Gateway } from "@gardenos/gateway";
import { startLeadAnalysis } from "@gardenos/lead-analysis";
import { startMetrics } from "@gardenos/metrics";
import { agentTypes } from "@gardenos/contracts";
import { startAgentService, writeLocalBrokerAuth, type AgentHandler, type LocalBrokerAuth, type ServiceHandle } from "@gardenos/runtime";
import { startNats } from "./nats.js";
import { seededPgliteDir } from "./pglite-template.js";

export interface TestStack {
  nats: Awaited<ReturnType<typeof startNats>>;
  /** With `brokerAuth`: the users and passwords the server knows, and its log file. */
  broker?: LocalBrokerAuth & { logFile: string };
  gateway: Gateway;
  url: string;
  env: NodeJS.ProcessEnv;
  /** Starts lead-analysis (or the test's handler), follow-up, email classification and metrics; returns lead-analysis. */
  startAgents(): Promise<ServiceHandle>;
  stop(): Promise<void>;
}

/**
 * The whole stack in this process, on its own nats-server: gateway (PGlite in a temp dir unless
 * `databaseUrl`), lead-analysis, follow-up, email classification and metrics, each with its own NATS connection.
 */
export async function startStack(
  opts: {
    databaseUrl?: string;
    env?: NodeJS.ProcessEnv;
    /** false: start only the gateway (queue tasks first, start agents later with startAgents). */
    agents?: boolean;
    /** A lead-analysis handler of the test's own instead of the built-in one. */
    leadHandler?: AgentHandler<any, any>;
    /** Start nats-server with the per-role users of libs/runtime/src/broker-auth.ts; each service connects as its own user. */
    brokerAuth?: boolean;
    /** With brokerAuth: tenants publishing over NATS (users `crm-<tenant>`; the gateway's NATS_TENANTS). */
    tenants?: string[];
  } = {},
): Promise<TestStack> {
  const dir = mkdtempSync(join(tmpdir(), "gardenos-stack-"));
  const broker = opts.brokerAuth ? { ...(await writeLocalBrokerAuth(join(dir, "broker"), agentTypes.list(), opts.tenants ? { tenants: opts.tenants } : {})), logFile: join(dir, "broker", "nats-server.log") } : undefined;
  const nats = await startNats(broker ? { configFile: broker.configFile, args: ["-l", broker.logFile] } : {});
  const env: NodeJS.ProcessEnv = {
    NATS_URL: nats.url,
    PORT: "0",
    LOG_LEVEL: "warn",
    LOG_FORMAT: "json",
    HEARTBEAT_INTERVAL: "0.5",
    PGLITE_DIR: opts.databaseUrl || opts.env?.DATABASE_URL ? join(dir, "pglite") : seededPgliteDir(join(dir, "pglite")),
    TASK_RETRY_BASE_MS: "50",
    ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
    ...(opts.tenants ? { NATS_TENANTS: opts.tenants.join(",") } : {}),
    ...opts.env,
  };
  /** The environment of one service: with brokerAuth, its own user. */
  const envOf = (user: string): NodeJS.ProcessEnv => {
    const u = broker?.users[user];
    return u ? { ...env, NATS_USER: u.user, NATS_PASSWORD: u.password } : env;
  };
  const services: ServiceHandle[] = [];
  const gateway = await startGateway(envOf("gateway"));
  services.push(gateway);
  const startAgents = async () => {
    // One after the other, as before: started together in this one process, their start-up
    // requests compete for the event loop and a slow machine turns that into request timeouts.
    const lead = opts.leadHandler ? await startAgentService(opts.leadHandler, envOf(agentTypes.require(opts.leadHandler.type).service)) : await startLeadAnalysis(envOf("lead-analysis"));
    services.push(lead, await startFollowUp(envOf("follow-up")), await startEmailClassification(envOf("email-classification")), await startMetrics(envOf("metrics")));
    return lead;
  };
  if (opts.agents !== false) await startAgents();
  return {
    nats,
    ...(broker ? { broker } : {}),
    gateway,
    url: gateway.url,
    env,
    startAgents,
    async stop() {
      for (const s of services.reverse()) await s.stop().catch(() => undefined);
      await nats.cleanup();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Polls GET /ai/tasks/:id until the task is completed or failed: every 50 ms at first, then less
 * often (up to every 250 ms), so tests waiting for dozens of tasks at once do not keep the gateway
 * and its database (in this process) busy answering polls instead of recording results.
 */
export async function waitForTask(url: string, taskId: string, timeoutMs = 20_000): Promise<Record<string, any>> {
  const deadline = Date.now() + timeoutMs;
  let last: Record<string, any> | undefined;
  let intervalMs = 50;
  while (Date.now() < deadline) {
    const r = await fetch(`${url}/ai/tasks/${taskId}`);
    if (r.status === 200) {
      last = (await r.json()) as Record<string, any>;
      if (last.status === "completed" || last.status === "failed") return last;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
    intervalMs = Math.min(250, Math.round(intervalMs * 1.5));
  }
  throw new Error(`task ${taskId} did not finish in ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const r = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });
  const text = await r.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: r.status, headers: r.headers, json, text };
}

export const sampleLead = {
  id: "crm-1001",
  company: { name: "Acme Robotics", industry: "Manufacturing", employees: 450, revenue: 52_000_000, website: "https://acme-robotics.example" },
  contact: { name: "Jane Doe", title: "VP of Operations", email: "jane.doe@acme-robotics.example", phone: "+1 555 0100" },
  engagement: { source: "Referral", created_at: "2026-11-01T09:00:00Z", interactions: 3 },
  behavior: { site_visits: 12, time_on_site_seconds: 1800, pages_viewed: 40, content_downloads: 2, last_activity: "Requested a demo" },
  notes: "Budget approved for Q1; evaluating two vendors.",
};
