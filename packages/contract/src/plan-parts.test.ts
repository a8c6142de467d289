import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HoistError } from "./errors.js";
import { KiB, MAX_OBJECT_SIZE, MAX_PART_SIZE, MAX_PARTS, MiB, MIN_PART_SIZE } from "./limits.js";
import { planParts, type PartPlan } from "./plan-parts.js";

const floor = MIN_PART_SIZE;

// Uniform sampling over 0..48.8 TiB almost never lands on an edge, so the edges are sampled on purpose.
const boundarySizes = fc.constantFrom(
  0,
  1,
  floor - 1,
  floor,
  floor + 1,
  MAX_PARTS * floor - 1,
  MAX_PARTS * floor,
  MAX_PARTS * floor + 1,
  MAX_OBJECT_SIZE - 1,
  MAX_OBJECT_SIZE,
);
const anySize = fc.bigInt({ min: 0n, max: BigInt(MAX_OBJECT_SIZE) }).map(Number);
const mibMultiples = fc.integer({ min: 0, max: MAX_OBJECT_SIZE / MiB }).map((n) => n * MiB);
const nearBoundary = fc
  .tuple(fc.constantFrom(floor, MAX_PARTS * floor, MAX_OBJECT_SIZE, MAX_PARTS * MiB), fc.integer({ min: -3, max: 3 }))
  .map(([base, delta]) => Math.min(MAX_OBJECT_SIZE, Math.max(0, base + delta)));
const sizes = fc.oneof(boundarySizes, anySize, mibMultiples, nearBoundary);

function roundUpToMiB(bytes: number): number {
  return Math.ceil(bytes / MiB) * MiB;
}

function expectCoherent(plan: PartPlan, size: number, minPartSize: number): void {
  expect(plan.partSize * (plan.partCount - 1) + plan.lastPartSize).toBe(size);
  expect(plan.partCount).toBeGreaterThanOrEqual(1);
  expect(plan.partCount).toBeLessThanOrEqual(MAX_PARTS);
  expect(plan.partSize).toBeGreaterThanOrEqual(minPartSize);
  expect(plan.partSize).toBeLessThanOrEqual(MAX_PART_SIZE);
  expect(plan.lastPartSize).toBeLessThanOrEqual(plan.partSize);
  expect(plan.lastPartSize > 0 || size === 0).toBe(true);
  expect(plan.strategy).toBe(plan.partCount === 1 ? "single" : "multipart");
}

describe("planParts properties", () => {
  it("covers every size exactly with at most 10,000 equal parts of 5 MiB..5 GiB", () => {
    fc.assert(
      fc.property(sizes, (size) => {
        const plan = planParts(size);
        expectCoherent(plan, size, MIN_PART_SIZE);
        expect(plan.size).toBe(size);
      }),
      { numRuns: 2000 },
    );
  });

  it("matches max(floor, ceil(size / 10,000) rounded up to a MiB) for the default floor", () => {
    fc.assert(
      fc.property(sizes, (size) => {
        const expected = Math.max(MIN_PART_SIZE, roundUpToMiB(Math.ceil(size / MAX_PARTS)));
        expect(planParts(size).partSize).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it("stays valid for any floor in 1..5 GiB, honouring floors below a MiB", () => {
    const floors = fc.oneof(fc.integer({ min: 1, max: 4 * MiB }), fc.integer({ min: 1, max: MAX_PART_SIZE }));
    fc.assert(
      fc.property(sizes, floors, (size, minPartSize) => {
        const plan = planParts(size, { minPartSize });
        expectCoherent(plan, size, minPartSize);
        if (size <= minPartSize * MAX_PARTS) expect(plan.partSize).toBe(minPartSize);
      }),
      { numRuns: 2000 },
    );
  });

  it("refuses every size above MAX_OBJECT_SIZE with SIZE_OVER_LIMIT", () => {
    const tooBig = fc.integer({ min: MAX_OBJECT_SIZE + 1, max: Number.MAX_SAFE_INTEGER });
    fc.assert(
      fc.property(tooBig, (size) => {
        expect(() => planParts(size)).toThrow(expect.objectContaining({ hoistCode: "SIZE_OVER_LIMIT" }));
      }),
    );
  });
});

describe("planParts examples", () => {
  it.each([
    ["an empty file", 0, { strategy: "single", partSize: floor, partCount: 1, lastPartSize: 0 }],
    ["one byte", 1, { strategy: "single", partSize: floor, partCount: 1, lastPartSize: 1 }],
    ["exactly one part", floor, { strategy: "single", partSize: floor, partCount: 1, lastPartSize: floor }],
    ["one byte over a part", floor + 1, { strategy: "multipart", partSize: floor, partCount: 2, lastPartSize: 1 }],
    [
      "10,000 full parts",
      MAX_PARTS * floor,
      { strategy: "multipart", partSize: floor, partCount: MAX_PARTS, lastPartSize: floor },
    ],
    [
      "a byte past 10,000 floor parts (part size rounds up to 6 MiB)",
      MAX_PARTS * floor + 1,
      { strategy: "multipart", partSize: 6 * MiB, partCount: 8334, lastPartSize: MAX_PARTS * floor + 1 - 8333 * 6 * MiB },
    ],
    [
      "the largest object",
      MAX_OBJECT_SIZE,
      { strategy: "multipart", partSize: MAX_PART_SIZE, partCount: MAX_PARTS, lastPartSize: MAX_PART_SIZE },
    ],
  ])("plans %s", (_label, size, expected) => {
    expect(planParts(size)).toEqual({ size, ...expected });
  });

  it("uses a small floor so local tests can go multipart with small files", () => {
    expect(planParts(10 * KiB, { minPartSize: 4 * KiB })).toEqual({
      size: 10 * KiB,
      strategy: "multipart",
      partSize: 4 * KiB,
      partCount: 3,
      lastPartSize: 2 * KiB,
    });
  });
});

describe("planParts errors", () => {
  it.each([
    ["negative", -1],
    ["fractional", 1.5],
    ["NaN", Number.NaN],
    ["infinite", Number.POSITIVE_INFINITY],
  ])("refuses a %s size with INVALID_INPUT", (_label, size) => {
    expect(() => planParts(size)).toThrow(expect.objectContaining({ hoistCode: "INVALID_INPUT" }));
  });

  it("names the S3 limit when the size is too large", () => {
    const error = catchError(() => planParts(MAX_OBJECT_SIZE + 1));
    expect(error).toBeInstanceOf(HoistError);
    expect(error).toMatchObject({ hoistCode: "SIZE_OVER_LIMIT", trpcCode: "PAYLOAD_TOO_LARGE" });
    expect(error.message).toContain("53687091200000");
  });

  it.each([0, -1, 1.5, MAX_PART_SIZE + 1, Number.NaN])("refuses minPartSize %s", (minPartSize) => {
    expect(() => planParts(1, { minPartSize })).toThrow(/minPartSize must be a whole number of bytes in 1\.\./);
  });
});

function catchError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error("expected an error");
}
