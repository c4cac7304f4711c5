import { describe, expect, it } from "vitest";
import { TargetPolicy } from "../src/webhooks/ssrf.js";
import { signature, verifySignature } from "../src/webhooks/sign.js";

/** The webhook URL policy (SSRF) and the signature scheme, on their own (DNS: only names this machine resolves offline). */
describe("webhook targets", () => {
  const strict = new TargetPolicy([]);
  const refused = async (p: TargetPolicy, url: string) => p.check(url).then(() => "allowed", (e: Error) => e.message);

  it.each([
    ["http://93.184.216.34/hook", /must be https/],
    ["https://127.0.0.1/hook", /loopback/],
    ["https://localhost/hook", /loopback/],
    ["https://10.0.0.5/hook", /private/],
    ["https://172.16.3.4/hook", /private/],
    ["https://192.168.1.1/hook", /private/],
    ["https://169.254.169.254/latest/meta-data", /linkLocal/],
    ["https://100.64.1.1/", /carrierGradeNat/],
    ["https://0.0.0.0/", /unspecified/],
    ["https://[::1]/", /loopback/],
    ["https://[fd00::1]/", /uniqueLocal/],
    ["https://[fe80::1]/", /linkLocal/],
    ["https://[::ffff:10.0.0.1]/", /private/],
    ["https://224.0.0.1/", /multicast/],
    ["https://user:pw@93.184.216.34/", /user name or password/],
    ["not a url", /not a URL/],
  ])("refuses %s", async (url, why) => {
    expect(await refused(strict, url)).toMatch(why);
  });

  it("accepts a public https address, and what the allow-list names (over http too)", async () => {
    expect(await refused(strict, "https://93.184.216.34/hook")).toBe("allowed");
    const allow = new TargetPolicy(["127.0.0.1", "10.20.0.0/16", "localhost"]);
    expect(await refused(allow, "http://127.0.0.1:8080/hook")).toBe("allowed");
    expect(await refused(allow, "https://10.20.5.6/hook")).toBe("allowed");
    expect(await refused(allow, "http://localhost:9/hook")).toBe("allowed");
    expect(await refused(allow, "https://10.21.0.1/hook")).toMatch(/private/);
    expect(await refused(allow, "http://127.0.0.2/hook")).toMatch(/must be https/);
    expect(TargetPolicy.validEntry("10.0.0.0/8")).toBe(true);
    expect(TargetPolicy.validEntry("10.0.0.0/99")).toBe(false);
  });

  it("signs timestamp + body, and a receiver refuses a tampered body or an old timestamp", () => {
    const now = Date.now();
    const ts = Math.floor(now / 1000);
    const body = '{"id":"dl_1"}';
    const sig = signature("s3cret-s3cret-s3cret", ts, body);
    expect(sig).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(verifySignature("s3cret-s3cret-s3cret", sig, String(ts), body, now)).toBe(true);
    expect(verifySignature("s3cret-s3cret-s3cret", sig, String(ts), body.replace("1", "2"), now)).toBe(false);
    expect(verifySignature("another-secret-value", sig, String(ts), body, now)).toBe(false);
    expect(verifySignature("s3cret-s3cret-s3cret", sig, String(ts), body, now + 301_000)).toBe(false);
  });
});
