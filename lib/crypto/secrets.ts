import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { databaseKind, dataDir } from "@/db/client";

/**
 * Connection secrets at rest: AES-256-GCM with a random 96-bit IV per value; the additional data
 * binds a ciphertext to its owner (tenant + connection), so a value copied to another row does not
 * decrypt. The key comes from CROSSDOCK_SECRET_KEY (32 bytes as base64/hex, or any passphrase,
 * hashed), or in the embedded mode from a key generated once into the data folder.
 */
const VERSION = "v1";
let cached: Buffer | undefined;

function loadKey(): Buffer {
  const configured = process.env.CROSSDOCK_SECRET_KEY?.trim();
  if (configured) {
    for (const encoding of ["base64", "hex"] as const) {
      const raw = Buffer.from(configured, encoding);
      if (raw.length === 32 && raw.toString(encoding).replace(/=+$/, "") === configured.replace(/=+$/, "")) return raw;
    }
    return createHash("sha256").update(configured).digest();
  }
  if (databaseKind() !== "pglite") {
    throw new Error("Set CROSSDOCK_SECRET_KEY (32 random bytes, base64) to store connection secrets; every web node and worker needs the same key.");
  }
  const file = path.join(dataDir(), "secret-key");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
  }
  return Buffer.from(readFileSync(file, "utf8").trim(), "base64");
}

function key(): Buffer {
  return (cached ??= loadKey());
}

export function encryptSecret(plain: string, owner: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  cipher.setAAD(Buffer.from(owner));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

export function decryptSecret(sealed: string, owner: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined) throw new Error("Not a sealed secret.");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(owner));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

/** Forgets the loaded key (tests switch keys). */
export function resetSecretKeyForTests(): void {
  cached = undefined;
}
