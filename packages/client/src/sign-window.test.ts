import { describe, expect, it } from "vitest";
import type { SignedPart } from "@hoist/contract";
import { SignWindow } from "./sign-window";

function signer(expiresIn = 60_000, now = () => 0) {
  const calls: number[][] = [];
  const sign = (numbers: number[]) => {
    calls.push(numbers);
    const expiresAt = new Date(now() + expiresIn).toISOString();
    return Promise.resolve(numbers.map((partNumber): SignedPart => ({ partNumber, url: `http://s/${partNumber}?v=${calls.length}`, method: "PUT", headers: {}, expiresAt })));
  };
  return { sign, calls };
}

describe("SignWindow", () => {
  const order = Array.from({ length: 25 }, (_, i) => i + 1);

  it("signs a window per call and asks for the next one when the current is half used", async () => {
    const { sign, calls } = signer();
    const window = new SignWindow(order, 10, sign, () => 0);
    for (const n of [1, 2, 3, 4, 5]) await window.get(n);
    expect(calls).toHaveLength(1);
    await window.get(6);
    expect(calls.map((c) => c.length)).toEqual([10, 10]);
    for (let n = 7; n <= 25; n += 1) await window.get(n);
    expect(calls.map((c) => c[0])).toEqual([1, 11, 21]);
  });

  it("lets go of a window once every part in it is done (memory follows the windows in use, not the plan)", async () => {
    const { sign } = signer();
    const window = new SignWindow(order, 10, sign, () => 0);
    for (let n = 1; n <= 15; n += 1) await window.get(n); // windows 1 and 2 signed (3 from part 16 on)
    expect(window.windowsHeld).toBe(2);
    for (let n = 1; n <= 10; n += 1) window.markDone(n);
    window.markDone(10); // twice: counted once
    expect(window.windowsHeld).toBe(1);
    for (let n = 11; n <= 25; n += 1) {
      await window.get(n);
      window.markDone(n);
    }
    expect(window.windowsHeld).toBe(0);
  });

  it("re-signs the unfinished rest of a window in one call once its URLs expired", async () => {
    let now = 0;
    const { sign, calls } = signer(3_000, () => now);
    const window = new SignWindow(order, 10, sign, () => now);
    await window.get(1);
    window.markDone(1);
    now = 5_000;
    const fresh = await Promise.all([2, 3, 4].map((n) => window.get(n)));
    expect(calls[1]).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(fresh.every((part) => part.url.endsWith("v=2"))).toBe(true);
    expect((await window.resign(2)).url).toMatch(/v=3$/);
  });
});

describe("SignWindow with a small first window", () => {
  it("starts at `first` parts and doubles up to `size`", async () => {
    const { sign, calls } = signer();
    const window = new SignWindow(Array.from({ length: 25 }, (_, i) => i + 1), 10, sign, () => 0, 3);
    for (let n = 1; n <= 25; n += 1) await window.get(n);
    expect(calls.map((c) => c.length)).toEqual([3, 6, 10, 6]);
    expect(calls.map((c) => c[0])).toEqual([1, 4, 10, 20]);
  });
});
