import { defineConfig } from "@playwright/test";

// Servers are started by e2e/run.mjs (`npm run test:e2e`), which also provides these URLs.
const baseURL = process.env.E2E_BASE_URL ?? "http://127.0.0.1:3310";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  // One folder per server port, so parallel runs never clear each other's traces.
  outputDir: `test-results/${new URL(baseURL).port}`,
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
});
