import { GetObjectCommand } from "@aws-sdk/client-s3";
import type { RouteTable } from "@hoist/api";
import { startFaultStack as startServerFaultStack, testRoutes } from "@hoist/server/testing";
import type { FaultStack as ServerFaultStack, FaultStackOptions, S3Target } from "@hoist/server/testing";
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

/** The server kit's fault stack (the real API over the S3 under test, the fault proxy in between), for the CLI. */
export interface FaultStack extends ServerFaultStack {
  /** SHA-256 (hex) of a stored object, streamed from storage. */
  storedSha256(key: string): Promise<string>;
}

/**
 * Starts the stack. Its random shares fault only PUTs with a body, i.e. part uploads: the API's own S3 calls
 * (POST/GET/HEAD/DELETE) cross the proxy untouched unless a test starts a SlowDown burst.
 */
export async function startFaultStack(opts: FaultStackOptions = {}): Promise<FaultStack> {
  const stack = await startServerFaultStack(opts);
  const { client, bucket } = stack.api.server.deps.storage;
  return {
    ...stack,
    async storedSha256(key) {
      const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (!object.Body) throw new Error(`no body for ${key}`);
      return sha256Of(object.Body as NodeJS.ReadableStream);
    },
  };
}
