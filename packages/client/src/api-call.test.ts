import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { apiCall } from "./api-call";

describe("apiCall", () => {
  // tRPC's client adds an abort listener to the signal of every call and never removes it.
  const likeTrpc = (signal: AbortSignal | undefined) => {
    signal?.addEventListener("abort", () => undefined);
    return Promise.resolve("ok");
  };

  it("leaves no listener on the upload's signal, however many calls it makes", async () => {
    const upload = new AbortController();
    for (let i = 0; i < 50; i += 1) expect(await apiCall(likeTrpc, { uploadId: "u1", signal: upload.signal })).toBe("ok");
    expect(getEventListeners(upload.signal, "abort")).toHaveLength(0);
  });

  it("still aborts a call in flight when the upload's signal aborts", async () => {
    const upload = new AbortController();
    const call = apiCall(
      (signal) =>
        new Promise<string>((_resolve, reject) => {
          signal?.addEventListener("abort", () => {
            reject(signal.reason as Error);
          });
        }),
      { uploadId: "u1", signal: upload.signal },
    );
    upload.abort(new Error("cancelled by the user"));
    await expect(call).rejects.toThrow("cancelled by the user");
    expect(getEventListeners(upload.signal, "abort")).toHaveLength(0);
  });
});

describe("apiCall retries of transient failures", () => {
  // What tRPC's client throws when the API cannot be reached: no hoistCode, so worth another try.
  const unreachable = () => Object.assign(new Error("fetch failed"), { name: "TRPCClientError" });
  const failingTimes = (n: number) => {
    const calls = { count: 0 };
    const call = () => {
      calls.count += 1;
      return calls.count <= n ? Promise.reject(unreachable()) : Promise.resolve("ok");
    };
    return { calls, call };
  };

  it("keep going while the time budget lasts, however many attempts that takes (an outage, not a count)", async () => {
    const { calls, call } = failingTimes(12);
    expect(await apiCall(call, { retry: { budgetMs: 60_000, baseDelayMs: 1, maxDelayMs: 2 } })).toBe("ok");
    expect(calls.count).toBe(13);
  });

  it("stop once the budget is spent, with the failure as API_ERROR", async () => {
    const { calls, call } = failingTimes(1);
    await expect(apiCall(call, { uploadId: "u1", retry: { budgetMs: 0 } })).rejects.toMatchObject({ code: "API_ERROR", uploadId: "u1" });
    expect(calls.count).toBe(1);
  });
});
