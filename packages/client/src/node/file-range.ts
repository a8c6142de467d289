import { open, type FileHandle } from "node:fs/promises";
import { UploadError } from "../errors";
import { abortable } from "../signals";
import type { FileRangeBody } from "../types";

/**
 * Fixed-size read buffers shared by every part of a transport (or a source's hashing): a chunk goes back once
 * the socket (or the hash) is done with it, so a busy upload reuses a few MiB instead of allocating a fresh
 * 64 KiB buffer per chunk and leaving V8 to free them late (peak RSS, and GC time).
 */
export class BufferPool {
  private readonly free: Buffer[] = [];
  /** @param keep most buffers kept for reuse; one lost to a failed write is left to the GC */
  constructor(
    readonly chunkBytes: number,
    private readonly keep: number,
  ) {}

  take(): Buffer {
    return this.free.pop() ?? Buffer.allocUnsafeSlow(this.chunkBytes);
  }

  give(buffer: Buffer): void {
    if (this.free.length < this.keep) this.free.push(buffer);
  }
}

/** 256 KiB: four times `fs.createReadStream`'s chunk, so a quarter of the reads, callbacks and socket writes. */
export const CHUNK_BYTES = 256 * 1024;

/** `[start, end)` of the file at `path` as a part body: transports read it themselves. */
export function fileRange(path: string, start: number, end: number): FileRangeBody {
  return { kind: "file-range", path, start, end };
}

/**
 * Reads `range` in order into buffers from `pool`, handing each filled chunk to `use`, which calls `done` when
 * the chunk's buffer may be reused. At most `depth` chunks are out at once: `use` back-pressures the reads.
 * `signal` ends a wait for a chunk that will never come back (the request was destroyed).
 * A file shorter than the range throws `SOURCE_CHANGED`: it changed after the upload planned its parts.
 */
export async function readRange(
  range: FileRangeBody,
  pool: BufferPool,
  depth: number,
  use: (chunk: Buffer, done: () => void) => void,
  signal?: AbortSignal,
): Promise<void> {
  const file = await open(range.path, "r");
  const out = new ChunksOut();
  try {
    for (let position = range.start; position < range.end; ) {
      await out.below(depth, signal);
      signal?.throwIfAborted();
      const buffer = pool.take();
      const chunk = await readChunk(file, { buffer, pool }, range, position);
      position += chunk.length;
      use(chunk, out.lend(() => {
        pool.give(buffer);
      }));
    }
  } finally {
    await file.close();
  }
}

/** Counts chunks handed out and not yet done, and lets the reader wait until fewer are out. */
class ChunksOut {
  private out = 0;
  private wake: (() => void) | undefined;

  async below(depth: number, signal: AbortSignal | undefined): Promise<void> {
    while (this.out >= depth) {
      await abortable<undefined>(signal, (resolve) => {
        this.wake = () => {
          resolve(undefined);
        };
        return () => (this.wake = undefined);
      });
    }
  }

  /** Counts one chunk out; the returned `done` runs `release`, counts it back and wakes the reader. */
  lend(release: () => void): () => void {
    this.out += 1;
    return () => {
      this.out -= 1;
      release();
      const w = this.wake;
      this.wake = undefined;
      w?.();
    };
  }
}

/**
 * The next bytes of `range` at `position`, read into `to.buffer`. None at all means the file got shorter: the
 * buffer goes back to its pool and `SOURCE_CHANGED` is thrown.
 */
async function readChunk(
  file: FileHandle,
  to: { buffer: Buffer; pool: BufferPool },
  range: FileRangeBody,
  position: number,
): Promise<Buffer> {
  const { buffer } = to;
  const { bytesRead } = await file.read(buffer, 0, Math.min(buffer.length, range.end - position), position);
  if (bytesRead === 0) {
    to.pool.give(buffer);
    const why = `${range.path} ended at byte ${position}, before ${range.end}: the file changed during the upload`;
    throw new UploadError("SOURCE_CHANGED", why);
  }
  return buffer.subarray(0, bytesRead);
}
