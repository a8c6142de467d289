import type { ResponseMeta } from "@trpc/server/http";
import type { TRPCError } from "@trpc/server";
import { retryAfterOf } from "@hoist/api";

/**
 * tRPC `responseMeta`: a response carrying a rate-limit refusal gets `Retry-After` (seconds), the longest wait
 * among its calls' errors, so HTTP clients and proxies that know the header back off without reading the body.
 */
export function retryAfterHeader({ errors }: { errors: TRPCError[] }): ResponseMeta {
  const waits = errors.map(retryAfterOf).filter((seconds) => seconds !== undefined);
  return waits.length === 0 ? {} : { headers: { "retry-after": String(Math.max(...waits)) } };
}
