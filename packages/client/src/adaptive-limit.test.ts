import { describe, expect, it } from "vitest";
import { AdaptiveLimit, isTimeout, QUIET_WINDOWS } from "./adaptive-limit";

const WINDOW = 1000;

/** A limit on a fake clock, and a link whose rate (bytes/ms) at a number of parts in flight is `rate(limit)`. */
function drive(rate: (limit: number) => number, options: { max: number; floor?: number; start?: number }) {
  let now = 0;
  const limit = new AdaptiveLimit({ start: 4, ...options, windowMs: WINDOW, now: () => now });
  const seen: number[] = [];
  return {
    limit,
    seen,
    /** Runs `windows` windows at whatever limit each begins with; returns the limits seen after each. */
    windows(windows: number): number[] {
      for (let i = 0; i < windows; i += 1) {
        now += WINDOW;
        const parts = limit.limit; // one round: each slot confirms a part
        for (let part = 0; part < parts; part += 1) limit.confirmed((rate(parts) * WINDOW) / parts);
        seen.push(limit.limit);
      }
      return seen;
    },
    advance(ms: number) {
      now += ms;
    },
  };
}

/** 4 bytes/ms per part in flight up to `parts`, flat beyond: a link that `parts` connections fill. */
const fillsAt = (parts: number) => (limit: number) => 4 * Math.min(limit, parts);

describe("AdaptiveLimit", () => {
  it("doubles from its start while each doubling pays, up to the max, when every part has its own bandwidth", () => {
    const run = drive((limit) => 4 * limit, { max: 16 });
    expect(run.limit.limit).toBe(4);
    expect(run.windows(3)).toEqual([8, 16, 16]);
  });

  it("finds where a full link stops paying and stays near it, never at the max", () => {
    const run = drive(fillsAt(5), { max: 16 });
    const seen = run.windows(30);
    // 4 -> 8 pays 25 % of a possible 100 %: back to 4; then +1 probes: 5 pays, 6 does not.
    expect(seen.slice(0, 3)).toEqual([8, 4, 4]);
    expect(seen.slice(10).every((limit) => limit === 5 || limit === 6)).toBe(true);
    expect(seen.at(-1)).toBeLessThanOrEqual(6);
    expect(Math.max(...seen)).toBe(8);
  });

  it("probes one more part at a time past slow start while throughput keeps rising", () => {
    const run = drive(fillsAt(11), { max: 16 });
    const seen = run.windows(40);
    expect(seen.at(-1)).toBeGreaterThanOrEqual(11);
    expect(seen.at(-1)).toBeLessThanOrEqual(12);
  });

  it("cuts to 70 % on a throttle, once a window however many parts report it, never below the floor", () => {
    const run = drive((limit) => 4 * limit, { max: 16, start: 16 });
    expect(run.limit.throttled()).toBe(true);
    expect(run.limit.throttled()).toBe(false);
    expect(run.limit.limit).toBe(11);
    run.advance(WINDOW);
    expect(run.limit.throttled()).toBe(true);
    expect(run.limit.limit).toBe(7);
    for (let i = 0; i < 5; i += 1) {
      run.advance(WINDOW);
      run.limit.throttled();
    }
    expect(run.limit.limit).toBe(2);
  });

  it("stays put for a few quiet windows after a cut, then grows again when throughput says so", () => {
    const run = drive((limit) => 4 * limit, { max: 16, start: 10 });
    run.limit.throttled();
    expect(run.limit.limit).toBe(7);
    expect(run.windows(QUIET_WINDOWS)).toEqual(Array.from({ length: QUIET_WINDOWS }, () => 7));
    expect(run.windows(4).at(-1)).toBeGreaterThan(7);
  });

  it("keeps floor, start and max consistent with a small max", () => {
    expect(new AdaptiveLimit({ max: 1 })).toMatchObject({ floor: 1, max: 1, limit: 1 });
    expect(new AdaptiveLimit({ max: 3 }).limit).toBe(3);
    expect(new AdaptiveLimit({ max: 16 }).limit).toBe(8);
    expect(new AdaptiveLimit({ max: 16, floor: 10 }).limit).toBe(10);
  });

  it("tells a transport's timeout from other failures", () => {
    expect(isTimeout(new Error("no progress for 60000 ms: timed out"))).toBe(true);
    expect(isTimeout(new Error("socket hang up"))).toBe(false);
    expect(isTimeout("timed out")).toBe(false);
  });
});
