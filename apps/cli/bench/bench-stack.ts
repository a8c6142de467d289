import { S3Client } from "@aws-sdk/client-s3";
import type { TRPCClient } from "@trpc/client";
import type { AppRouter } from "@hoist/api";
import type { S3Target } from "@hoist/server/testing";
import { field, startChild } from "@hoist/bench";
import { countingTrpc } from "./trpc-client";
import type { RequestCounter } from "./trpc-client";

/** Local-s3 and the API, each in its own process, as a bench sees them. */
export interface BenchStack {
  url: string;
  token: string;
  storage: S3Target["storage"];
  /** A typed tRPC client for user "bench"; every fetch bumps `counter` when given. */
  trpc(counter?: RequestCounter): TRPCClient<AppRouter>;
  /** An SDK client straight to the store (no API), for the lib-storage comparison and clean-up. */
  s3(): S3Client;
  /** CPU seconds the store and the API processes used so far (user + system). */
  cpu(): Promise<{ store: number; api: number }>;
  close(): Promise<void>;
}

/** Starts local-s3 and the API (routes with part floor `minPartSize`) in child processes. */
export async function startBenchStack(minPartSize: number): Promise<BenchStack> {
  const store = await startChild(new URL("./s3-child.ts", import.meta.url), []);
  const storageJson = field(store.ready, "storage");
  const api = await startChild(new URL("./api-child.ts", import.meta.url), [storageJson, String(minPartSize)]);
  const [url, token] = [field(api.ready, "url"), field(api.ready, "token")];
  const storage = JSON.parse(storageJson) as S3Target["storage"];
  return {
    url,
    token,
    storage,
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
      await api.stop();
      await store.stop();
    },
  };
}
