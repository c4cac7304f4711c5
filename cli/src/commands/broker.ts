import type { Command } from "commander";
import { agentTypes } from "@gardenos/contracts";
import { brokerRoles, loadAgentTypePlugins, renderAuthConfig } from "@gardenos/runtime";

/**
 * `gardenos broker-config [--tenants a,b]`: the nats-server `authorization` block for this
 * registry (plugins included): one user per role, and with tenants one confined user per tenant
 * (`crm-<tenant>`, subjects `tenant.<tenant>.…`) instead of the bare-subject `crm` user. Passwords
 * are `$<USER>_NATS_PASSWORD` variables the server resolves from its environment.
 */
export function registerBrokerCommands(program: Command): void {
  program
    .command("broker-config")
    .description("print the NATS users and permissions (auth.conf) for this deployment's agent types and tenants")
    .option("--tenants <ids>", "comma-separated tenants publishing over NATS (the gateway's NATS_TENANTS)", process.env.NATS_TENANTS ?? "")
    .option("--budget-bucket <name>", "the LLM budget KV bucket (LLM_BUDGET_BUCKET)", process.env.LLM_BUDGET_BUCKET ?? "gardenos_llm_budget")
    .action(async (o: { tenants: string; budgetBucket: string }) => {
      await loadAgentTypePlugins(process.env.AGENT_TYPE_PLUGINS);
      const tenants = o.tenants.split(",").map((t) => t.trim()).filter(Boolean);
      const roles = brokerRoles(agentTypes.list(), { tenants, budgetBucket: o.budgetBucket });
      process.stdout.write(
        renderAuthConfig(roles, undefined, [
          "GardenOS broker users (gardenos broker-config). Passwords come from the server's environment:",
          roles.map((r) => r.passwordEnv).join(", "),
          ...(tenants.length ? [`Tenants over NATS: ${tenants.join(", ")} (set the gateway's NATS_TENANTS to the same list).`] : []),
        ]),
      );
    });
}
