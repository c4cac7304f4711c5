import { createHash } from "node:crypto";
import { createAccount, createOperator, createUser, type KeyPair } from "@nats-io/nkeys";

/**
 * The smallest NATS JWT (decentralised auth, nats-io/jwt v2) a test needs: an operator that
 * signs itself, an account it signs, a user the account signs, and the creds file nats.js reads.
 * Header {"typ":"JWT","alg":"ed25519-nkey"}; the signature is the issuer nkey's ed25519
 * signature of `header.payload`, base64url without padding.
 */

const b64url = (b: Uint8Array | string) => Buffer.from(b).toString("base64url");
const HEADER = b64url(JSON.stringify({ typ: "JWT", alg: "ed25519-nkey" }));

/** base32 (RFC 4648, no padding) of the SHA-512/256 of the claims without a jti, as nats-io/jwt names them. */
function jti(claims: object): string {
  const digest = createHash("sha512-256").update(JSON.stringify(claims)).digest();
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

/** Signs `nats` claims about `subject` (a public key) with `issuer`. */
export function signJwt(issuer: KeyPair, subject: string, name: string, nats: Record<string, unknown>): string {
  const base = { jti: "", iat: Math.floor(Date.now() / 1000), iss: issuer.getPublicKey(), name, sub: subject, nats: { ...nats, version: 2 } };
  const claims = { ...base, jti: jti(base) };
  const signed = `${HEADER}.${b64url(JSON.stringify(claims))}`;
  return `${signed}.${b64url(issuer.sign(new TextEncoder().encode(signed)))}`;
}

const UNLIMITED = { subs: -1, data: -1, payload: -1 };

/** The operator names its system account (nats-server 2.9 refuses to start JetStream in operator mode without one). */
export const operatorJwt = (op: KeyPair, system: KeyPair, name = "test-operator") =>
  signJwt(op, op.getPublicKey(), name, { type: "operator", system_account: system.getPublicKey() });

export const accountJwt = (op: KeyPair, account: KeyPair, name = "test-account") =>
  signJwt(op, account.getPublicKey(), name, {
    type: "account",
    limits: { ...UNLIMITED, imports: -1, exports: -1, wildcards: true, conn: -1, leaf: -1 },
    default_permissions: { pub: {}, sub: {} },
  });

export const userJwt = (account: KeyPair, user: KeyPair, name = "test-user") => signJwt(account, user.getPublicKey(), name, { type: "user", pub: {}, sub: {}, ...UNLIMITED });

/** The `.creds` file `nats` tools and credsAuthenticator read: the user JWT and the user's seed. */
export function credsFile(jwt: string, user: KeyPair): string {
  const seed = new TextDecoder().decode(user.getSeed());
  return `-----BEGIN NATS USER JWT-----\n${jwt}\n------END NATS USER JWT------\n\n-----BEGIN USER NKEY SEED-----\n${seed}\n------END USER NKEY SEED------\n`;
}

/** An operator, its system account, one account and one user, with the server configuration that trusts them (resolver in memory). */
export function operatorSetup(): { operator: KeyPair; account: KeyPair; user: KeyPair; serverConfig: string; creds: string } {
  const operator = createOperator();
  const system = createAccount();
  const account = createAccount();
  const user = createUser();
  const serverConfig = [
    `operator: ${operatorJwt(operator, system)}`,
    `system_account: ${system.getPublicKey()}`,
    "resolver: MEMORY",
    "resolver_preload: {",
    `  ${system.getPublicKey()}: ${accountJwt(operator, system, "SYS")}`,
    `  ${account.getPublicKey()}: ${accountJwt(operator, account)}`,
    "}",
    "",
  ].join("\n");
  return { operator, account, user, serverConfig, creds: credsFile(userJwt(account, user), user) };
}

export { createAccount, createUser };
