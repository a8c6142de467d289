import { createTRPCClient, httpLink } from "@trpc/client";
import type { TRPCClient } from "@trpc/client";
import type { AppRouter } from "@hoist/api";
import type { Connection } from "./config";

/** The typed API client every command uses; the same type the upload engine takes. */
export type Api = TRPCClient<AppRouter>;

/**
 * A tRPC client for `conn`. `httpLink` rather than the batch link: the CLI makes few calls, and one call per
 * request keeps each error tied to the call that caused it.
 */
export function createApi(conn: Connection): Api {
  const authorization = `Bearer ${conn.token}`;
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${conn.serverUrl}/trpc`, headers: { authorization } })],
  });
}
