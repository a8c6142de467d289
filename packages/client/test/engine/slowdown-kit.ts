import { join } from "node:path";
import { createNodeTrpc, httpFetch } from "@hoist/client/node";
import type { HoistTrpc, Transport } from "@hoist/client";
import { faultStackSkipReason, startFaultStack } from "@hoist/server/testing";
import type { BurstOptions, FaultStack, ProxiedRequest, SlowDownBurst } from "@hoist/server/testing";
import { engineStack, writeTestFile } from "./engine-kit";

/** Why the SlowDown suites cannot run on the S3 under test (the proxy needs a loopback endpoint), if they cannot. */
export const SKIP_REASON = faultStackSkipReason();

/** Request matchers for aiming a burst at one of the API server's own S3 calls. */
export const S3_CALLS = {
  createMultipartUpload: (r: { method: string; path: string }) => r.method === "POST" && /[?&]uploads(?:=|&|$)/.test(r.path),
  listParts: (r: { method: string; path: string }) => r.method === "GET" && r.path.includes("uploadId="),
  completeMultipartUpload: (r: { method: string; path: string }) => r.method === "POST" && r.path.includes("uploadId="),
  headObject: (r: { method: string; path: string }) => r.method === "HEAD",
  abortMultipartUpload: (r: { method: string; path: string }) => r.method === "DELETE" && r.path.includes("uploadId="),
  partPut: (r: { method: string; path: string }) => r.method === "PUT",
};

/** What a test file's SlowDown suite stands on; every getter throws until its `beforeAll` ran. */
export interface SlowDownEnv {
  readonly stack: FaultStack;
  readonly dir: string;
  readonly transport: Transport;
  /** Every request the proxy answered 503 SlowDown, in order (counts cannot pass vacuously). */
  readonly refused: ProxiedRequest[];
  /** Starts a burst through the running proxy. */
  burst(opts?: BurstOptions): SlowDownBurst;
  /** Called with every request the proxy sees (a test may start bursts from it); `undefined` stops it. */
  watch(fn: ((request: ProxiedRequest) => void) | undefined): void;
}

/**
 * {@link engineStack} with the fault proxy between the S3 under test and everyone else, so a burst refuses part
 * PUTs and the API's own S3 calls alike.
 */
export function slowDownEnv(): SlowDownEnv {
  const refused: ProxiedRequest[] = [];
  let watcher: ((request: ProxiedRequest) => void) | undefined;
  let faults: FaultStack | undefined;
  const onRequest = (request: ProxiedRequest) => {
    if (request.fault === "slowDown") refused.push(request);
    watcher?.(request);
  };
  const env = engineStack({ start: async () => (faults = await startFaultStack({ proxy: { onRequest } })) });
  const stack = (): FaultStack => {
    if (faults === undefined) throw new Error("slowDownEnv: used before its beforeAll ran");
    return faults;
  };
  return {
    get stack() {
      return stack();
    },
    get dir() {
      return env.temp.dir;
    },
    transport: env.transport,
    refused,
    burst: (opts) => stack().proxy.slowDownBurst(opts),
    watch(fn) {
      watcher = fn;
    },
  };
}

/** One API error answer as the client received it. */
export interface ServerError {
  status: number;
  hoistCode: unknown;
  message: unknown;
}

/** A tRPC client for `user` that keeps every 5xx answer of the API (what the server said when storage refused). */
export async function recordingClient(stack: FaultStack, user: string): Promise<{ trpc: HoistTrpc; serverErrors: ServerError[] }> {
  const serverErrors: ServerError[] = [];
  const trpc = createNodeTrpc({
    serverUrl: stack.api.url,
    token: await stack.api.token(user),
    fetch: async (url, init) => {
      const response = await httpFetch(url, init);
      if (response.status >= 500) {
        const body = (await response.clone().json()) as { error?: { message?: unknown; data?: { hoistCode?: unknown } } };
        serverErrors.push({ status: response.status, hoistCode: body.error?.data?.hoistCode, message: body.error?.message });
      }
      return response;
    },
  });
  return { trpc, serverErrors };
}

/** Writes a test file of `size` bytes under the env's temp dir; returns its path and SHA-256. */
export async function testFile(env: SlowDownEnv, name: string, size: number, seed = 1): Promise<{ path: string; digest: string }> {
  const path = join(env.dir, name);
  return { path, digest: await writeTestFile(path, size, seed) };
}

/** Multipart uploads storage still holds under `prefix` (the bucket through the proxy, so call it outside bursts). */
export async function pendingUploads(stack: FaultStack, prefix: string): Promise<number> {
  let count = 0;
  for await (const upload of stack.api.server.deps.storage.listMultipartUploads({ prefix })) if (upload.key.startsWith(prefix)) count += 1;
  return count;
}
