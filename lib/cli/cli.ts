// Operator CLI: `npm run cli -- <command>`. Uses DATABASE_URL, or the embedded data folder when unset
// (stop the app first: PGlite allows one process at a time).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { closeDb, databaseKind, getDb } from "../../db/client";
import { buildOpenApiDocument } from "../api/openapi";
import { insertUser } from "../services/users/internal";
import { demoLogins, seedDemo } from "../seed/demo";

const usage = `Usage:
  npm run db:migrate                         apply migrations
  npm run db:seed                            create the demo reseller, tenants and logins (once)
  npm run cli -- create-admin <email> <name> create a platform admin (password from CROSSDOCK_ADMIN_PASSWORD)
  npm run cli -- openapi <file>              write the OpenAPI document (no database needed)`;

async function main(args: string[]) {
  const [command, ...rest] = args;
  if (!command || command === "help" || command === "--help") return console.log(usage);
  if (command === "openapi") {
    const file = path.resolve(rest[0] ?? "openapi.json");
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(buildOpenApiDocument(), null, 2));
    return console.log(`OpenAPI document written to ${file}`);
  }
  const db = await getDb(); // migrates
  console.log(`database: ${databaseKind()}`);
  if (command === "migrate") return console.log("migrations applied");
  if (command === "seed") {
    const seeded = await seedDemo(db);
    console.log(seeded ? "demo data created" : "demo data already present");
    for (const l of demoLogins) console.log(`  ${l.email}  ${l.password}`);
    return;
  }
  if (command === "create-admin") {
    const [email, ...nameParts] = rest;
    const password = process.env.CROSSDOCK_ADMIN_PASSWORD;
    if (!email || !nameParts.length || !password || password.length < 10) {
      throw new Error("Give an email and a name, and a password of at least 10 characters in CROSSDOCK_ADMIN_PASSWORD.");
    }
    const user = await db.transaction((tx) => insertUser(tx, { email, name: nameParts.join(" "), password, kind: "admin" }));
    return console.log(`admin ${user.email} created (${user.id})`);
  }
  console.error(`Unknown command "${command}".\n${usage}`);
  process.exitCode = 2;
}

main(process.argv.slice(2))
  .catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
