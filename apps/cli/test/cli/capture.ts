import { Writable } from "node:stream";

/** A writable that keeps everything written to it (and shows each chunk to `onChunk`); not a TTY, like a pipe. */
export class Capture extends Writable {
  private chunks: string[] = [];
  isTTY?: boolean;
  columns?: number;

  constructor(private readonly onChunk?: (text: string) => void) {
    super();
  }

  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: (error?: Error | null) => void): void {
    const text = chunk.toString();
    this.chunks.push(text);
    this.onChunk?.(text);
    done();
  }

  text(): string {
    return this.chunks.join("");
  }
}

/** Parses `--json` output: every non-empty line must be one JSON object. */
export function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

