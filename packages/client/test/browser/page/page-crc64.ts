import { fromBlob } from "@hoist/client/browser";
import { makeFile } from "./test-bytes";
import type { FileSpec, PageCrc64Read } from "./page-types";

const hex = (buffer: ArrayBuffer) => Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, "0")).join("");

/**
 * `readWithCrc64` of each range of the spec's File, as the engine calls it (`streaming`: as for a part over its
 * memory budget); counts `Blob.arrayBuffer()` calls on this (the page's main) thread meanwhile: reads belong in
 * the worker.
 */
export async function crc64Reads(spec: FileSpec, ranges: [number, number][], streaming = false): Promise<{ reads: PageCrc64Read[]; mainThreadReads: number }> {
  const source = fromBlob(makeFile(spec));
  const prototype = Blob.prototype;
  const descriptor = Object.getOwnPropertyDescriptor(prototype, "arrayBuffer");
  const original = descriptor?.value as (this: Blob) => Promise<ArrayBuffer>;
  let mainThreadReads = 0;
  prototype.arrayBuffer = function arrayBuffer(this: Blob) {
    mainThreadReads += 1;
    return original.call(this);
  };
  try {
    const done = await Promise.all(ranges.map(([start, end]) => source.readWithCrc64(start, end, { streaming })));
    if (descriptor) Object.defineProperty(prototype, "arrayBuffer", descriptor);
    const reads = await Promise.all(
      done.map(async ({ body, crc64nvme }) => {
        if (!(body instanceof Uint8Array) && !(body instanceof Blob)) throw new TypeError("readWithCrc64 gave neither bytes nor a Blob");
        const bytes = body instanceof Blob ? await body.arrayBuffer() : new Uint8Array(body);
        return { crc64nvme, length: bytes.byteLength, sha256: hex(await crypto.subtle.digest("SHA-256", bytes)) };
      }),
    );
    return { reads, mainThreadReads };
  } finally {
    if (descriptor) Object.defineProperty(prototype, "arrayBuffer", descriptor);
  }
}
