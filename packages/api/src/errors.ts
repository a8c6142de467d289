import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";
import { HOIST_TRPC_CODES, HoistError, isHoistError } from "@hoist/contract";
import type { HoistCode } from "@hoist/contract";

/** The one place a domain {@link HoistError} becomes a `TRPCError`; the original rides along as `cause`. */
export function toTRPCError(error: HoistError): TRPCError {
  return new TRPCError({ code: error.trpcCode, message: error.message, cause: error });
}

const DEFAULT_CODES: Partial<Record<TRPC_ERROR_CODE_KEY, HoistCode>> = {
  BAD_REQUEST: "INVALID_INPUT",
  PARSE_ERROR: "INVALID_INPUT",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  PAYLOAD_TOO_LARGE: "SIZE_OVER_LIMIT",
  TOO_MANY_REQUESTS: "RATE_LIMITED",
};

/**
 * The `hoistCode` sent with an error: the domain code when there is one, else a code derived from the tRPC code
 * (schema failures are `INVALID_INPUT`, an unknown procedure `NOT_FOUND`), else `INTERNAL`.
 */
export function deriveHoistCode(error: TRPCError): HoistCode {
  if (isHoistError(error.cause)) return error.cause.hoistCode;
  return DEFAULT_CODES[error.code] ?? "INTERNAL";
}

/** True when the message may be shown to the caller; internal failures (S3, DB) may carry hosts or keys. */
export function isPublicError(error: TRPCError): boolean {
  return error.code !== "INTERNAL_SERVER_ERROR" || isHoistError(error.cause);
}

/** `RATE_LIMITED` with how long the caller should wait; sent as `Retry-After` and as `data.retryAfterSeconds`. */
export class RateLimitedError extends HoistError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super("RATE_LIMITED", message);
  }
}

/** Seconds to wait before retrying, when `error` (a `TRPCError` or its cause) is a rate-limit refusal. */
export function retryAfterOf(error: unknown): number | undefined {
  const cause = error instanceof TRPCError ? error.cause : error;
  if (!isHoistError(cause) || cause.hoistCode !== "RATE_LIMITED") return undefined;
  const seconds = (cause as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  return typeof seconds === "number" ? seconds : undefined;
}

/** A `HoistError` for "unknown or not yours": both are answered alike so ids cannot be probed. */
export function notFound(what: "upload" | "file", id: string): HoistError {
  return new HoistError("NOT_FOUND", `no ${what} with id ${JSON.stringify(id)} for this account`);
}

/**
 * Postgres is down or restarting: `INTERNAL`, which clients retry, with words a person can act on. The cause (it
 * may name the database's host) goes to the log only.
 */
export function databaseUnavailable(cause: unknown): HoistError {
  return new HoistError(
    "INTERNAL",
    "the database is unavailable (restarting or unreachable), so this request was not completed; try again in a few seconds (repeating it is safe)",
    { cause },
  );
}

/**
 * Storage kept answering `503 SlowDown` (or another busy answer) through the SDK's retries. Still `INTERNAL`, so
 * clients retry it as any transient failure, but with a message that says what happened: nothing of the call's
 * work was kept that a retry could trip over.
 */
export function storageThrottled(cause: unknown): HoistError {
  return new HoistError(
    "INTERNAL",
    "storage is throttling requests (503 SlowDown) and stayed busy through this server's retries; the request was not completed: try again in a few seconds",
    { cause },
  );
}

/** A list cursor this API did not issue (mangled, crafted or from another list). */
export function badCursor(cause: unknown): HoistError {
  return new HoistError("INVALID_INPUT", "cursor is not one this API issued; list again without a cursor", { cause });
}

export { HOIST_TRPC_CODES, HoistError };
