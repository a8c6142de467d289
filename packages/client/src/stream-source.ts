import type { UploadSource } from "./types";

/**
 * A source whose length is only known once it ends (a pipe, stdin). Until then `size` is its declared maximum
 * (`maxSize`), which the session is planned and counted for. The engine fills parts in order, one buffer per
 * part in flight, and learns where the stream ends from {@link fill}. Never resumable: its bytes cannot be read
 * again.
 */
export interface UnsizedSource extends UploadSource {
  /** The most the stream may hold; `upload.create` is sent `maxSize` instead of `size`. */
  readonly maxSize: number;
  /**
   * Reads `[start, end)` off the stream into a buffer kept until `release(start)`; calls must come in order.
   * Resolves with the bytes read: fewer than asked means the stream ended (then {@link total} is set).
   */
  fill(start: number, end: number): Promise<number>;
  /** True when the stream has no byte after `offset` (what it has read so far); reads ahead to know. */
  endsAt(offset: number): Promise<boolean>;
  /** The stream's length, once its end was read. */
  readonly total: number | undefined;
  /** Most part buffers held at once so far (the memory bound: parts in flight). */
  readonly peakBuffers: number;
}

/** True for a stream of unknown length. */
export function isUnsized(source: UploadSource): source is UnsizedSource {
  return typeof (source as Partial<UnsizedSource>).fill === "function";
}
