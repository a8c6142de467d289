import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { finished } from "node:stream/promises";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import type { Readable } from "node:stream";
import { afterAll, beforeAll } from "vitest";
import { createNodeTrpc, httpFetch, nodeHttpTransport } from "@hoist/client/node";
import type { HoistTrpc, PartRequest, PartResponse, Transport } from "@hoist/client";
import { partFloor, startStack } from "@hoist/server/testing";
import type { MainProcess, Stack } from "@hoist/server/testing";
import { independentCrc64, sha256Of, tempDir } from "../support";

/** What {@link engineStack} sets up for a test file. */
export interface EngineStack {
  readonly stack: Stack;
  readonly temp: Awaited<ReturnType<typeof tempDir>>;
  /** The store's smallest part but the last (1 KiB on local-s3, 5 MiB on a real S3). */
  readonly floor: number;
  readonly transport: Transport;
}

/**
 * A real API and store on PGlite, a temp dir and a transport (the Node default unless given) for the test file
 * that calls it inside its `describe`; all of it closed after the file's tests.
 */
export function engineStack(
  options: Pick<NonNullable<Parameters<typeof startStack>[1]>, "routes" | "api"> & {
    transport?: () => Transport & { close(): Promise<void> };
    /** Starts the stack instead (e.g. behind the fault proxy); `routes` and `api` are then its to apply. */
    start?: () => Promise<Stack>;
  } = {},
): EngineStack {
  const transport = options.transport?.() ?? nodeHttpTransport({ sockets: 16 });
  let stack: Stack | undefined;
  let temp: EngineStack["temp"] | undefined;
  beforeAll(async () => {
    stack = options.start ? await options.start() : await startStack("pglite", { ...(options.routes && { routes: options.routes }), ...(options.api && { api: options.api }) });
    temp = await tempDir("hoist-engine-");
  });
  afterAll(async () => {
    await transport.close();
    await stack?.close();
    await temp?.remove();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("engineStack: used before its beforeAll ran");
    return value;
  };
  return {
    get stack() {
      return ready(stack);
    },
    get temp() {
      return ready(temp);
    },
    get floor() {
      return partFloor(ready(stack).s3);
    },
    transport,
  };
}

/** A tRPC client whose fetch counts round trips (one per HTTP request: no batching link is used). */
export async function countingClient(stack: Stack, user: string): Promise<{ trpc: HoistTrpc; calls: string[] }> {
  const calls: string[] = [];
  const trpc = createNodeTrpc({
    serverUrl: stack.api.url,
    token: await stack.api.token(user),
    fetch: (url, init) => {
      calls.push(new URL(String(url instanceof Request ? url.url : url)).pathname.replace("/trpc/", ""));
      return httpFetch(url, init);
    },
  });
  return { trpc, calls };
}

/**
 * Wraps a real transport (it forwards every PUT) to watch it: PUTs seen, most in flight at once, and a hook
 * that may delay or alter a request before it goes out.
 */
export function watchTransport(inner: Transport, before?: (req: PartRequest, seen: number) => Promise<PartRequest> | PartRequest) {
  const stats = { puts: 0, inFlight: 0, maxInFlight: 0, statuses: [] as number[], urls: [] as string[] };
  const transport: Transport = {
    async put(req): Promise<PartResponse> {
      stats.puts += 1;
      stats.inFlight += 1;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
      try {
        const actual = before ? await before(req, stats.puts) : req;
        stats.urls.push(actual.url);
        const response = await inner.put(actual);
        stats.statuses.push(response.status);
        return response;
      } finally {
        stats.inFlight -= 1;
      }
    },
  };
  return { transport, stats };
}

/** Part number of a presigned part URL (`partNumber=` in the query); 1 for a single PUT. */
export function partNumberOf(url: string): number {
  return Number(new URL(url).searchParams.get("partNumber") ?? "1");
}

/**
 * Writes `size` pseudo-random bytes to `path` in 1 MiB chunks (never the whole file in memory) and returns
 * their SHA-256 (hex).
 */
export async function writeTestFile(path: string, size: number, seed = 1): Promise<string> {
  const hash = createHash("sha256");
  const out = createWriteStream(path);
  const chunk = Buffer.alloc(1024 * 1024);
  let state = seed >>> 0 || 1;
  for (let written = 0; written < size; ) {
    const n = Math.min(chunk.length, size - written);
    for (let i = 0; i < n; i += 4) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      chunk.writeUInt32LE(state >>> 0, i);
    }
    const piece = Buffer.from(chunk.subarray(0, n));
    hash.update(piece);
    if (!out.write(piece)) await new Promise<void>((resolve) => out.once("drain", () => { resolve(); }));
    written += n;
  }
  out.end();
  await finished(out);
  return hash.digest("hex");
}

/** SHA-256 (hex) of a stored object, streamed from storage with the server's own S3 client. */
export async function storedSha256(stack: Stack, key: string): Promise<string> {
  const { client, bucket } = stack.api.server.deps.storage;
  const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return sha256Of(object.Body as Readable);
}

/** CRC64NVME (base64) of a stored object, streamed from storage and summed by the AWS SDK's own implementation. */
export async function storedCrc64(stack: Stack, key: string): Promise<string> {
  const { client, bucket } = stack.api.server.deps.storage;
  const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return independentCrc64(object.Body as Readable);
}

/** The API's URL and the demo token a dev-mode server process printed (`pnpm start` with no auth configured). */
export async function started(main: MainProcess): Promise<{ serverUrl: string; token: string }> {
  const output = await main.waitFor(/HOIST_TOKEN=\S+\n/);
  return { serverUrl: /Hoist API\s+(http:\/\/127\.0\.0\.1:\d+)\/trpc/.exec(output)![1]!, token: /HOIST_TOKEN=(\S+)/.exec(output)![1]! };
}
