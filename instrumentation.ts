export async function register() {
  // Migrate and seed once per server process, before the first request is served.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { boot } = await import("./lib/boot");
    await boot();
  }
}
