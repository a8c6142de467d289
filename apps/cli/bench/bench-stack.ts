import { S3Client } from "@aws-sdk/client-s3";
import type { TRPCClient } from "@trpc/client";
import type { AppRouter } from "@hoist/api";
import type { S3Target } from "@hoist/server/testing";
import { field, startChild } from "@hoist/bench";
import { startFaultProxy } from "@hoist/local-s3/testing";
import type { FaultProxy, FaultProxyOptions } from "@hoist/local-s3/testing";
import { tempDir, writeRandomFile } from "@hoist/client/testing";
import { printLoad } from "./format";
import { countingTrpc } from "./trpc-client";
import type { RequestCounter } from "./trpc-client";

/** Local-s3 and the API, each in its own process, as a bench sees them. */
export interface BenchStack {
  url: string;
  token: string;
  storage: S3Target["storage"];
  /** The fault proxy between the engine (and the API) and the store, when one was asked for. */
  proxy?: FaultProxy;
  /** A typed tRPC client for user "bench"; every fetch bumps `counter` when given. */
  trpc(counter?: RequestCounter): TRPCClient<AppRouter>;
  /** An SDK client straight to the store (no API), for the lib-storage comparison and clean-up. */
  s3(): S3Client;
  /** CPU seconds the store and the API processes used so far (user + system). */
  cpu(): Promise<{ store: number; api: number }>;
  close(): Promise<void>;
}

/**
 * Starts local-s3 and the API (routes with part floor `minPartSize`) in child processes; given `proxy`, a fault
 * proxy in this process stands in front of the store and the API signs URLs for it (engine and API both cross it).
 */
export async function startBenchStack(minPartSize: number, proxy?: Omit<FaultProxyOptions, "target">): Promise<BenchStack> {
  const store = await startChild(new URL("./s3-child.ts", import.meta.url), []);
  const storage = JSON.parse(field(store.ready, "storage")) as S3Target["storage"];
  const faults = proxy && (await startFaultProxy({ target: storage.endpoint ?? "", ...proxy }));
  const seen = faults ? { ...storage, endpoint: faults.endpoint } : storage;
  const api = await startChild(new URL("./api-child.ts", import.meta.url), [JSON.stringify(seen), String(minPartSize)]);
  const [url, token] = [field(api.ready, "url"), field(api.ready, "token")];
  return {
    url,
    token,
    storage,
    ...(faults && { proxy: faults }),
    trpc: (counter) => countingTrpc(url, token, counter),
    s3: () =>
      new S3Client({
        ...(storage.endpoint && { endpoint: storage.endpoint }),
        region: storage.region,
        forcePathStyle: true,
        credentials: { accessKeyId: storage.accessKeyId ?? "", secretAccessKey: storage.secretAccessKey ?? "" },
        // SDK >= 3.729 would add CRC32 trailers (aws-chunked bodies) local-s3 need not accept: DESIGN "Known traps".
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
      }),
    async cpu() {
      const seconds = ({ user, system }: { user: number; system: number }) => (user + system) / 1e6;
      const [s, a] = await Promise.all([store.cpu(), api.cpu()]);
      return { store: seconds(s), api: seconds(a) };
    },
    async close() {
      await faults?.close();
      await api.stop();
      await store.stop();
    },
  };
}

/**
 * A bench on one file: starts the stack (part floor 5 MiB), writes `size` random bytes to a temp file, prints the
 * load, runs `bench`, and removes everything after.
 */
export async function withBenchFile(name: string, size: number, bench: (stack: BenchStack, path: string) => Promise<void>): Promise<void> {
  const tmp = await tempDir(`hoist-bench-${name}-`);
  const stack = await startBenchStack(5 * 1024 * 1024);
  try {
    const path = tmp.path(`${name}.bin`);
    await writeRandomFile(path, size);
    printLoad();
    await bench(stack, path);
  } finally {
    await stack.close();
    await tmp.remove();
  }
}
