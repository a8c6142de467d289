import { hoistCodeOf, toUploadError } from "./errors";
import { backoffDelay, retryPolicy, sleep } from "./retry";
import { followSignal } from "./signals";

const API_ATTEMPTS = 4;
const policy = retryPolicy({ baseDelayMs: 250, maxDelayMs: 5_000 });

/** Worth another try: the API could not be reached, failed internally, or asked us to slow down. */
function transient(error: unknown): boolean {
  const code = hoistCodeOf(error);
  return code === undefined || code === "INTERNAL" || code === "RATE_LIMITED";
}

/**
 * One API call with a few full-jitter retries for transient failures (every procedure the engine retries is
 * idempotent, or harmless to repeat: a duplicate `create` leaves a session the sweeper removes). Errors come out
 * as {@link UploadError}s carrying the server's code and message. `call` gets a signal of its own per attempt.
 */
export async function apiCall<T>(
  call: (signal: AbortSignal | undefined) => Promise<T>,
  uploadId: string | undefined,
  signal?: AbortSignal,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    // A signal per attempt: tRPC never removes the abort listener it adds to the one it is given.
    const child = followSignal(signal);
    try {
      return await call(signal && child.controller.signal);
    } catch (error) {
      if (signal?.aborted) throw signal.reason as Error;
      if (attempt >= API_ATTEMPTS || !transient(error)) throw toUploadError(error, uploadId);
      await sleep(backoffDelay(attempt - 1, policy), signal);
    } finally {
      child.release();
    }
  }
}
