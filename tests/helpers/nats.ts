import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NatsServer } from "@gardenos/runtime";

/** A nats-server of the test file's own: free port, temporary JetStream store. */
export async function startNats(o: { configFile?: string; args?: string[]; env?: NodeJS.ProcessEnv } = {}): Promise<NatsServer & { cleanup(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), "gardenos-nats-"));
  const server = await new NatsServer({ storeDir: dir, ...o }).start();
  return Object.assign(server, {
    async cleanup() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}
