import type { Agent, request as undiciRequest } from "undici";
import type { PartRequest, PartResponse, Transport } from "../types";
import { ByteCounter, bodyStream, inactivityGuard } from "./stream-body";

/** Options of {@link undiciTransport}. */
export interface UndiciTransportOptions {
  /** Sockets per origin; at least the uploader's concurrency so no part waits for a socket (default 16). */
  connections?: number;
  /** How long an idle socket is kept for the next part (default 30 s). */
  keepAliveTimeout?: number;
}

/** undici's request function and this transport's Agent, once loaded. */
interface Loaded {
  request: typeof undiciRequest;
  dispatcher: Agent;
}

async function send({ request, dispatcher }: Loaded, req: PartRequest): Promise<PartResponse> {
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
  // Loaded on first use: importing undici costs ~20 MiB of RSS (measured), which the default transport never needs.
  let loaded: Promise<Loaded> | undefined;
  const load = () =>
    (loaded ??= import("undici").then(({ Agent, request }) => ({
      request,
      dispatcher: new Agent({ connections: options.connections ?? 16, keepAliveTimeout: options.keepAliveTimeout ?? 30_000 }),
    })));
  return {
    put: async (req) => send(await load(), req),
    close: async () => {
      if (loaded !== undefined) await (await loaded).dispatcher.close();
    },
  };
}
