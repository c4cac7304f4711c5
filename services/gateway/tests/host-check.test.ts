import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { KeyRing, installHostCheck, needsHostCheck } from "../src/http/auth.js";
import { installErrorHandling } from "../src/http/errors.js";

/** The DNS-rebinding Host check: on whenever task/read endpoints are open on loopback or GARDENOS_ALLOWED_HOSTS names hosts. */
async function app(keys: KeyRing, host: string, allowed: string[]) {
  const a = Fastify();
  installErrorHandling(a);
  installHostCheck(a, keys, host, allowed);
  a.get("/ai/types", async () => ({ ok: true }));
  await a.ready();
  return a;
}

describe("Host check (DNS rebinding)", () => {
  const open = KeyRing.fromEnv({});
  const withClients = KeyRing.fromEnv({ GARDENOS_API_KEYS: "client-key-0123456789abcdef" });

  it("is on for an open gateway on 0.0.0.0 (compose) once extra hosts are named, and answers them and loopback names only", async () => {
    expect(needsHostCheck(open, "0.0.0.0")).toBe(false);
    expect(needsHostCheck(open, "0.0.0.0", ["gateway"])).toBe(true);
    const a = await app(open, "0.0.0.0", ["gateway"]);
    for (const host of ["gateway:8000", "GATEWAY", "localhost:8000", "127.0.0.1"]) expect((await a.inject({ url: "/ai/types", headers: { host } })).statusCode).toBe(200);
    const r = await a.inject({ url: "/ai/types", headers: { host: "rebind.attacker.example:8000" } });
    expect(r.statusCode).toBe(421);
    expect(r.json().error.code).toBe("ERR_HOST_NOT_ALLOWED");
  });

  it("is off once client keys are set (the keys protect the endpoints)", async () => {
    expect(needsHostCheck(withClients, "127.0.0.1", ["gateway"])).toBe(false);
    const a = await app(withClients, "127.0.0.1", []);
    expect((await a.inject({ url: "/ai/types", headers: { host: "api.example.com" } })).statusCode).toBe(200);
  });
});
