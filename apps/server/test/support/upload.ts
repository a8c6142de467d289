import { createHash, randomBytes } from "node:crypto";
import type { TRPCClient } from "@trpc/client";
import type { AppRouter } from "@hoist/api";
import { putSigned } from "./http";

type Client = TRPCClient<AppRouter>;

/** Deterministic-enough test bytes; `head` lets a test start the file with a magic number. */
export function testBytes(size: number, head: Uint8Array = new Uint8Array(0)): Buffer {
  const bytes = randomBytes(size);
  bytes.set(head.subarray(0, size));
  return bytes;
}

export const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/**
 * Parts PUT at once, as a real client bounds them: a thousand fresh connections at once overflowed the store's
 * accept queue on a loaded machine (ECONNRESET), which tests nothing of ours.
 */
const PUTS_IN_FLIGHT = 32;

/** `work` over `items` with at most `limit` running at a time; results in input order. */
async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** PUTs every part of a created upload (batches of `batch` signed at a time); returns the ETags seen. */
export async function putParts(
  client: Client,
  created: { uploadId: string; partSize: number; partCount: number },
  bytes: Uint8Array,
  opts: { batch?: number; skip?: number[] } = {},
): Promise<{ partNumber: number; etag: string }[]> {
  const numbers = Array.from({ length: created.partCount }, (_, i) => i + 1).filter((n) => !opts.skip?.includes(n));
  const batch = opts.batch ?? 100;
  const done: { partNumber: number; etag: string }[] = [];
  for (let i = 0; i < numbers.length; i += batch) {
    const parts = numbers.slice(i, i + batch).map((partNumber) => ({ partNumber }));
    const signed = await client.upload.signParts.mutate({ uploadId: created.uploadId, parts });
    const results = await inPool(signed.parts, PUTS_IN_FLIGHT, async (part) => {
      const start = (part.partNumber - 1) * created.partSize;
      const res = await putSigned(part, bytes.subarray(start, Math.min(start + created.partSize, bytes.length)));
      if (res.status !== 200 || res.etag === undefined) throw new Error(`part ${part.partNumber}: ${res.status} ${res.body}`);
      return { partNumber: part.partNumber, etag: res.etag };
    });
    done.push(...results);
  }
  return done;
}

/** The whole client side of an upload, with nothing but the API and presigned URLs. */
export async function uploadFile(client: Client, file: { name: string; type: string; bytes: Uint8Array; route?: string }) {
  const created = await client.upload.create.mutate({
    name: file.name,
    size: file.bytes.length,
    type: file.type,
    ...(file.route && { route: file.route }),
  });
  if (created.single) {
    const res = await putSigned(created.single, file.bytes);
    if (res.status !== 200) throw new Error(`single PUT: ${res.status} ${res.body}`);
  } else {
    await putParts(client, created, file.bytes);
  }
  const { file: record } = await client.upload.complete.mutate({ uploadId: created.uploadId });
  return { created, record };
}
