import { connect, createServer } from "node:net";
import type { AddressInfo, Socket } from "node:net";
import { capBandwidth } from "./bandwidth-cap.js";
import { relayConnection } from "./connection-relay.js";
import { corruptPicker } from "./corrupt-share.js";
import type { Fault, RelayHooks } from "./connection-relay.js";
import { putLoad } from "./overload.js";
import type { OverloadOptions, PutCounts, PutLoad } from "./overload.js";
import { seededRandom } from "./seeded-random.js";
import { slowDownBurst } from "./slow-down-burst.js";
import type { BurstClaim, BurstOptions, SlowDownBurst } from "./slow-down-burst.js";

export type { Fault } from "./connection-relay.js";
export type { BurstOptions, BurstRequest, SlowDownBurst } from "./slow-down-burst.js";
export type { OverloadOptions } from "./overload.js";

/** Options of {@link startFaultProxy}. Shares are fractions of PUT requests with a body, drawn per request. */
export interface FaultProxyOptions {
  /** Where to forward, e.g. `http://127.0.0.1:9000`; loopback only. */
  target: string;
  /** Share of PUTs whose connection is reset (RST) after part of the body went upstream. */
  resetShare?: number;
  /** Share of PUTs that hang after part of the body: nothing more is forwarded and nothing is answered. */
  halfCloseShare?: number;
  /** Share of PUTs answered `503 SlowDown` by the proxy itself once the head arrived (nothing forwarded). */
  slowDownShare?: number;
  /** Paces each connection's request bytes (client to storage) to this many bytes/s: a per-connection cap. */
  bandwidthPerConnection?: number;
  /** Storage shedding load: 503 SlowDown to `share` of PUTs arriving while `above` or more are in flight. */
  overload?: OverloadOptions;
  /** Share of PUTs (with a body, no other fault) that get one byte of their body flipped on the way upstream. */
  corruptShare?: number;
  /** PRNG seed: the same seed draws the same sequence of faults (default 1). */
  seed?: number;
  /** Sees every request head (all methods) and the fault drawn for it, in arrival order. */
  onRequest?: (request: ProxiedRequest) => void;
}

/** One request as the proxy saw it. */
export interface ProxiedRequest {
  method: string;
  /** Path and query, as sent (presigned URLs keep their query). */
  path: string;
  contentLength: number;
  fault: Fault | undefined;
}

/** Counters, live while the proxy runs. */
export interface FaultStats extends PutCounts {
  connections: number;
  /** Connections with either side still open (a test waits for 0 before it reads what storage kept). */
  open: number;
  requests: number;
  /** Faults that struck (a reset or half-close drawn for a client that left before the cut is not counted). */
  resets: number;
  halfCloses: number;
  slowDowns: number;
  /** Bodies forwarded with a flipped byte (`corruptShare`). */
  corruptions: number;
  /** Times `bandwidthPerConnection` held a connection back (paused its socket until its bytes were paid for). */
  pacedPauses: number;
}

