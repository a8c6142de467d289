import type { UnsizedSource } from "../stream-source";
import { md5Hex, sha256Base64 } from "./sha256";

/** Reads up to a byte count at a time from an async iterable of chunks, keeping the unread rest of a chunk. */
class ChunkReader {
  private leftover: Uint8Array = new Uint8Array(0);
  private ended = false;
  offset = 0;
  constructor(private readonly chunks: AsyncIterator<Uint8Array>) {}

  /** The next chunk into `leftover`; false at the end of the stream. */
  private async pull(): Promise<boolean> {
    while (this.leftover.length === 0 && !this.ended) {
      const next = await this.chunks.next();
      if (next.done === true) this.ended = true;
      else this.leftover = next.value;
    }
    return this.leftover.length > 0;
  }

  /** Up to `count` bytes in one new buffer; fewer only at the end of the stream. */
  async read(count: number): Promise<Buffer> {
    const out = Buffer.allocUnsafe(count);
    let filled = 0;
    while (filled < count && (await this.pull())) {
      const take = Math.min(count - filled, this.leftover.length);
      out.set(this.leftover.subarray(0, take), filled);
      this.leftover = this.leftover.subarray(take);
      filled += take;
    }
    this.offset += filled;
    return filled < count ? out.subarray(0, filled) : out;
  }

  async atEnd(): Promise<boolean> {
    return !(await this.pull());
  }
}

/** Options of {@link fromUnsizedStream}. */
export interface FromUnsizedStreamOptions {
  name: string;
  /** The most the stream may hold: the part size grows with it, and so does memory (part size x concurrency). */
  maxSize: number;
  type: string;
}

/** The stream's parts held in memory: read in order, each kept until storage confirmed it. */
class HeldParts {
  private readonly reader: ChunkReader;
  private readonly buffers = new Map<number, Buffer>();
  private queue: Promise<unknown> = Promise.resolve();
  total: number | undefined;
  peak = 0;

  constructor(readable: AsyncIterable<Uint8Array>) {
    this.reader = new ChunkReader(readable[Symbol.asyncIterator]());
  }

  /** Reads are chained so parts asked at once still come off the stream in order. */
  private inOrder<T>(step: () => Promise<T>): Promise<T> {
    const next = this.queue.then(step);
    this.queue = next.catch(() => undefined);
    return next;
  }

  fill(start: number, end: number): Promise<number> {
    return this.inOrder(async () => {
      if (this.total !== undefined && start >= this.total) return 0;
      if (start !== this.reader.offset) throw new Error(`the stream is at byte ${this.reader.offset}; part ${start}..${end} cannot be read now`);
      const bytes = await this.reader.read(end - start);
      if (bytes.length < end - start) this.total = start + bytes.length;
      if (bytes.length > 0) this.buffers.set(start, bytes);
      this.peak = Math.max(this.peak, this.buffers.size);
      return bytes.length;
    });
  }

  endsAt(offset: number): Promise<boolean> {
    return this.inOrder(async () => {
      const ended = offset === this.reader.offset && (await this.reader.atEnd());
      if (ended) this.total = offset;
      return ended;
    });
  }

  held(start: number, end: number): Buffer {
    const bytes = end === start ? Buffer.alloc(0) : this.buffers.get(start);
    if (bytes === undefined) throw new Error(`bytes ${start}..${end} of the stream are not held; a stream is read once, in order`);
    return bytes.subarray(0, end - start);
  }

  release(start: number): void {
    this.buffers.delete(start);
  }
}

/**
 * A stream of unknown length as an upload source: each part is read into its own buffer when the engine is
 * ready to send it and freed once storage confirmed it, so at most one buffer per part in flight is alive.
 */
export function fromUnsizedStream(readable: AsyncIterable<Uint8Array>, options: FromUnsizedStreamOptions): UnsizedSource {
  const parts = new HeldParts(readable);
  const later = <T>(read: () => T) => Promise.resolve().then(read);
  return {
    name: options.name,
    size: options.maxSize,
    maxSize: options.maxSize,
    type: options.type,
    seekable: false,
    fill: (start, end) => parts.fill(start, end),
    endsAt: (offset) => parts.endsAt(offset),
    get total() {
      return parts.total;
    },
    get peakBuffers() {
      return parts.peak;
    },
    part: (start, end) => later(() => parts.held(start, end)),
    sha256: (start, end) => later(() => sha256Base64(parts.held(start, end))),
    md5: (start, end) => later(() => md5Hex(parts.held(start, end))),
    release: (start) => {
      parts.release(start);
    },
  };
}
