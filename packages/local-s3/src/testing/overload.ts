import type { Socket } from "node:net";
import type { RelayHooks } from "./connection-relay.js";
import type { RequestHead } from "./http-head.js";
import { seededRandom } from "./seeded-random.js";

/** Storage that sheds load: a share of PUTs meeting too many in flight is answered 503 SlowDown. */
export interface OverloadOptions {
  /** PUTs in flight storage takes without complaint; a PUT arriving when this many are already in flight may be refused. */
  above: number;
  /** Share of those PUTs refused, drawn per request from the proxy's seed. */
  share: number;
}

/** What the proxy counts about PUTs (kept in its stats). */
export interface PutCounts {
  /** PUTs forwarded and not yet answered by storage. */
  putsInFlight: number;
  /** The most PUTs in flight at once so far. */
  peakPutsInFlight: number;
  /** PUTs refused by `overload` (also counted in `slowDowns`). */
  overloads: number;
}

/** The PUTs of one proxy: which are in flight, and whether storage sheds the next one. */
export interface PutLoad {
  /** True when `head` is a PUT with a body that the overload refuses (counted). */
  refuses(head: RequestHead): boolean;
  /** Wraps a connection's hooks: a PUT forwarded on it is in flight until storage's answer begins or a side closes. */
  track(hooks: RelayHooks, client: Socket, upstream: Socket): RelayHooks;
}

/**
 * Counts PUTs in flight across every connection of a proxy and, given `opts`, refuses a seeded `share` of PUTs
 * that arrive while `above` or more are in flight. On one HTTP/1.1 connection a request's answer is the next bytes
 * upstream sends, so the first upstream bytes after a forwarded PUT end it.
 */
export function putLoad(opts: OverloadOptions | undefined, seed: number, counts: PutCounts): PutLoad {
  if (opts && !(opts.above >= 0 && opts.share >= 0 && opts.share <= 1)) {
    throw new Error(`fault proxy: overload needs above >= 0 and share in 0..1, got ${JSON.stringify(opts)}`);
  }
  const random = seededRandom(seed ^ 0x10ad);
  return {
    refuses(head) {
      if (!opts || head.method !== "PUT" || head.contentLength === 0) return false;
      if (counts.putsInFlight < opts.above || random() >= opts.share) return false;
      counts.overloads += 1;
      return true;
    },
    track(hooks, client, upstream) {
      let pending = false;
      const settle = () => {
        if (!pending) return;
        pending = false;
        counts.putsInFlight -= 1;
      };
      upstream.on("data", settle);
      for (const socket of [client, upstream]) socket.once("close", settle);
      return {
        ...hooks,
        request(head) {
          const fault = hooks.request(head);
          if (fault !== "slowDown" && head.method === "PUT") {
            pending = true;
            counts.putsInFlight += 1;
            counts.peakPutsInFlight = Math.max(counts.peakPutsInFlight, counts.putsInFlight);
          }
          return fault;
        },
      };
    },
  };
}
