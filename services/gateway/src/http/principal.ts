/** Who is calling: their role and tenant (`undefined` tenant = a global admin). */
export interface Principal {
  role: "admin" | "client" | "reviewer" | "anonymous";
  tenant: string | undefined;
  /** Digest of the key (rate limits are per key); undefined without a key. */
  keyId: string | undefined;
  /** How the request proved it: its key, or a browser session cookie (session.ts). Default key. */
  via?: "key" | "session";
}
