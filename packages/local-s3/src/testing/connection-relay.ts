import type { Socket } from "node:net";
import { headEnd, MAX_HEAD_BYTES, parseHead, slowDownResponse } from "./http-head.js";
import type { RequestHead } from "./http-head.js";
import { corruptPiece } from "./corrupt-share.js";
import type { Corruption } from "./corrupt-share.js";

/** What the proxy does to one request: nothing, or one of the failures real networks and S3 produce. */
export type Fault = "reset" | "halfClose" | "slowDown";

/** How a relay asks its proxy what to do with each request, and tells it what it did. */
export interface RelayHooks {
  /**
   * Called once per request head; returns the fault to apply to it. Only `slowDown` applies to any request; a
   * reset or half-close drawn for a request without a countable body (empty or chunked) is ignored.
   */
  request(head: RequestHead): Fault | undefined;
  /** Where in the body (bytes forwarded first) a reset or half-close strikes, for a body of `length` bytes. */
  cutAt(length: number): number;
  /** Called when a fault actually struck (a client may leave before its body reaches the cut). */
  struck(fault: Fault): void;
  /** Whether (and where) a request without a fault gets a byte of its body flipped (corrupt-share.ts). */
  corrupt?(head: RequestHead): Corruption | undefined;
  /** Called when a flipped byte went upstream. */
  corrupted?(): void;
}

interface Body {
  remaining: number;
  /** Bytes still to forward before the fault strikes; the whole body when there is no fault. */
  forwardLeft: number;
  fault: Fault | undefined;
  corruption?: Corruption | undefined;
}

/**
 * Relays one client connection to its upstream socket, parsing request heads (keep-alive: many requests per
 * connection) so faults hit single requests mid-body. Responses flow back untouched.
 */
export function relayConnection(client: Socket, upstream: Socket, hooks: RelayHooks): void {
  const relay = new Relay(client, upstream, hooks);
  client.on("data", (bytes: Buffer) => {
    relay.feed(bytes);
  });
  client.on("end", () => {
    if (relay.mode === "stalled") upstream.destroy();
    else upstream.end();
  });
  client.on("close", () => upstream.destroy());
  upstream.on("data", (bytes: Buffer) => {
    if (relay.mode === "stalled" || client.write(bytes)) return;
    upstream.pause();
    client.once("drain", () => upstream.resume());
  });
  upstream.on("end", () => {
    if (relay.mode !== "stalled") client.end();
  });
  upstream.on("close", () => {
    // A stalled request must keep hanging even if upstream goes; otherwise upstream's failure is the client's.
    if (relay.mode !== "stalled") client.destroy();
  });
  // Errors surface as 'close'; listeners here keep them from crashing the test process.
  client.on("error", () => undefined);
  upstream.on("error", () => undefined);
}

/** The request side of one relayed connection: where it stands in the byte stream, and what to do with bytes. */
class Relay {
  mode: "parse" | "passthrough" | "stalled" = "parse";
  private head: Buffer = Buffer.alloc(0);
  private body: Body | undefined;

  constructor(
    private readonly client: Socket,
    private readonly upstream: Socket,
    private readonly hooks: RelayHooks,
  ) {}

  /** Bytes from the client: request heads are parsed, bodies forwarded (or cut, or dropped). */
  feed(input: Buffer): void {
    let chunk = input;
    while (chunk.length > 0 && this.mode !== "stalled") {
      if (this.mode === "passthrough") {
        this.forward(chunk);
        return;
      }
      if (this.body) {
        chunk = this.feedBody(chunk, this.body);
        continue;
      }
      this.head = this.head.length === 0 ? chunk : Buffer.concat([this.head, chunk]);
      const end = headEnd(this.head);
      if (end < 0) {
        if (this.head.length > MAX_HEAD_BYTES) {
          this.mode = "passthrough";
          this.forward(this.head);
        }
        return;
      }
      chunk = this.head.subarray(end);
      const raw = this.head.subarray(0, end);
      this.head = Buffer.alloc(0);
      this.startRequest(raw);
    }
  }

  private forward(bytes: Buffer): void {
    if (bytes.length === 0 || this.upstream.write(bytes)) return;
    // Backpressure: stop reading the client until the upstream socket drains, so memory stays flat.
    this.client.pause();
    this.upstream.once("drain", () => this.client.resume());
  }

  private strike(fault: Fault): void {
    this.hooks.struck(fault);
    this.mode = "stalled";
    if (fault === "reset") {
      this.client.resetAndDestroy();
      this.upstream.destroy();
    }
    // halfClose: bytes are read and dropped from now on and nothing is answered, so the request hangs until the
    // client gives up; upstream is left waiting too, and is closed when the client goes.
  }

  /** Answers 503 SlowDown in storage's stead; the body, if any, is read and dropped, then the connection closes. */
  private slowDown(parsed: RequestHead): void {
    this.hooks.struck("slowDown");
    this.client.write(slowDownResponse(parsed.method));
    if (parsed.contentLength > 0 && !parsed.chunked) {
      this.body = { remaining: parsed.contentLength, forwardLeft: 0, fault: "slowDown" };
      return;
    }
    // No body, or one whose end cannot be counted (chunked): nothing more of this connection is worth reading.
    this.mode = "stalled";
    this.client.end();
  }

  private startRequest(raw: Buffer): void {
    const parsed = parseHead(raw);
    const fault = this.hooks.request(parsed);
    if (fault === "slowDown") {
      this.slowDown(parsed);
      return;
    }
    if (parsed.chunked) this.mode = "passthrough";
    this.forward(raw);
    if (parsed.chunked || parsed.contentLength === 0) return;
    const length = parsed.contentLength;
    const corruption = fault ? undefined : this.hooks.corrupt?.(parsed);
    this.body = { remaining: length, forwardLeft: fault ? this.hooks.cutAt(length) : length, fault, corruption };
  }

  /** Consumes body bytes of the current request; returns what follows it (the next request's head). */
  private feedBody(chunk: Buffer, current: Body): Buffer {
    const take = Math.min(chunk.length, current.remaining);
    current.remaining -= take;
    if (current.fault === "slowDown") {
      if (current.remaining === 0) {
        this.mode = "stalled";
        this.client.end();
      }
      return chunk.subarray(take);
    }
    const send = Math.min(take, current.forwardLeft);
    this.forward(corruptPiece(chunk.subarray(0, send), current.corruption, () => this.hooks.corrupted?.()));
    current.forwardLeft -= send;
    if (current.fault && current.forwardLeft === 0) {
      this.strike(current.fault);
      return Buffer.alloc(0);
    }
    if (current.remaining === 0) this.body = undefined;
    return chunk.subarray(take);
  }
}
