import type { UploadSource } from "../types";
import { md5Hex, sha256Base64 } from "./sha256";
import { typeFromName } from "./from-path";

/** Options of {@link fromStream}: a stream has no size or name of its own. */
export interface FromStreamOptions {
  /** Exact byte count the stream will yield (the plan is made from it; a short stream fails the upload). */
  size: number;
  name: string;
  /** MIME type; guessed from the name's extension when left out. */
  type?: string;
}

/** Reads exact byte counts from an async iterable of chunks, keeping the unread rest of a chunk. */
class ExactReader {
  private leftover: Uint8Array = new Uint8Array(0);
  offset = 0;
  constructor(private readonly chunks: AsyncIterator<Uint8Array>, private readonly size: number) {}

  async read(count: number): Promise<Buffer> {
    const out = Buffer.allocUnsafe(count);
    let filled = 0;
    while (filled < count) {
      if (this.leftover.length === 0) {
        const next = await this.chunks.next();
        if (next.done === true) throw new Error(`the stream ended after ${this.offset + filled} bytes; its size was given as ${this.size}`);
        this.leftover = next.value;
      }
      const take = Math.min(count - filled, this.leftover.length);
      out.set(this.leftover.subarray(0, take), filled);
      this.leftover = this.leftover.subarray(take);
      filled += take;
    }
    this.offset += count;
    return out;
  }
}

/**
 * A readable stream (stdin, a pipe, an HTTP body) as an upload source. It cannot seek, so parts are read in
 * order and each part's bytes stay buffered until storage confirms it (a retry sends them again); the engine
 * keeps at most `concurrency` parts of an upload open, so memory stays near concurrency x part size. Not
 * resumable in another process (there is no way to read the same bytes again).
 */
export function fromStream(readable: AsyncIterable<Uint8Array>, options: FromStreamOptions): UploadSource {
  const reader = new ExactReader(readable[Symbol.asyncIterator](), options.size);
  const buffers = new Map<number, Buffer>();
  let queue: Promise<unknown> = Promise.resolve();
  // Reads are chained so two parts asked at once still come off the stream in order.
  const bytesOf = (start: number, end: number): Promise<Buffer> => {
    const next = queue.then(async () => {
      const held = buffers.get(start);
      if (held !== undefined) return held;
      if (start < reader.offset) throw new Error(`bytes ${start}..${end} of the stream were already released and cannot be read again`);
      // Parts are equal-sized, so a gap before `start` is whole earlier parts: buffer them for their turn.
      while (reader.offset < start) buffers.set(reader.offset, await reader.read(Math.min(end - start, start - reader.offset)));
      const bytes = await reader.read(end - start);
      buffers.set(start, bytes);
      return bytes;
    });
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    name: options.name,
    size: options.size,
    type: options.type ?? typeFromName(options.name),
    seekable: false,
    part: (start, end) => bytesOf(start, end),
    sha256: async (start, end) => sha256Base64(await bytesOf(start, end)),
    md5: async (start, end) => md5Hex(await bytesOf(start, end)),
    release(start) {
      buffers.delete(start);
    },
    /** Buffered bytes right now (for tests of the memory bound). */
    get buffered() {
      let total = 0;
      for (const buffer of buffers.values()) total += buffer.length;
      return total;
    },
  } as UploadSource & { readonly buffered: number };
}
