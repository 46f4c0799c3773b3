/**
 * The one error hierarchy. Services throw these; each transport has one mapper
 * (lib/api/problem.ts for HTTP, lib/actions/result.ts for server actions, lib/auth/page-guard.ts for pages).
 */
export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
  }
}

/** A malformed request that no field of the body explains, e.g. a missing header; `field` names it. */
export class BadRequestError extends AppError {
  constructor(message: string, field: string) {
    super(400, "bad_request", "Bad Request", message, { [field]: [message] });
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = "Sign in to continue.") {
    super(401, "unauthenticated", "Unauthenticated", message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = "You do not have permission to do this.") {
    super(403, "forbidden", "Forbidden", message);
  }
}

/** Same message whether the object is missing or belongs to someone else: nothing leaks. */
export class NotFoundError extends AppError {
  constructor(what = "Resource") {
    super(404, "not_found", "Not Found", `${what} not found.`);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, fieldErrors?: FieldErrors) {
    super(409, "conflict", "Conflict", message, fieldErrors);
  }
}

export class ValidationError extends AppError {
  constructor(message: string, fieldErrors?: FieldErrors) {
    super(422, "validation_failed", "Validation Failed", message, fieldErrors);
  }
}

export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, "rate_limited", "Too Many Requests", message);
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Postgres unique-violation (23505), with the constraint name, so services can map it to a Conflict. */
export function uniqueViolation(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 3 && cur; i++) {
    const err = cur as { code?: string; constraint_name?: string; constraint?: string; cause?: unknown };
    if (err.code === "23505") return err.constraint_name ?? err.constraint ?? "";
    cur = err.cause;
  }
  return undefined;
}
