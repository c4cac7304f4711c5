import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["libs/*/tests/**/*.test.ts", "services/*/tests/**/*.test.ts", "cli/tests/**/*.test.ts", "tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration files each start their own nats-server; two cores: keep parallelism modest.
    maxWorkers: 2,
    pool: "forks",
    // The embedded database, created and migrated once per run; test stacks copy it.
    globalSetup: ["tests/helpers/global-setup.ts"],
  },
});
