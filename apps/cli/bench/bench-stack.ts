import { S3Client } from "@aws-sdk/client-s3";
import { createTRPCClient, httpLink } from "@trpc/client";
import type { TRPCClient } from "@trpc/client";
import type { AppRouter } from "@hoist/api";
import type { S3Target } from "@hoist/server/testing";
import { field, startChild } from "./children";

/** Counts the API's HTTP requests made through one client. */
export interface RequestCounter {
  count: number;
}

/** Local-s3 and the API, each in its own process, as a bench sees them. */
export interface BenchStack {
  url: string;
  token: string;
  storage: S3Target["storage"];
  /** A typed tRPC client for user "bench"; every fetch bumps `counter` when given. */
  trpc(counter?: RequestCounter): TRPCClient<AppRouter>;
  /** An SDK client straight to the store (no API), for the lib-storage comparison and clean-up. */
  s3(): S3Client;
  close(): Promise<void>;
}

/** Builds a tRPC client for `url` that counts requests (tRPC's httpLink makes one fetch per call). */
export function countingTrpc(url: string, token: string, counter?: RequestCounter): TRPCClient<AppRouter> {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${url}/trpc`,
        headers: { authorization: `Bearer ${token}` },
        fetch: (input: string | URL | Request, init?: RequestInit) => {
          if (counter) counter.count += 1;
          return fetch(input, init);
        },
      }),
    ],
  });
}

/** Starts local-s3 and the API (routes with part floor `minPartSize`) in child processes. */
export async function startBenchStack(minPartSize: number): Promise<BenchStack> {
  const store = await startChild("./s3-child.ts", []);
  const storageJson = field(store.ready, "storage");
  const api = await startChild("./api-child.ts", [storageJson, String(minPartSize)]);
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
    async close() {
      await api.stop();
      await store.stop();
    },
  };
}
