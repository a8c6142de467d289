import { createTRPCClient, httpLink } from "@trpc/client";
import type { HTTPHeaders } from "@trpc/client";
import nodeFetch from "node-fetch";
import type { HoistTrpc } from "../types";

/** What tRPC's links call to fetch: the subset of `fetch` they use. */
export type TrpcFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * `fetch` on `node:http` (node-fetch). Node's built-in fetch is undici, whose first request compiles its HTTP
 * parser from WebAssembly with V8's optimising tier on a background thread: measured here, a one-off ~30 MiB
 * jump in RSS a fraction of a second into an upload. The API calls are few and small; this costs nothing.
 */
export const httpFetch: TrpcFetch = (input, init) => nodeFetch(input as never, init as never) as unknown as Promise<Response>;

/** Options of {@link createNodeTrpc}. */
export interface NodeTrpcOptions {
  /** The Hoist server's base URL (`/trpc` is added). */
  serverUrl: string;
  /** Bearer token, or a function asked before each call (refreshing tokens). */
  token?: string | (() => string | Promise<string>);
  /** Replaces {@link httpFetch} (e.g. to count or log requests). */
  fetch?: TrpcFetch;
}

/**
 * The typed API client for Node services and CLIs: one HTTP request per call (`httpLink`, so an error belongs to
 * the call that caused it) over {@link httpFetch}. Pass it to `createNodeUploader({ trpc })`.
 */
export function createNodeTrpc(options: NodeTrpcOptions): HoistTrpc {
  const { token } = options;
  const headers = async (): Promise<HTTPHeaders> => {
    const value = typeof token === "function" ? await token() : token;
    return value === undefined ? {} : { authorization: `Bearer ${value}` };
  };
  return createTRPCClient({
    links: [httpLink({ url: `${options.serverUrl.replace(/\/+$/, "")}/trpc`, headers, fetch: options.fetch ?? httpFetch })],
  });
}
