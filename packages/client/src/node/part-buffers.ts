/** Most part buffers a source keeps for reuse: about the parts an upload holds (in flight and read ahead). */
const KEEP = 32;

/**
 * Part-sized buffers for a file source's one-pass reads (crc64nvme), lent per part and given back when storage
 * confirmed it (`release`), so a busy upload reuses the same few buffers. Fresh 5+ MiB buffers per part cost
 * ~0.7 CPU s/GiB in garbage collection here: V8 collects to keep up with external memory it cannot see freed.
 */
export class PartBuffers {
  private readonly free: Buffer[] = [];
  private readonly lent = new Map<number, Buffer>();

  /** A buffer of `size` bytes for the part at `start` (its old contents are to be overwritten). */
  take(start: number, size: number): Buffer {
    const index = this.free.findIndex((buffer) => buffer.length === size);
    const buffer = index < 0 ? Buffer.allocUnsafeSlow(size) : (this.free.splice(index, 1)[0] as Buffer);
    this.lent.set(start, buffer);
    return buffer;
  }

  /** The part at `start` is confirmed (or was only read for its value): its buffer may be read into again. */
  give(start: number): void {
    const buffer = this.lent.get(start);
    if (buffer === undefined) return;
    this.lent.delete(start);
    if (this.free.length < KEEP) this.free.push(buffer);
  }

  /** The upload settled: let the buffers go. */
  clear(): void {
    this.free.length = 0;
    this.lent.clear();
  }
}
