import { ValidationError } from "./errors";

/**
 * Opaque keyset cursors shared by every paged list: base64url of the sort key parts (a timestamp and
 * an id, sometimes a direction). Clients must treat them as opaque; a tampered one is a 422.
 */
export function encodeCursor(...parts: string[]): string {
  return Buffer.from(parts.join("|")).toString("base64url");
}

/** Decodes a cursor into `count` parts whose first time-like part parses; anything else → ValidationError. */
export function decodeCursor(cursor: string, valid: (parts: string[]) => boolean, message = "The cursor is not valid; follow the link of the previous page."): string[] {
  const parts = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  if (!parts.every(Boolean) || !valid(parts)) throw new ValidationError(message, { cursor: [message] });
  return parts;
}

export const isTimestamp = (s: string | undefined) => !!s && !Number.isNaN(Date.parse(s));
export const isLocalId = (s: string | undefined) => !!s && /^[0-9a-f]{32}$/.test(s);
