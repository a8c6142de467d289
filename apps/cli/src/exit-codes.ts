/**
 * Exit codes of `hoist`, part of its interface: scripts switch on them, so a code never changes meaning.
 * When several things went wrong in one run, the most specific wins (see {@link worstExit}).
 */
export const EXIT = {
  /** Everything asked for was done. */
  OK: 0,
  /** An operation failed: an upload, an API call, the server could not be reached. */
  FAILED: 1,
  /** Bad arguments or configuration (missing file, bad flag, no token); nothing was sent to the API. */
  USAGE: 2,
  /** The server refused the credentials (UNAUTHORIZED) or the route (FORBIDDEN). */
  AUTH: 3,
  /** An id the caller named does not exist, or is not the caller's. */
  NOT_FOUND: 4,
  /** Interrupted by Ctrl-C; uploads were paused and can be resumed. */
  INTERRUPTED: 130,
} as const;

/** One of {@link EXIT}'s values. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

// Interruption outranks everything (the person stopped the run), then auth (nothing else can work without it).
const RANK: readonly ExitCode[] = [EXIT.OK, EXIT.FAILED, EXIT.NOT_FOUND, EXIT.USAGE, EXIT.AUTH, EXIT.INTERRUPTED];

/** The code a run ends with when its parts ended with `a` and `b`. */
export function worstExit(a: ExitCode, b: ExitCode): ExitCode {
  return RANK.indexOf(a) >= RANK.indexOf(b) ? a : b;
}

/** Exit code for a tRPC error code (`TRPCClientError.data.code`); anything unlisted is a plain failure. */
export function exitForTrpcCode(code: string | undefined): ExitCode {
  if (code === "UNAUTHORIZED" || code === "FORBIDDEN") return EXIT.AUTH;
  if (code === "NOT_FOUND") return EXIT.NOT_FOUND;
  return EXIT.FAILED;
}
