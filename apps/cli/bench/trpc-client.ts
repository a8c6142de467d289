import type { TRPCClient } from "@trpc/client";
import type { AppRouter } from "@hoist/api";
import { createNodeTrpc, httpFetch } from "@hoist/client/node";

/** Counts the API's HTTP requests made through one client. */
export interface RequestCounter {
  count: number;
}

/** The engine's Node tRPC client for `url`, counting requests (its httpLink makes one fetch per call). */
export function countingTrpc(url: string, token: string, counter?: RequestCounter): TRPCClient<AppRouter> {
  return createNodeTrpc({
    serverUrl: url,
    token,
    fetch: (input, init) => {
      if (counter) counter.count += 1;
      return httpFetch(input, init);
    },
  });
}
