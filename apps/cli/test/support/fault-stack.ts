import { GetObjectCommand } from "@aws-sdk/client-s3";
import type { RouteTable } from "@hoist/api";
import { startHarness, startS3Target, testRoutes } from "@hoist/server/testing";
import type { Harness, S3Target } from "@hoist/server/testing";
import { startFaultProxy } from "./fault-proxy";
import type { FaultProxy, FaultProxyOptions } from "./fault-proxy";
import { sha256Of } from "@hoist/client/testing";

export const MiB = 1024 * 1024;

/** The fault mix of the engine suites: 20 % resets, 10 % hangs, 10 % 503 SlowDown of part PUTs. */
export const FAULTS = { resetShare: 0.2, halfCloseShare: 0.1, slowDownShare: 0.1 } as const;

/**
 * Retry policy for uploads through {@link FAULTS}: a per-attempt timeout short enough that hung attempts fail
 * fast yet far above a healthy 1 MiB PUT on loopback; attempts enough that 40 % faulty attempts finish every part.
 * 10 attempts were not: a part fails all of them with odds 0.4^10 = 1e-4, and a run sends ~80 parts, so about
 * one CI run in a hundred failed (seen: "part 9 of 20 failed ... (10 attempts)"). 16 make it 0.4^16 * 80 = 3e-5.
 */
export const RETRY = { attempts: 16, baseDelayMs: 20, maxDelayMs: 250, timeoutMs: 3000 } as const;

/** Routes whose default part floor is 1 MiB, so a 30 MiB file is 30 parts. */
export const oneMiBParts = (s3: S3Target): RouteTable => testRoutes(s3, { default: { maxSize: "5TB", types: ["*/*"], minPartSize: MiB } });

/** The real API over local-s3 with the fault proxy in between: every presigned URL points at the proxy. */
export interface FaultStack {
  api: Harness;
  s3: S3Target;
  proxy: FaultProxy;
  /** SHA-256 (hex) of a stored object, streamed from storage. */
  storedSha256(key: string): Promise<string>;
  close(): Promise<void>;
}

/** Options of {@link startFaultStack}. */
export interface FaultStackOptions {
  proxy?: Omit<FaultProxyOptions, "target">;
  routes?: (s3: S3Target) => RouteTable;
}

/**
 * Starts local-s3, the fault proxy in front of it, and the API with its storage endpoint set to the proxy. SigV4
 * signs the Host header (the proxy's host:port) and local-s3 verifies the Host it receives, which the proxy
 * forwards unchanged, so signatures stay valid. The API's own S3 calls also cross the proxy, but they are
 * POST/GET/HEAD and the proxy only faults PUTs with a body, i.e. part uploads.
 */
export async function startFaultStack(opts: FaultStackOptions = {}): Promise<FaultStack> {
  const s3 = await startS3Target();
  const endpoint = s3.storage.endpoint;
  if (endpoint === undefined) throw new Error("fault stack: the S3 target has no endpoint");
  const proxy = await startFaultProxy({ target: endpoint, ...opts.proxy });
  const behind: S3Target = { ...s3, storage: { ...s3.storage, endpoint: proxy.endpoint } };
  const api = await startHarness({ s3: behind, database: "pglite", ...(opts.routes && { routes: opts.routes(behind) }) });
  const { client, bucket } = api.server.deps.storage;
  return {
    api,
    s3: behind,
    proxy,
    async storedSha256(key) {
      const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (!object.Body) throw new Error(`no body for ${key}`);
      return sha256Of(object.Body as NodeJS.ReadableStream);
    },
    async close() {
      // Proxy first: it ends hanging part PUTs, so neither the API nor the store waits on them.
      await proxy.close();
      await api.close();
      await s3.close();
    },
  };
}
