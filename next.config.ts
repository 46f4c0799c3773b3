import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Loaded from node_modules at run time: PGlite finds its WASM next to itself, and the queue and
  // vendor clients are plain Node packages that gain nothing from bundling.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "bcryptjs", "pg-boss", "pg", "@shopify/shopify-api", "@woocommerce/woocommerce-rest-api", "node-quickbooks", "intuit-oauth"],
  poweredByHeader: false,
  // Lets parallel test runs and a running dev server keep separate builds.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  experimental: { authInterrupts: true },
};

export default nextConfig;
