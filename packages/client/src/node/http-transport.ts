import { Agent as HttpAgent, request as httpRequest } from "node:http";
import type { IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { pipeline } from "node:stream/promises";
import type { PartRequest, PartResponse, Transport } from "../types";
import { bodyStream, countBytes, inactivityGuard } from "./stream-body";

/** Options of {@link nodeHttpTransport}. */
export interface NodeHttpTransportOptions {
  /** Sockets per origin; at least the uploader's concurrency so no part waits for a socket (default 16). */
  sockets?: number;
}

async function answer(res: IncomingMessage): Promise<PartResponse> {
  const status = res.statusCode ?? 0;
  const etag = typeof res.headers.etag === "string" ? res.headers.etag : undefined;
  if (status >= 200 && status < 300) {
    res.resume();
    await new Promise((resolve, reject) => res.once("end", resolve).once("error", reject));
    return { status, etag };
  }
  let errorBody = "";
  for await (const chunk of res as AsyncIterable<Buffer>) if (errorBody.length < 4096) errorBody += chunk.toString();
  return { status, etag: undefined, errorBody: errorBody.slice(0, 4096) };
}

function send(req: PartRequest, agents: { http: HttpAgent; https: HttpsAgent }): Promise<PartResponse> {
  const guard = inactivityGuard(req.timeoutMs, req.signal);
  const secure = req.url.startsWith("https:");
  const options = { method: "PUT", headers: req.headers, signal: guard.signal, agent: secure ? agents.https : agents.http };
  return new Promise<PartResponse>((resolve, reject) => {
    const request = (secure ? httpsRequest : httpRequest)(req.url, options, (res) => {
      guard.touch();
      answer(res).then(resolve, reject);
    });
    const fail = (error: unknown) => {
      const reason: unknown = guard.signal.aborted && !req.signal.aborted ? guard.signal.reason : error;
      reject(reason instanceof Error ? reason : new Error(String(reason)));
    };
    request.once("error", fail);
    const body = countBytes(bodyStream(req.body), (total) => {
      guard.touch();
      req.onSent?.(total);
    });
    pipeline(body, request).catch((error: unknown) => {
      request.destroy(error instanceof Error ? error : new Error(String(error)));
      fail(error);
    });
  }).finally(guard.stop);
}

/**
 * Node transport on `node:http`/`node:https` with the part streamed from its source through keep-alive agents.
 * Measured here it costs ~1 s less CPU per GiB than undici (2.4 vs 3.3 s/GiB), which on a busy machine is
 * throughput. Non-2xx answers are returned, not thrown; network errors, aborts and timeouts throw.
 */
export function nodeHttpTransport(options: NodeHttpTransportOptions = {}): Transport & { close(): Promise<void> } {
  const sockets = options.sockets ?? 16;
  const agents = {
    http: new HttpAgent({ keepAlive: true, maxSockets: sockets }),
    https: new HttpsAgent({ keepAlive: true, maxSockets: sockets }),
  };
  return {
    put: (req) => send(req, agents),
    close: () => {
      agents.http.destroy();
      agents.https.destroy();
      return Promise.resolve();
    },
  };
}
