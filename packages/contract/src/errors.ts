/**
 * Every stable `hoistCode` and the tRPC code it is sent with. The API layer turns a {@link HoistError} into a
 * `TRPCError` in one place using this map, so a code can never travel with two different HTTP statuses.
 */
export const HOIST_TRPC_CODES = {
  INVALID_INPUT: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  SIZE_OVER_LIMIT: "PAYLOAD_TOO_LARGE",
  TYPE_NOT_ALLOWED: "UNSUPPORTED_MEDIA_TYPE",
  TYPE_MISMATCH: "UNSUPPORTED_MEDIA_TYPE",
  PART_MISSING: "CONFLICT",
  PART_SIZE_MISMATCH: "CONFLICT",
  SIZE_MISMATCH: "CONFLICT",
  ETAG_MISMATCH: "CONFLICT",
  // The whole file's CRC64NVME sent to upload.complete is not what storage holds (or what the server read).
  CHECKSUM_MISMATCH: "CONFLICT",
  NOT_UPLOADING: "CONFLICT",
  SESSION_EXPIRED: "PRECONDITION_FAILED",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  QUOTA_EXCEEDED: "TOO_MANY_REQUESTS",
  INTERNAL: "INTERNAL_SERVER_ERROR",
} as const;

/** A stable machine-readable error code, sent to clients as `error.data.hoistCode`. */
export type HoistCode = keyof typeof HOIST_TRPC_CODES;

/** The tRPC error codes Hoist uses; a subset of tRPC's own `TRPC_ERROR_CODE_KEY`. */
export type HoistTrpcCode = (typeof HOIST_TRPC_CODES)[HoistCode];

/** All hoist codes, in declaration order; handy for exhaustive tests and client-side switches. */
export const HOIST_CODES = Object.keys(HOIST_TRPC_CODES) as HoistCode[];

/** True for a known {@link HoistCode}: checks `error.data.hoistCode`, which arrives as an untyped string. */
export function isHoistCode(value: unknown): value is HoistCode {
  return typeof value === "string" && Object.hasOwn(HOIST_TRPC_CODES, value);
}

/** Options of {@link HoistError}; `cause` is kept for server logs and never sent to clients. */
export interface HoistErrorOptions {
  cause?: unknown;
}

/**
 * A domain error with a stable code. Code below the API throws this instead of `TRPCError` so that the contract,
 * S3 and database layers never depend on tRPC.
 */
export class HoistError extends Error {
  /** Stable code clients can switch on. */
  readonly hoistCode: HoistCode;
  /** Derived from {@link HOIST_TRPC_CODES}; never passed in, so it cannot disagree with `hoistCode`. */
  readonly trpcCode: HoistTrpcCode;

  /**
   * @param hoistCode stable code, see {@link HOIST_TRPC_CODES}
   * @param message what went wrong and what the person can do about it
   * @param options `cause`: the underlying error, for logs only
   */
  constructor(hoistCode: HoistCode, message: string, options?: HoistErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "HoistError";
    this.hoistCode = hoistCode;
    this.trpcCode = HOIST_TRPC_CODES[hoistCode];
  }
}

/**
 * True for a {@link HoistError}, also when two copies of this package are loaded (a bundler quirk that makes
 * `instanceof` lie), by checking the shape rather than the prototype.
 */
export function isHoistError(value: unknown): value is HoistError {
  if (value instanceof HoistError) return true;
  if (!(value instanceof Error) || value.name !== "HoistError") return false;
  return isHoistCode((value as { hoistCode?: unknown }).hoistCode);
}
