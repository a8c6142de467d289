import { isLoopbackEndpoint, startFaultProxy } from "@hoist/local-s3/testing";
import type { FaultProxy, FaultProxyOptions } from "@hoist/local-s3/testing";
import type { HarnessOptions } from "./harness";
import { startHarness } from "./harness";
import type { Stack } from "./matrix";
import { startS3Target } from "./s3-target";
import type { S3Target } from "./s3-target";

/** A {@link Stack} whose storage is reached only through the fault proxy. */
export interface FaultStack extends Stack {
  proxy: FaultProxy;
}

/** Options of {@link startFaultStack}. */
export interface FaultStackOptions extends Pick<HarnessOptions, "api"> {
  proxy?: Omit<FaultProxyOptions, "target">;
  routes?: (s3: S3Target) => NonNullable<HarnessOptions["routes"]>;
}

/**
 * Why fault-stack suites cannot run on the S3 under test, or undefined when they can: the proxy forwards to
 * loopback endpoints only (HOIST_TEST_S3_ENDPOINT elsewhere, e.g. a remote bucket, is skipped).
 */
export function faultStackSkipReason(): string | undefined {
  const endpoint = process.env.HOIST_TEST_S3_ENDPOINT;
  if (endpoint === undefined || endpoint === "" || isLoopbackEndpoint(endpoint)) return undefined;
  return `the fault proxy forwards to loopback only, and HOIST_TEST_S3_ENDPOINT is ${new URL(endpoint).hostname}`;
}

/**
 * Starts the S3 under test, the fault proxy in front of it and the API on PGlite with its storage endpoint set to
 * the proxy: presigned URLs point at the proxy and the API's own S3 calls cross it too. SigV4 signs the Host
 * header (the proxy's host:port) and the store verifies the Host it receives, which the proxy forwards unchanged,
 * so signatures stay valid.
 */
export async function startFaultStack(opts: FaultStackOptions = {}): Promise<FaultStack> {
  const s3 = await startS3Target();
  const target = s3.storage.endpoint;
  if (target === undefined) throw new Error("fault stack: the S3 target has no endpoint");
  const proxy = await startFaultProxy({ target, ...opts.proxy });
  const behind: S3Target = { ...s3, storage: { ...s3.storage, endpoint: proxy.endpoint } };
  const api = await startHarness({
    s3: behind,
    database: "pglite",
    ...(opts.routes && { routes: opts.routes(behind) }),
    ...(opts.api && { api: opts.api }),
  });
  return {
    api,
    s3: behind,
    proxy,
    async close() {
      // Proxy first: it ends hanging part PUTs, so neither the API nor the store waits on them.
      await proxy.close();
      await api.close();
      await s3.close();
    },
  };
}
