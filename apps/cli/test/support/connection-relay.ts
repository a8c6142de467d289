import type { Socket } from "node:net";
import { headEnd, MAX_HEAD_BYTES, parseHead, slowDownResponse } from "./http-head";
import type { RequestHead } from "./http-head";

/** What the proxy does to one request: nothing, or one of the failures real networks and S3 produce. */
export type Fault = "reset" | "halfClose" | "slowDown";

/** How a relay asks its proxy what to do with each request, and tells it what it did. */
export interface RelayHooks {
  /** Called once per request head; returns the fault to apply to it (never asked to fault an empty body). */
  request(head: RequestHead): Fault | undefined;
  /** Where in the body (bytes forwarded first) a reset or half-close strikes, for a body of `length` bytes. */
  cutAt(length: number): number;
  /** Called when a fault actually struck (a client may leave before its body reaches the cut). */
  struck(fault: Fault): void;
}

interface Body {
  remaining: number;
  /** Bytes still to forward before the fault strikes; the whole body when there is no fault. */
  forwardLeft: number;
  fault: Fault | undefined;
}

/**
 * Relays one client connection to its upstream socket, parsing request heads (keep-alive: many requests per
 * connection) so faults hit single requests mid-body. Responses flow back untouched.
 */
export function relayConnection(client: Socket, upstream: Socket, hooks: RelayHooks): void {
  let mode: "parse" | "passthrough" | "stalled" = "parse";
  let head: Buffer = Buffer.alloc(0);
  let body: Body | undefined;

  const forward = (bytes: Buffer) => {
    if (bytes.length === 0 || upstream.write(bytes)) return;
    // Backpressure: stop reading the client until the upstream socket drains, so memory stays flat.
    client.pause();
    upstream.once("drain", () => client.resume());
  };

  const strike = (fault: Fault) => {
    hooks.struck(fault);
    mode = "stalled";
    if (fault === "reset") {
      client.resetAndDestroy();
      upstream.destroy();
    }
    // halfClose: bytes are read and dropped from now on and nothing is answered, so the request hangs until the
    // client gives up; upstream is left waiting too, and is closed when the client goes.
  };

  const startRequest = (raw: Buffer) => {
    const parsed = parseHead(raw);
    const fault = hooks.request(parsed);
    if (parsed.chunked) {
      mode = "passthrough";
      forward(raw);
      return;
    }
    if (parsed.contentLength === 0) {
      forward(raw);
      return;
    }
    if (fault === "slowDown") {
      hooks.struck(fault);
      client.write(slowDownResponse());
      body = { remaining: parsed.contentLength, forwardLeft: 0, fault };
      return;
    }
    forward(raw);
    const length = parsed.contentLength;
    body = { remaining: length, forwardLeft: fault ? hooks.cutAt(length) : length, fault };
  };

  /** Consumes body bytes of the current request; returns what follows it (the next request's head). */
  const feedBody = (chunk: Buffer, current: Body): Buffer => {
    const take = Math.min(chunk.length, current.remaining);
    current.remaining -= take;
    if (current.fault === "slowDown") {
      if (current.remaining === 0) {
        mode = "stalled";
        client.end();
      }
      return chunk.subarray(take);
    }
    const send = Math.min(take, current.forwardLeft);
    forward(chunk.subarray(0, send));
    current.forwardLeft -= send;
    if (current.fault && current.forwardLeft === 0) {
      strike(current.fault);
      return Buffer.alloc(0);
    }
    if (current.remaining === 0) body = undefined;
    return chunk.subarray(take);
  };

  const feed = (input: Buffer) => {
    let chunk = input;
    while (chunk.length > 0 && mode !== "stalled") {
      if (mode === "passthrough") {
        forward(chunk);
        return;
      }
      if (body) {
        chunk = feedBody(chunk, body);
        continue;
      }
      head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
      const end = headEnd(head);
      if (end < 0) {
        if (head.length > MAX_HEAD_BYTES) {
          mode = "passthrough";
          forward(head);
        }
        return;
      }
      chunk = head.subarray(end);
      const raw = head.subarray(0, end);
      head = Buffer.alloc(0);
      startRequest(raw);
    }
  };

  client.on("data", feed);
  client.on("end", () => {
    if (mode === "stalled") upstream.destroy();
    else upstream.end();
  });
  client.on("close", () => upstream.destroy());
  upstream.on("data", (bytes: Buffer) => {
    if (mode === "stalled" || client.write(bytes)) return;
    upstream.pause();
    client.once("drain", () => upstream.resume());
  });
  upstream.on("end", () => {
    if (mode !== "stalled") client.end();
  });
  upstream.on("close", () => {
    // A stalled request must keep hanging even if upstream goes; otherwise upstream's failure is the client's.
    if (mode !== "stalled") client.destroy();
  });
  // Errors surface as 'close'; listeners here keep them from crashing the test process.
  client.on("error", () => undefined);
  upstream.on("error", () => undefined);
}
