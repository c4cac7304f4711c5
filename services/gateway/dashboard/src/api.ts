/** Calls to the gateway with the session cookie; changes carry the session's CSRF token. */

export interface Session {
  role: "admin" | "client" | "reviewer" | "anonymous";
  tenant: string | null;
  expires_at: string;
  csrf_token: string;
}

let csrf = "";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const r = await fetch(path, {
    method,
    credentials: "same-origin",
    headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...(method !== "GET" ? { "x-gardenos-csrf": csrf } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await r.text();
  const json = text ? (JSON.parse(text) as unknown) : undefined;
  if (!r.ok) {
    const e = (json as { error?: { code: string; message: string } } | undefined)?.error;
    throw new ApiError(r.status, e?.code ?? "ERR_HTTP", e?.message ?? `HTTP ${r.status}`);
  }
  return json as T;
}

/** Signs in: the key goes once in the Authorization header; the gateway answers with a cookie. */
export async function signIn(key: string | undefined): Promise<Session> {
  const r = await fetch("/ai/session", { method: "POST", credentials: "same-origin", headers: key ? { authorization: `Bearer ${key}` } : {} });
  const json = (await r.json()) as Session & { error?: { message: string } };
  if (!r.ok) throw new Error(json.error?.message ?? `HTTP ${r.status}`);
  csrf = json.csrf_token;
  sessionStorage.setItem("gardenos_csrf", csrf);
  return json;
}

/** The session the cookie carries, or null (never an error status: the page starts with this). */
export async function current(): Promise<Session | null> {
  const s = await api<Session & { signed_in: boolean }>("GET", "/ai/session");
  if (!s.signed_in) return null;
  csrf = s.csrf_token;
  sessionStorage.setItem("gardenos_csrf", csrf);
  return s;
}

/** Renews the session with the cookie (the key is not kept). */
export async function renew(): Promise<Session> {
  csrf = sessionStorage.getItem("gardenos_csrf") ?? csrf;
  const s = await api<Session>("POST", "/ai/session");
  csrf = s.csrf_token;
  sessionStorage.setItem("gardenos_csrf", csrf);
  return s;
}

export async function signOut(): Promise<void> {
  sessionStorage.removeItem("gardenos_csrf");
  await fetch("/ai/session", { method: "DELETE", credentials: "same-origin" });
}
