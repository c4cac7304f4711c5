import fc from "fast-check";

/**
 * Shared arbitraries of the fuzz tests. FUZZ_RUNS sets the cases per property: a few hundred by
 * default (CI), 10000 or more for the long mode (`FUZZ_RUNS=10000 npx vitest run tests/fuzz-*`).
 */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? "") || 300;
/** FUZZ_SEED replays a failing run (fast-check prints the seed and path of a counterexample). */
export const FUZZ_SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
export const fuzzParams = (numRuns = FUZZ_RUNS): fc.Parameters<unknown> => ({ numRuns, ...(FUZZ_SEED !== undefined ? { seed: FUZZ_SEED } : {}) });

/** Strings an attacker tries: empty, huge, control characters, NUL, lone surrogates, look-alike dates. */
export const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 50 }),
  fc.string({ unit: "binary", maxLength: 50 }),
  fc.constantFrom("", " ", "\u0000", "a\u0000b", "\ud800", "\udfff x", "x", "2026-02-30T10:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
    "2026-11-25", "NaN", "null", "__proto__", "constructor", "=HYPERLINK(\"http://evil\")", "<script>", "../../etc/passwd", "${jndi:x}", "a".repeat(100_000)),
);

/** Any JSON value, with hostile strings among the leaves. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small" },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(-1, 0, 1, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, 1e-308),
    hostileString,
    fc.array(tie("v"), { maxLength: 5 }),
    fc.dictionary(fc.oneof(fc.string(), hostileString), tie("v"), { maxKeys: 5 }),
  ),
})).v;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path (array of keys) inside a JSON value, the root included. */
export function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...prefix, i])));
  else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...prefix, k]));
  return out;
}

function setAt(root: unknown, path: (string | number)[], value: unknown, remove: boolean): unknown {
  if (path.length === 0) return remove ? {} : value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (remove) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = value;
  return copy;
}

/**
 * Near-valid bodies: a valid body with one to three changes — a value replaced by any JSON
 * (hostile strings, wrong types, huge numbers), a key removed, or an unknown key added.
 */
export function nearValid(valid: Json): fc.Arbitrary<unknown> {
  const all = paths(valid);
  const objects = all.filter((p) => {
    let n: unknown = valid;
    for (const k of p) n = (n as Record<string | number, unknown>)[k];
    return n !== null && typeof n === "object" && !Array.isArray(n);
  });
  const one = (body: unknown) =>
    fc.oneof(
      fc.record({ path: fc.constantFrom(...all), value: hostileJson }).map(({ path, value }) => ({ path, value, remove: false })),
      fc.constantFrom(...all).map((path) => ({ path, value: undefined, remove: true })),
      fc.record({ path: fc.constantFrom(...objects), key: fc.oneof(fc.string({ maxLength: 10 }), hostileString), value: hostileJson }).map(({ path, key, value }) => ({ path: [...path, key], value, remove: false })),
    ).map((m) => {
      try {
        return setAt(body, m.path, m.value, m.remove);
      } catch {
        return body;
      }
    });
  return fc.integer({ min: 1, max: 3 }).chain((n) => {
    let arb: fc.Arbitrary<unknown> = fc.constant(valid);
    for (let i = 0; i < n; i++) arb = arb.chain((b) => one(b));
    return arb;
  });
}

/** A full, valid lead (every group filled). */
export const validLead = {
  id: "crm-fuzz-1",
  company: { name: "Acme", industry: "Software", size: "51-200", employees: 120, revenue: 5_000_000, currency: "USD", website: "https://acme.example", country: "DE", city: "Berlin" },
  contact: { name: "Ada Lovelace", first_name: "Ada", last_name: "Lovelace", title: "CTO", email: "ada@acme.example", phone: "+49 30 1234", do_not_email: false },
  engagement: { source: "Referral", origin: "API", campaign: "Q4", created_at: "2026-11-01T09:00:00Z", interactions: 3, last_contacted_at: "2026-11-20" },
  behavior: { site_visits: 12, time_on_site_seconds: 900, pages_viewed: 30, pages_per_visit: 2.5, content_downloads: 2, last_activity: "Demo Requested", last_activity_at: "2026-11-24T10:00:00Z" },
  notes: "Asked for pricing.",
  custom_fields: { plan: "pro", seats: 20, trial: true, ref: null },
} as const;
