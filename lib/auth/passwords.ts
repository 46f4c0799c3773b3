import bcrypt from "bcryptjs";
import { createHash, timingSafeEqual } from "node:crypto";

const COST = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/** A real hash compared when the account does not exist, so a miss costs the same time as a hit. */
const dummyHash = bcrypt.hashSync("crossdock-timing-equaliser", COST);
export function burnPasswordCheck(password: string): Promise<boolean> {
  return bcrypt.compare(password, dummyHash);
}

/** Long random API secrets and one-time tokens are stored as SHA-256, compared in constant time. */
export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

export function safeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && timingSafeEqual(x, y);
}
