import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KiB, MAX_OBJECT_SIZE, MAX_PARTS, MiB, MIN_PART_SIZE } from "./limits.js";
import { partRange } from "./part-range.js";
import { planParts } from "./plan-parts.js";
import { planOfSession } from "./session-plan.js";

describe("planOfSession", () => {
  it.each([
    ["an empty single upload", { size: 0, strategy: "single", partSize: MIN_PART_SIZE, partCount: 1 }, 0],
    [
      "a single upload smaller than its part",
      { size: 3 * KiB, strategy: "single", partSize: MIN_PART_SIZE, partCount: 1 },
      3 * KiB,
    ],
    ["an exact multiple", { size: 12 * KiB, strategy: "multipart", partSize: 4 * KiB, partCount: 3 }, 4 * KiB],
    ["a remainder", { size: 10 * KiB + 1, strategy: "multipart", partSize: 4 * KiB, partCount: 3 }, 2 * KiB + 1],
    [
      "10,000 parts",
      { size: MAX_PARTS * 6 * MiB - 5, strategy: "multipart", partSize: 6 * MiB, partCount: MAX_PARTS },
      6 * MiB - 5,
    ],
  ] as const)("gives %s its last part size", (_, stored, lastPartSize) => {
    expect(planOfSession(stored)).toEqual({ ...stored, lastPartSize });
  });

  it("keeps the stored part size even where planParts would now choose another", () => {
    // A session created with the local store's small floor must keep its 4 KiB parts.
    const stored = { size: 10 * KiB, strategy: "multipart", partSize: 4 * KiB, partCount: 3 } as const;
    expect(partRange(planOfSession(stored), 3)).toEqual({ start: 8 * KiB, end: 10 * KiB, size: 2 * KiB });
  });

  it("rebuilds exactly the plan planParts made at create", () => {
    const sizes = fc.oneof(
      fc.constantFrom(0, 1, MIN_PART_SIZE, MIN_PART_SIZE + 1, MAX_PARTS * MIN_PART_SIZE + 1, MAX_OBJECT_SIZE),
      fc.bigInt({ min: 0n, max: BigInt(MAX_OBJECT_SIZE) }).map(Number),
    );
    fc.assert(
      fc.property(sizes, (size) => {
        const plan = planParts(size);
        const { lastPartSize: _, ...stored } = plan;
        expect(planOfSession(stored)).toEqual(plan);
      }),
      { numRuns: 1000 },
    );
  });
});
