import type { ServerOptions } from "node:http";

/** Fastify's default, kept on purpose: above the 60 s idle timeout of common load balancers, which then close first. */
const KEEP_ALIVE_MS = 72_000;

/**
 * Node's timeouts for a request that is slow to arrive (`HOIST_REQUEST_TIMEOUT_MS`). Fastify turns Node's request
 * timeout off by default, so half a header block or a stalled body held a socket forever. Node only looks for
 * expired requests every `connectionsCheckingInterval` (30 s by default): look ten times per timeout and expire one
 * look early, so a stalled request is closed within the configured time rather than up to 30 s after it.
 */
export function httpTimeouts(requestTimeoutMs: number): { requestTimeout: number; keepAliveTimeout: number; http: ServerOptions } {
  const interval = Math.max(1, Math.floor(requestTimeoutMs / 10));
  const requestTimeout = Math.max(1, requestTimeoutMs - interval);
  return {
    requestTimeout,
    keepAliveTimeout: KEEP_ALIVE_MS,
    // Headers count against the same budget: Node refuses a headers timeout above the request timeout.
    http: { connectionsCheckingInterval: interval, headersTimeout: requestTimeout },
  };
}
