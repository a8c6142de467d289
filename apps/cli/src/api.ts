import type { TRPCClient } from "@trpc/client";
import type { AppRouter } from "@hoist/api";
import { createNodeTrpc } from "@hoist/client/node";
import type { Connection } from "./config";

/** The typed API client every command uses; the same type the upload engine takes. */
export type Api = TRPCClient<AppRouter>;

/** A tRPC client for `conn`: the engine's Node client (one request per call, node:http, no WebAssembly). */
export function createApi(conn: Connection): Api {
  return createNodeTrpc({ serverUrl: conn.serverUrl, token: conn.token });
}
