/**
 * The bench page's script (bundled with esbuild, minified like an app): the browser engine and a raw-XHR baseline
 * on the same generated Blob, exposed as `window.hoistBench` for the Node side to call with `page.evaluate`.
 */
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import type { AppRouter } from "@hoist/api";
import type { Transport } from "@hoist/client";
import { BROWSER_CONCURRENCY, createBrowserUploader, fromBlob, xhrTransport } from "@hoist/client/browser";
import { planParts, type ChecksumMode } from "@hoist/contract/core";
import { rawUpload } from "./raw-upload";

/** What one timed run reports back to Node. */
export interface RunResult {
  seconds: number;
  /** Milliseconds from the start of the upload to the first part PUT handed to the network. */
  firstPutMs: number;
  fileId: string;
}

const CHUNK = 8 * 1024 * 1024;
const blobs = new Map<number, Blob>();

/**
 * The bytes to upload: the file chosen into `#source` when it has `size` bytes (disk-backed, as a user's file is),
 * else `size` bytes of random data made of one 8 MiB random block repeated (Blob references, not copies).
 */
function generatedBlob(size: number): Blob {
  const chosen = document.querySelector<HTMLInputElement>("#source")?.files?.[0];
  if (chosen?.size === size) return chosen;
  const cached = blobs.get(size);
  if (cached) return cached;
  const chunk = new Uint8Array(CHUNK);
  for (let at = 0; at < CHUNK; at += 65_536) crypto.getRandomValues(chunk.subarray(at, at + 65_536));
  const block = new Blob([chunk]);
  const pieces: Blob[] = [];
  for (let at = 0; at < size; at += CHUNK) pieces.push(at + CHUNK <= size ? block : block.slice(0, size - at));
  const blob = new Blob(pieces, { type: "application/octet-stream" });
  blobs.set(size, blob);
  return blob;
}

function client(apiOrigin: string, token: string) {
  return createTRPCClient<AppRouter>({
    // The server refuses batches over HOIST_MAX_BATCH (default 10), as the web app's own client respects.
    links: [httpBatchLink({ url: `${apiOrigin}/trpc`, maxItems: 10, headers: { authorization: `Bearer ${token}` } })],
  });
}

async function engine(apiOrigin: string, token: string, size: number, checksum: ChecksumMode): Promise<RunResult> {
  const blob = generatedBlob(size);
  let started = 0;
  let firstPut: number | undefined;
  const xhr = xhrTransport();
  // Only marks the first PUT; every part still goes through the engine's own XHR transport.
  const transport: Transport = {
    put: (request) => {
      firstPut ??= performance.now() - started;
      return xhr.put(request);
    },
  };
  const uploader = createBrowserUploader({ trpc: client(apiOrigin, token), transport, checksum, resumeStore: false });
  started = performance.now();
  const file = await uploader.upload(fromBlob(blob, { name: `engine-${checksum}.bin` })).done;
  return { seconds: (performance.now() - started) / 1000, firstPutMs: firstPut ?? Number.NaN, fileId: file.id };
}

async function raw(apiOrigin: string, token: string, size: number): Promise<RunResult> {
  const blob = generatedBlob(size);
  const started = performance.now();
  const result = await rawUpload(client(apiOrigin, token), blob, "raw.bin", BROWSER_CONCURRENCY);
  return { seconds: (performance.now() - started) / 1000, firstPutMs: result.firstPutMs, fileId: result.fileId };
}

/** SHA-256 (base64) of every `partSize` slice of `blob`, on this thread: untimed set-up of the raw sha256 run. */
async function partSums(blob: Blob, partSize: number): Promise<Map<number, string>> {
  const sums = new Map<number, string>();
  for (let start = 0, n = 1; start < blob.size; start += partSize, n += 1) {
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", await blob.slice(start, start + partSize).arrayBuffer()));
    sums.set(n, btoa(String.fromCharCode(...digest)));
  }
  return sums;
}

/** {@link raw} with every part's checksum header (hashed before the clock starts): storage's share of sha256 mode. */
async function rawSha256(apiOrigin: string, token: string, size: number): Promise<RunResult> {
  const blob = generatedBlob(size);
  const sums = await partSums(blob, planParts(size).partSize); // the default route's plan, as the server makes it
  const started = performance.now();
  const result = await rawUpload(client(apiOrigin, token), blob, "raw-sha256.bin", BROWSER_CONCURRENCY, sums);
  return { seconds: (performance.now() - started) / 1000, firstPutMs: result.firstPutMs, fileId: result.fileId };
}

const api = { engine, raw, rawSha256, concurrency: BROWSER_CONCURRENCY };
/** The bench's surface on `window`. */
export type HoistBench = typeof api;
(window as unknown as { hoistBench: HoistBench }).hoistBench = api;