/** A running proxy. */
export interface FaultProxy {
  /** `http://127.0.0.1:PORT`, to hand out as the S3 endpoint. */
  endpoint: string;
  stats: FaultStats;
  /**
   * Starts a burst: every request of any method (the API server's own S3 calls too) is answered 503 SlowDown
   * with S3's XML body, for a count of requests or until `end()`. Every burst sees every request (to find where
   * it begins); a request is refused and counted by the first burst under way. Requests no burst refuses meet
   * the random shares as before.
   */
  slowDownBurst(opts?: BurstOptions): SlowDownBurst;
  /** Stops listening and destroys every open connection, hanging ones included. */
  close(): Promise<void>;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** True when the proxy can sit in front of `endpoint`: it forwards to loopback targets only. */
export function isLoopbackEndpoint(endpoint: string): boolean {
  return LOOPBACK.has(new URL(endpoint).hostname);
}

/** Draws one fault per faultable request from the shares, in the order reset, half-close, slow-down. */
function faultPicker(opts: FaultProxyOptions): () => Fault | undefined {
  const random = seededRandom(opts.seed ?? 1);
  const bands: [Fault, number][] = [
    ["reset", opts.resetShare ?? 0],
    ["halfClose", opts.halfCloseShare ?? 0],
    ["slowDown", opts.slowDownShare ?? 0],
  ];
  return () => {
    let draw = random();
    for (const [fault, share] of bands) {
      if (draw < share) return fault;
      draw -= share;
    }
    return undefined;
  };
}

/** What every connection of one proxy asks: bursts first, then the seeded draw for PUTs with a body. */
function proxyHooks(opts: FaultProxyOptions, stats: FaultStats, bursts: readonly BurstClaim[], load: PutLoad): RelayHooks {
  const pick = faultPicker(opts);
  const cutRandom = seededRandom((opts.seed ?? 1) ^ 0x5eed);
  const counter: Record<Fault, keyof FaultStats> = { reset: "resets", halfClose: "halfCloses", slowDown: "slowDowns" };
  return {
    request(head) {
      stats.requests += 1;
      const faultable = head.method === "PUT" && head.contentLength > 0 && !head.chunked;
      // Every burst sees every request, so one aimed at a request another burst refuses still begins there.
      const inBurst = bursts.reduce((taken, burst) => burst.claims(head, taken) || taken, false);
      const fault = inBurst || load.refuses(head) ? "slowDown" : faultable ? pick() : undefined;
      opts.onRequest?.({ method: head.method, path: head.path, contentLength: head.contentLength, fault });
      return fault;
    },
    // Strike somewhere in the middle 10–90 % of the body, at least one byte in, so upstream saw a partial body.
    cutAt: (length) => Math.max(1, Math.floor(length * (0.1 + 0.8 * cutRandom()))),
    struck(fault) {
      stats[counter[fault]] += 1;
    },
    corrupt: corruptPicker(opts.corruptShare ?? 0, opts.seed ?? 1),
    corrupted() {
      stats.corruptions += 1;
    },
  };
}

/** Relays one connection, counting it in `stats` and keeping both sockets in `sockets` while they are open. */
function relayCounted(client: Socket, upstream: Socket, stats: FaultStats, sockets: Set<Socket>, hooks: RelayHooks): void {
  stats.connections += 1;
  stats.open += 1;
  let sides = 2;
  for (const socket of [client, upstream]) {
    sockets.add(socket);
    socket.once("close", () => {
      sockets.delete(socket);
      sides -= 1;
      if (sides === 0) stats.open -= 1;
    });
  }
  relayConnection(client, upstream, hooks);
}

/**
 * A TCP proxy on 127.0.0.1 that forwards HTTP/1.1 bytes both ways and, for a seeded share of PUTs with a body,
 * resets the connection mid-body, lets it hang mid-body, or answers 503 SlowDown (or, `corruptShare`, flips one
 * byte of the body); other methods (the API
 * server's own S3 calls are POST/GET/HEAD/DELETE) pass. A {@link FaultProxy.slowDownBurst} answers every
 * request 503 SlowDown, whatever its method.
 */
export async function startFaultProxy(opts: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(opts.target);
  if (!isLoopbackEndpoint(opts.target)) throw new Error(`fault proxy: loopback targets only, got ${target.hostname}`);
  const port = Number(target.port || 80);
  const cap = opts.bandwidthPerConnection;
  if (cap !== undefined && !(cap > 0)) throw new Error(`fault proxy: bandwidthPerConnection must be above 0, got ${cap}`);
  const stats: FaultStats = { connections: 0, open: 0, requests: 0, resets: 0, halfCloses: 0, slowDowns: 0, putsInFlight: 0, peakPutsInFlight: 0, overloads: 0, corruptions: 0, pacedPauses: 0 };
  const bursts: BurstClaim[] = [];
  const load = putLoad(opts.overload, opts.seed ?? 1, stats);
  const hooks = proxyHooks(opts, stats, bursts, load);
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect({ host: target.hostname.replace(/^\[|\]$/g, ""), port });
    if (cap !== undefined) capBandwidth(client, cap, () => (stats.pacedPauses += 1));
    relayCounted(client, upstream, stats, sockets, load.track(hooks, client, upstream));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port: own } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${own}`,
    stats,
    slowDownBurst(burstOpts) {
      const burst = slowDownBurst(burstOpts);
      bursts.push(burst);
      return burst;
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => {
        resolve();
      }));
      for (const socket of sockets) socket.destroy();
      for (const burst of bursts) burst.end();
      await closed;
    },
  };
}
