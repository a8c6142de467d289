import { createTRPCClient, httpLink } from "@trpc/client";
import type { TRPCClient } from "@trpc/client";
import type { AppRouter } from "@hoist/api";

/** Counts the API's HTTP requests made through one client. */
export interface RequestCounter {
  count: number;
}

/** Builds a tRPC client for `url` that counts requests (tRPC's httpLink makes one fetch per call). */
export function countingTrpc(url: string, token: string, counter?: RequestCounter): TRPCClient<AppRouter> {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${url}/trpc`,
        headers: { authorization: `Bearer ${token}` },
        fetch: (input: string | URL | Request, init?: RequestInit) => {
          if (counter) counter.count += 1;
          return fetch(input, init);
        },
      }),
    ],
  });
}
