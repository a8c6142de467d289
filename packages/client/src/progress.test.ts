import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ProgressMeter, throttle } from "./progress";

describe("throttle", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("fires at most ~10 times a second, leading and trailing", () => {
    const fn = vi.fn();
    const throttled = throttle(fn, 100);
    for (let ms = 0; ms < 1000; ms += 1) {
      throttled.call();
      vi.advanceTimersByTime(1);
    }
    expect(fn.mock.calls.length).toBeGreaterThanOrEqual(9);
    expect(fn.mock.calls.length).toBeLessThanOrEqual(11);
  });

  it("fires the first call at once and flush() fires the final one", () => {
    const fn = vi.fn();
    const throttled = throttle(fn, 100);
    throttled.call();
    expect(fn).toHaveBeenCalledTimes(1);
    throttled.call();
    expect(fn).toHaveBeenCalledTimes(1);
    throttled.flush();
    expect(fn).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(500);
    expect(fn).toHaveBeenCalledTimes(2);
  });
});

describe("ProgressMeter", () => {
  it("derives rate and ETA from bytes sent over time", () => {
    let now = 0;
    const meter = new ProgressMeter(10_000_000, 10, () => now);
    for (let i = 0; i < 50; i += 1) {
      now += 100;
      meter.addSent(100_000); // 1 MB/s
    }
    const snapshot = meter.snapshot();
    expect(snapshot.rate).toBeGreaterThan(900_000);
    expect(snapshot.rate).toBeLessThan(1_100_000);
    expect(snapshot.eta).toBeGreaterThan(9);
  });

  it("counts resumed parts as confirmed and sent, and retried bytes apart", () => {
    const meter = new ProgressMeter(300, 3);
    meter.confirmPart(100, true);
    meter.addSent(100);
    meter.addRetried(50);
    meter.confirmPart(100);
    expect(meter.snapshot()).toMatchObject({ bytesConfirmed: 200, bytesSent: 200, bytesRetried: 50, partsDone: 2, partsResumed: 1 });
  });
});
