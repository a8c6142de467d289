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
