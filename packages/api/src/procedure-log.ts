import type { TRPCError } from "@trpc/server";
import { deriveHoistCode, isPublicError } from "./errors";
import type { Logger } from "./observe";

/** Ids as this API issues them (UUIDs); anything else in a raw input is not put in a log line. */
const ID = /^[\w-]{1,64}$/;

function idIn(input: unknown, field: string): string | undefined {
  if (typeof input !== "object" || input === null) return undefined;
  const value = (input as Record<string, unknown>)[field];
  return typeof value === "string" && ID.test(value) ? value : undefined;
}

/**
 * The fields bound to every line of one procedure call: its path and the upload (or file) it concerns, read from
 * the raw input, or for `upload.create` from its result. A file's id is the id of the upload that made it.
 */
export function subjectOf(path: string, input: unknown, output?: unknown): Record<string, string> {
  const uploadId = path.startsWith("upload.") ? (idIn(input, "uploadId") ?? idIn(output, "uploadId")) : undefined;
  const fileId = path.startsWith("files.") ? idIn(input, "id") : undefined;
  return { procedure: path, ...(uploadId && { uploadId }), ...(fileId && { fileId }) };
}

/**
 * The one line a procedure call ends with. Refusals (bad input, not found, policy) are `info`: they are the
 * caller's to fix. Internal failures (also those with a message fit for the caller, e.g. storage throttling) are
 * `error` with their cause, which only ever reaches the log.
 */
export function logOutcome(log: Logger, error: TRPCError | undefined, durationMs: number): void {
  const ms = Math.round(durationMs * 10) / 10;
  if (error === undefined) log.info({ durationMs: ms }, "procedure done");
  else if (isPublicError(error) && error.code !== "INTERNAL_SERVER_ERROR") {
    log.info({ durationMs: ms, code: error.code, hoistCode: deriveHoistCode(error) }, "procedure refused");
  } else log.error({ durationMs: ms, hoistCode: deriveHoistCode(error), err: error.cause ?? error }, "internal error");
}
