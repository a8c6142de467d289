import { countRequest } from "@hoist/db";
import type { AuthUser } from "./auth";
import type { ApiDeps } from "./context";
import { RateLimitedError } from "./errors";

/**
 * Counts this call against the user's rate window (fixed windows of `rateWindowSeconds`, shared by every
 * instance through the database) and refuses it, before it does anything, once the window holds more than
 * `rateLimit` calls. The refusal says how long until the next window starts.
 */
export async function checkRateLimit(deps: ApiDeps, user: AuthUser): Promise<void> {
  const { rateLimit, rateWindowSeconds } = deps.options;
  if (rateLimit <= 0) return;
  const now = deps.options.now().getTime();
  const windowMs = rateWindowSeconds * 1000;
  const start = Math.floor(now / windowMs) * windowMs;
  const count = await countRequest(deps.db, user.id, new Date(start));
  if (count <= rateLimit) return;
  deps.observe?.rateLimitRefused();
  const retryAfterSeconds = Math.max(1, Math.ceil((start + windowMs - now) / 1000));
  throw new RateLimitedError(
    `too many requests: this account made more than ${rateLimit} API calls in ${rateWindowSeconds} s (the server's ` +
      `HOIST_RATE_LIMIT); nothing was done. Retry after ${retryAfterSeconds} s, and send fewer calls at once`,
    retryAfterSeconds,
  );
}
