/** One request as a burst sees it: enough to decide where a burst begins. */
export interface BurstRequest {
  method: string;
  /** Path and query, as sent. */
  path: string;
}

/** Options of a {@link SlowDownBurst}. */
export interface BurstOptions {
  /** Requests answered 503 SlowDown before the burst ends by itself (default: until `end()`). */
  requests?: number;
  /**
   * The burst begins at the first request this matches, which is answered 503 too (default: the next request).
   * Lets a test aim a burst at one step, e.g. the HeadObject after a CompleteMultipartUpload.
   */
  startsAt?: (request: BurstRequest) => boolean;
}

/** A window in which storage answers every request, of any method, 503 SlowDown. */
export interface SlowDownBurst {
  /** 503s this burst has served so far: a test checks it to prove the burst struck. */
  readonly served: number;
  /** True once it served its `requests` or was ended. */
  readonly over: boolean;
  /** Settles when the burst is over, so a test can wait on it instead of on a clock. */
  readonly done: Promise<void>;
  /** Ends the burst now: requests from here on pass (or meet the proxy's random faults). */
  end(): void;
}

/** The proxy's side of a burst: shown every request in arrival order, it says whether it refuses it. */
export interface BurstClaim extends SlowDownBurst {
  /**
   * Sees `request` (it may begin the burst); refuses it unless an earlier burst already did (`taken`), which
   * this one then does not count.
   */
  claims(request: BurstRequest, taken: boolean): boolean;
}

/** A burst driven by request counts and events, never by the wall clock. */
export function slowDownBurst(opts: BurstOptions = {}): BurstClaim {
  const limit = opts.requests ?? Number.POSITIVE_INFINITY;
  if (!(limit >= 1)) throw new Error(`slow-down burst: requests must be at least 1, got ${String(opts.requests)}`);
  let started = opts.startsAt === undefined;
  let served = 0;
  let over = false;
  let settle: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    settle = resolve;
  });
  const end = () => {
    over = true;
    settle();
  };
  return {
    get served() {
      return served;
    },
    get over() {
      return over;
    },
    done,
    end,
    claims(request, taken) {
      if (over) return false;
      started ||= opts.startsAt?.(request) === true;
      if (!started || taken) return false;
      served += 1;
      if (served >= limit) end();
      return true;
    },
  };
}
