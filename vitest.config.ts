import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: { alias: [{ find: /^@\//, replacement: root }] },
  test: {
    include: ["lib/**/*.test.ts", "db/**/*.test.ts"],
    // One PostgreSQL database per run (created here), one per worker (created in test/setup.ts).
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup.ts"],
    pool: "forks",
    // Suites fire hundreds of deliberate 401s from one address; the limiter has its own unit test.
    env: { CROSSDOCK_AUTH_FAIL_BURST: "100000" },
    // bcrypt and first-use migrations are slow on two cores; no test asserts on time.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
