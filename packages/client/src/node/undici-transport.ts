import { Readable, Transform } from "node:stream";
import type { TransformCallback } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { Agent, request } from "undici";
import type { PartBody, PartRequest, PartResponse, Transport } from "../types";

/** Options of {@link undiciTransport}. */
export interface UndiciTransportOptions {
  /** Sockets per origin; at least the uploader's concurrency so no part waits for a socket (default 16). */
  connections?: number;
  /** How long an idle socket is kept for the next part (default 30 s). */
  keepAliveTimeout?: number;
}

/** Counts bytes as the request body pulls them: progress is what left, not what was read from disk. */
class ByteCounter extends Transform {
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

function bodyStream(body: PartBody): Readable {
  if (typeof body === "function") return Readable.from(body() as AsyncIterable<Buffer>);
  if (body instanceof Uint8Array) return Readable.from([Buffer.from(body.buffer, body.byteOffset, body.byteLength)]);
  // With the DOM lib loaded (for src/browser) Blob.stream() is typed as the DOM stream; in Node it is this one.
  return Readable.fromWeb(body.stream() as unknown as WebReadableStream<Uint8Array>);
}

/**
 * Aborts when no byte moved for `timeoutMs` (undici's own timeouts cover headers and the response body, not a
 * request body stuck in a full socket buffer).
 */
function inactivityGuard(timeoutMs: number, signal: AbortSignal) {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      controller.abort(new Error(`no progress for ${timeoutMs} ms: timed out`));
    }, timeoutMs);
  };
  arm();
  return { signal: AbortSignal.any([signal, controller.signal]), touch: arm, stop: () => { clearTimeout(timer); } };
}

async function send(dispatcher: Agent, req: PartRequest): Promise<PartResponse> {
  const guard = inactivityGuard(req.timeoutMs, req.signal);
  const counter = new ByteCounter((total) => {
    guard.touch();
    req.onSent?.(total);
  });
  const source = bodyStream(req.body);
  source.on("error", (error) => counter.destroy(error));
  try {
    const response = await request(req.url, {
      method: "PUT",
      headers: req.headers,
      body: source.pipe(counter),
      signal: guard.signal,
      dispatcher,
      headersTimeout: req.timeoutMs,
      bodyTimeout: req.timeoutMs,
    });
    guard.touch();
    const etag = response.headers.etag;
    if (response.statusCode >= 200 && response.statusCode < 300) {
      await response.body.dump();
      return { status: response.statusCode, etag: typeof etag === "string" ? etag : undefined };
    }
    const errorBody = (await response.body.text()).slice(0, 4096);
    return { status: response.statusCode, etag: undefined, errorBody };
  } catch (error) {
    source.destroy();
    throw guard.signal.aborted && !req.signal.aborted ? (guard.signal.reason as Error) : error;
  } finally {
    guard.stop();
  }
}

/**
 * Node transport: `undici.request` with the part streamed from its source (never a whole-file buffer; Node's
 * fetch would hold ~3.5x a Buffer body) on a dedicated keep-alive Agent. Non-2xx answers are returned, not
 * thrown; network errors, aborts and timeouts throw.
 */
export function undiciTransport(options: UndiciTransportOptions = {}): Transport & { close(): Promise<void> } {
  const dispatcher = new Agent({
    connections: options.connections ?? 16,
    keepAliveTimeout: options.keepAliveTimeout ?? 30_000,
  });
  return {
    put: (req) => send(dispatcher, req),
    close: () => dispatcher.close(),
  };
}
