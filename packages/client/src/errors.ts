import { isHoistCode } from "@hoist/contract/core";
import type { UploadErrorCode } from "./types";

/** Options of {@link UploadError}. */
export interface UploadErrorOptions {
  uploadId?: string | undefined;
  cause?: unknown;
}

/**
 * Why an upload did not finish. `code` is stable (switch on it); `message` says what a person can do.
 * API refusals carry the server's `hoistCode` and message unchanged.
 */
export class UploadError extends Error {
  readonly code: UploadErrorCode;
  /** The session, when one exists: still resumable unless the code is `CANCELLED`. */
  readonly uploadId: string | undefined;

  constructor(code: UploadErrorCode, message: string, options: UploadErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "UploadError";
    this.code = code;
    this.uploadId = options.uploadId;
  }
}

/** True for an {@link UploadError}, also across two copies of this package (bundlers), by shape. */
export function isUploadError(value: unknown): value is UploadError {
  return value instanceof UploadError || (value instanceof Error && value.name === "UploadError" && "code" in value);
}

/**
 * The server's `hoistCode` of a tRPC error, when it sent a known one. Checked by shape (`TRPCClientError` sets
 * its `name` and carries the error's `data`), not `instanceof`: that would pull @trpc/client's runtime into the
 * browser bundle, and it fails across two copies of the package.
 */
export function hoistCodeOf(error: unknown): string | undefined {
  const data = errorData(error);
  return data !== undefined && isHoistCode(data.hoistCode) ? data.hoistCode : undefined;
}

/** `error.data` of a tRPC error, checked by shape (see {@link hoistCodeOf}). */
function errorData(error: unknown): Record<string, unknown> | undefined {
  if (!(error instanceof Error) || error.name !== "TRPCClientError") return undefined;
  const data: unknown = (error as { data?: unknown }).data;
  return typeof data === "object" && data !== null ? (data as Record<string, unknown>) : undefined;
}

/** Seconds the server asked us to wait before trying again (`RATE_LIMITED`'s `retryAfterSeconds`), if it said. */
export function retryAfterOf(error: unknown): number | undefined {
  const data = errorData(error);
  if (data?.hoistCode !== "RATE_LIMITED") return undefined;
  const seconds = data.retryAfterSeconds;
  return typeof seconds === "number" && Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

/**
 * Turns whatever an API call threw into an {@link UploadError}: the server's code and message when the API
 * refused, `API_ERROR` when it could not be reached (the message says so, with the cause attached).
 */
export function toUploadError(error: unknown, uploadId?: string): UploadError {
  // An error raised before the session was known to its thrower (a part read ahead) still names the session.
  if (isUploadError(error)) return error.uploadId === undefined && uploadId !== undefined ? new UploadError(error.code, error.message, { uploadId, cause: error }) : error;
  const code = hoistCodeOf(error);
  if (code !== undefined && error instanceof Error) return new UploadError(code, error.message, { uploadId, cause: error });
  const detail = error instanceof Error ? error.message : String(error);
  return new UploadError("API_ERROR", `the Hoist API could not be reached or failed: ${detail}`, { uploadId, cause: error });
}

/** The error `done` rejects with after `cancel()` or an aborted signal. */
export function cancelled(uploadId: string | undefined, why = "the upload was cancelled"): UploadError {
  return new UploadError("CANCELLED", why, { uploadId });
}
