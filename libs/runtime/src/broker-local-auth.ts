import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { AgentTypeDefinition } from "@gardenos/contracts";
import { brokerRoles, renderAuthConfig, type BrokerRoleOptions } from "./broker-auth.js";

/**
 * Credentials for a nats-server this machine runs (`gardenos up`, the tests): random passwords
 * per role, kept next to the server's configuration.
 */

/** A random password (URL-safe, starts with a letter so the config parser never reads it as a number). */
export function generatePassword(): string {
  return `p${randomBytes(24).toString("base64url")}`;
}

/** One role's credentials on a broker this machine runs (`gardenos up`). */
export interface LocalBrokerUser {
  user: string;
  password: string;
  inboxPrefix: string;
}

export interface LocalBrokerAuth {
  /** The nats-server configuration with the users (0600: it holds the passwords). */
  configFile: string;
  /** The credentials, one `<USER>_NATS_PASSWORD=…` line per role (0600). */
  credentialsFile: string;
  users: Record<string, LocalBrokerUser>;
}

/**
 * Per-role credentials for a local nats-server: random passwords, kept in `<dir>/nats-credentials.env`
 * (0600; reused on the next start, so a CRM configured once keeps working) and the server
 * configuration `<dir>/nats-auth.conf` (0600). A role added since (a plugin type) gets a new password.
 */
export async function writeLocalBrokerAuth(dir: string, types: readonly AgentTypeDefinition[], o: BrokerRoleOptions = {}): Promise<LocalBrokerAuth> {
  mkdirSync(dir, { recursive: true });
  const credentialsFile = join(dir, "nats-credentials.env");
  const configFile = join(dir, "nats-auth.conf");
  const known = new Map<string, string>();
  if (existsSync(credentialsFile)) {
    for (const line of readFileSync(credentialsFile, "utf8").split("\n")) {
      const m = /^([A-Z0-9_]+)=(\S+)$/.exec(line.trim());
      if (m) known.set(m[1]!, m[2]!);
    }
  }
  const roles = brokerRoles(types, o);
  const users: Record<string, LocalBrokerUser> = {};
  for (const r of roles) users[r.user] = { user: r.user, password: known.get(r.passwordEnv) ?? generatePassword(), inboxPrefix: r.inboxPrefix };
  const secret = (path: string, text: string) => {
    writeFileSync(path, text, { mode: 0o600 });
    chmodSync(path, 0o600);
  };
  secret(
    credentialsFile,
    [
      "# GardenOS local broker credentials (gardenos up). Keep private: each line is a NATS user's password.",
      ...roles.flatMap((r) => [`# user ${r.user}, reply inbox prefix ${r.inboxPrefix}`, `${r.passwordEnv}=${users[r.user]!.password}`]),
      "",
    ].join("\n"),
  );
  secret(configFile, renderAuthConfig(roles, (r) => JSON.stringify(users[r.user]!.password), ["GardenOS local broker users (gardenos up); generated at every start. Keep private."]));
  return { configFile, credentialsFile, users };
}
