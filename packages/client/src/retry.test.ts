import { describe, expect, it } from "vitest";
import * as smithy from "@smithy/util-retry";
import { MAXIMUM_RETRY_DELAY, THROTTLING_RETRY_DELAY_BASE, backoffDelay, retryPolicy, sleep, verdictOf } from "./retry";

describe("full-jitter backoff", () => {
  const policy = retryPolicy({ baseDelayMs: 100, maxDelayMs: 2_000 });

  it("draws from [0, min(max, base * 2^n)]", () => {
    for (let retry = 0; retry < 8; retry += 1) {
      const cap = Math.min(2_000, 100 * 2 ** retry);
      expect(backoffDelay(retry, policy, false, () => 0)).toBe(0);
      expect(backoffDelay(retry, policy, false, () => 0.999999)).toBe(Math.floor(0.999999 * cap));
      for (let i = 0; i < 100; i += 1) {
        const delay = backoffDelay(retry, policy);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(cap);
      }
    }
  });

  it("starts throttling answers from a larger base", () => {
    expect(backoffDelay(0, policy, true, () => 0.999999)).toBeGreaterThanOrEqual(499);
  });

  it("uses the AWS SDK's cap and throttling base (copied, so the browser bundle need not import them)", () => {
    expect(MAXIMUM_RETRY_DELAY).toBe(smithy.MAXIMUM_RETRY_DELAY);
    expect(THROTTLING_RETRY_DELAY_BASE).toBe(smithy.THROTTLING_RETRY_DELAY_BASE);
  });

  it("defaults to 6 attempts and a 60 s inactivity timeout", () => {
    expect(retryPolicy()).toMatchObject({ attempts: 6, timeoutMs: 60_000 });
  });

  it("classifies storage answers", () => {
    expect([200, 500, 503, 429, 403, 400, 404].map((status) => verdictOf(status))).toEqual(["ok", "retry", "throttled", "throttled", "forbidden", "fatal", "fatal"]);
  });

  it("sleep rejects as soon as its signal aborts", async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort(new Error("paused"));
    await expect(waiting).rejects.toThrow("paused");
  });
});
