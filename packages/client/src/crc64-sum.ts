import { createCrc64Nvme, crc64ToBase64 } from "@hoist/checksums";
import type { Crc64Nvme } from "@hoist/checksums";
import type { PartBody } from "./types";

/** Hashers kept for reuse: each is a WASM instance, cheap to reset and not worth making per part. */
const idle: Crc64Nvme[] = [];
const KEEP = 8;

/** Runs `feed` on a pooled hasher and returns the CRC64NVME of what it fed, in S3's base64. */
export async function crc64Of(feed: (hasher: Crc64Nvme) => void | Promise<void>): Promise<string> {
  const hasher = idle.pop() ?? (await createCrc64Nvme());
  hasher.reset();
  try {
    await feed(hasher);
    return crc64ToBase64(hasher.digest());
  } finally {
    if (idle.length < KEEP) idle.push(hasher);
  }
}

/** Feeds an async iterable of byte chunks (a Node stream, a Blob's stream read as such). */
async function feedChunks(hasher: Crc64Nvme, chunks: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const chunk of chunks) hasher.update(chunk);
}

/** Feeds a Blob through its stream, never holding it whole. */
async function feedBlob(hasher: Crc64Nvme, blob: Blob): Promise<void> {
  const reader = blob.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    hasher.update(value);
  }
}

/**
 * The CRC64NVME (base64) of a part body, for sources that give bytes but no checksum (streams): bytes in memory
 * are summed at once, a Blob or a stream factory by reading it. A file range is not something the core can read:
 * sources with file ranges implement `readWithCrc64`.
 */
export function crc64OfBody(body: PartBody): Promise<string> {
  if (body instanceof Uint8Array) return crc64Of((hasher) => { hasher.update(body); });
  if (typeof body === "function") return crc64Of((hasher) => feedChunks(hasher, body() as AsyncIterable<Uint8Array>));
  if ("kind" in body) return Promise.reject(new Error("a file-range source must implement readWithCrc64 to upload with checksum crc64nvme"));
  return crc64Of((hasher) => feedBlob(hasher, body));
}
