import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KiB, MAX_OBJECT_SIZE, MiB } from "./limits.js";
import { assertPartNumber, partRange } from "./part-range.js";
import { planParts } from "./plan-parts.js";

describe("partRange", () => {
  const plan = planParts(10 * KiB, { minPartSize: 4 * KiB });

  it.each([
    [1, { start: 0, end: 4 * KiB, size: 4 * KiB }],
    [2, { start: 4 * KiB, end: 8 * KiB, size: 4 * KiB }],
    [3, { start: 8 * KiB, end: 10 * KiB, size: 2 * KiB }],
  ])("gives part %i its bytes", (partNumber, expected) => {
    expect(partRange(plan, partNumber)).toEqual(expected);
  });

  it("gives an empty single upload one empty part", () => {
    expect(partRange(planParts(0), 1)).toEqual({ start: 0, end: 0, size: 0 });
  });

  it.each([0, -1, 4, 1.5, Number.NaN])("refuses part number %s of a 3-part plan", (partNumber) => {
    expect(() => partRange(plan, partNumber)).toThrow(
      expect.objectContaining({ hoistCode: "INVALID_INPUT", message: expect.stringContaining("1..3") as string }),
    );
  });

  it("lays parts end to end and ends at the size", () => {
    const sizes = fc.oneof(
      fc.integer({ min: 0, max: 64 * MiB }),
      fc.bigInt({ min: 0n, max: BigInt(MAX_OBJECT_SIZE) }).map(Number),
    );
    fc.assert(
      fc.property(sizes, fc.nat(), (size, seed) => {
        const p = planParts(size);
        const n = (seed % p.partCount) + 1;
        const range = partRange(p, n);
        expect(range.start).toBe((n - 1) * p.partSize);
        expect(range.end - range.start).toBe(range.size);
        if (n < p.partCount) expect(partRange(p, n + 1).start).toBe(range.end);
        expect(partRange(p, p.partCount).end).toBe(size);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("assertPartNumber", () => {
  it("accepts 1..partCount only", () => {
    expect(() => {
      assertPartNumber({ partCount: 10_000 }, 10_000);
    }).not.toThrow();
    expect(() => {
      assertPartNumber({ partCount: 10_000 }, 10_001);
    }).toThrow(/1\.\.10000/);
  });
});
