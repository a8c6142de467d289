import { createReadStream } from "node:fs";
import { Readable, Transform } from "node:stream";
import type { TransformCallback } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { followSignal } from "../signals";
import type { PartBody } from "../types";

/** Counts bytes as the request body pulls them: progress is what left, not what was read from disk. */
export class ByteCounter extends Transform {
  private count = 0;
  constructor(private readonly onBytes: (total: number) => void) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.count += chunk.length;
    this.onBytes(this.count);
    callback(null, chunk);
  }
}

/**
 * {@link ByteCounter} without the extra stream hop, for a stream piped in the same tick (a `data` listener
 * starts the flow on the next tick, so the pipe sees every chunk): each hop costs CPU per chunk.
 */
export function countBytes(stream: Readable, onBytes: (total: number) => void): Readable {
  let count = 0;
  stream.on("data", (chunk: Buffer) => {
    count += chunk.length;
    onBytes(count);
  });
  return stream;
}

/** Bytes handed to the socket at once from a part held in memory. */
const SLICE_BYTES = 256 * 1024;

/**
 * A part held in memory (crc64nvme reads parts once) in 256 KiB views, no copies: progress and the inactivity
 * timeout then move as the socket takes the part, not once for all of it.
 */
function* slices(bytes: Buffer): Generator<Buffer> {
  for (let at = 0; at < bytes.length; at += SLICE_BYTES) yield bytes.subarray(at, at + SLICE_BYTES);
}

/** A part body as a Node stream: a fresh stream per attempt, so a retry sends the same bytes again. */
export function bodyStream(body: PartBody): Readable {
  if (typeof body === "function") {
    const stream = body();
    return stream instanceof Readable ? stream : Readable.from(stream as AsyncIterable<Buffer>);
  }
  if ("kind" in body) return body.end <= body.start ? Readable.from([]) : createReadStream(body.path, { start: body.start, end: body.end - 1 });
  if (body instanceof Uint8Array) return Readable.from(slices(Buffer.from(body.buffer, body.byteOffset, body.byteLength)));
  // With the DOM lib loaded (for src/browser) Blob.stream() is typed as the DOM stream; in Node it is this one.
  return Readable.fromWeb(body.stream() as unknown as WebReadableStream<Uint8Array>);
}

/**
 * Aborts when no byte moved for `timeoutMs`: HTTP clients' own timeouts cover the headers and the response body,
 * not a request body stuck behind a full socket buffer.
 */
export function inactivityGuard(timeoutMs: number, signal: AbortSignal) {
  const { controller, release } = followSignal(signal);
  const timer = setTimeout(() => {
    controller.abort(new Error(`no progress for ${timeoutMs} ms: timed out`));
  }, timeoutMs);
  // refresh() re-arms the same timer: called per chunk, it is far cheaper than clearTimeout + setTimeout.
  const touch = () => {
    timer.refresh();
  };
  const stop = () => {
    clearTimeout(timer);
    release();
  };
  return { signal: controller.signal, touch, stop };
}
