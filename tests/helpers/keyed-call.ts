/**
 * One HTTP call to a test gateway with an API key (`Authorization: Bearer <key>`), a JSON body
 * when given; the answer's status, headers, time taken and parsed JSON (undefined when empty).
 */
export async function callWithKey(url: string, key: string, method: string, path: string, body?: unknown) {
  const t0 = Date.now();
  const r = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await r.text();
  return { status: r.status, headers: r.headers, ms: Date.now() - t0, json: text ? (JSON.parse(text) as any) : undefined };
}

/** Polls `fn` every 100 ms until it gives a value (not undefined); fails naming `what` after `ms`. */
export async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
