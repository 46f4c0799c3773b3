import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its WASM from its own package folder; bundling it breaks that lookup.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "bcryptjs"],
  poweredByHeader: false,
  experimental: { authInterrupts: true },
};

export default nextConfig;
