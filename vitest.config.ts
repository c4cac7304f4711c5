import { configDefaults, defineConfig } from "vitest/config";

/**
 * Pure unit files: they import `src/` modules only, start no server, database or process, and
 * restore what they change (fake timers). They share one module cache per worker (isolate: false),
 * so the TypeScript under test is transformed and evaluated once per worker, not once per file.
 */
const unit = [
  "libs/*/tests/**/*.test.ts",
  "services/*/tests/**/*.test.ts",
  "cli/tests/eval-metrics.test.ts",
  "cli/tests/lead-file.test.ts",
];
/** Unit folders' files that open a real database (a fresh worker each, like the integration files). */
const unitWithDatabase = ["services/gateway/tests/task-meta.test.ts", "services/gateway/tests/migration-generic-input.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration files each start their own nats-server; two cores: keep parallelism modest.
    maxWorkers: 2,
    pool: "forks",
    server: {
      deps: {
        // The workspace packages (`@gardenos/*`) resolve to their built `dist/` JavaScript, outside
        // node_modules once the symlinks are followed, so Vite would transform and evaluate the whole
        // service graph again in every test file. Node loads it natively instead, as in production.
        external: [/\/(libs|services|cli|bench)\/[^/]+\/dist\//],
      },
    },
    projects: [
      {
        extends: true,
        test: { name: "unit", include: unit, exclude: [...configDefaults.exclude, ...unitWithDatabase], isolate: false },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/**/*.test.ts", "cli/tests/**/*.test.ts", ...unitWithDatabase],
          exclude: [...configDefaults.exclude, ...unit.filter((p) => p.startsWith("cli/"))],
          // The embedded database, created and migrated once per run; test stacks copy it.
          globalSetup: ["tests/helpers/global-setup.ts"],
        },
      },
    ],
  },
});
