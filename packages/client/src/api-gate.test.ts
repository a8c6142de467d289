import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { apiCall } from "./api-call";
import { ApiGate } from "./api-gate";

/** What the tRPC client throws for a rate-limit refusal (checked by shape, as the engine does). */
const rateLimited = (retryAfterSeconds: number) =>
  Object.assign(new Error("too many requests"), { name: "TRPCClientError", data: { hoistCode: "RATE_LIMITED", retryAfterSeconds } });

// Fake timers: holds are seconds long, and nothing here may depend on how fast the machine is.
describe("ApiGate and apiCall under rate limits", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("lets calls through at once while nothing holds it; after a refusal holds all, then one at a time until calm", async () => {
    const gate = new ApiGate(Date.now, () => 0);
    const free = [gate.tryEnter(), gate.tryEnter(), gate.tryEnter()];
    expect(free.every((release) => release !== undefined)).toBe(true);
    gate.refused(2_000);
    gate.refused(500);
    for (const release of free) release?.();
    const entered: number[] = [];
    const waiting = [0, 1, 2].map(async (i) => {
      const release = await gate.enter();
      entered.push(i);
      return release;
    });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(entered).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(entered).toHaveLength(1); // one at a time after a hold
    const first = await Promise.race(waiting);
    gate.succeeded(); // too soon: the next window may refuse again
    first();
    await vi.advanceTimersByTimeAsync(0);
    expect(entered).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2_000); // a hold's length without a refusal
    gate.succeeded();
    expect(gate.tryEnter()).toBeDefined(); // two at once now
  });

  it("stops waiting as soon as the signal aborts", async () => {
    const gate = new ApiGate(Date.now, () => 0);
    gate.refused(60_000);
    const stop = new AbortController();
    const waiting = gate.enter(stop.signal);
    stop.abort(new Error("paused"));
    await expect(waiting).rejects.toThrow("paused");
  });

  it("a refusal with Retry-After holds every call on the gate, not only the refused one, then retries it", async () => {
    const gate = new ApiGate(Date.now, () => 0);
    let tries = 0;
    const refusedOnce = apiCall(() => (++tries === 1 ? Promise.reject(rateLimited(3)) : Promise.resolve("a")), { gate });
    await vi.advanceTimersByTimeAsync(0);
    const started: number[] = [];
    const other = apiCall(() => {
      started.push(Date.now());
      return Promise.resolve("b");
    }, { gate });
    await vi.advanceTimersByTimeAsync(2_999);
    expect({ tries, started }).toEqual({ tries: 1, started: [] });
    await vi.advanceTimersByTimeAsync(1);
    expect(await Promise.all([refusedOnce, other])).toEqual(["a", "b"]);
    expect(tries).toBe(2);
  });
});
