import type { PartPlan } from "@hoist/contract/core";
import { describe, expect, it } from "vitest";
import { PartHasher } from "./part-hasher";
import type { ByteRange, UploadSource } from "./types";

const PART = 1000;
const plan: PartPlan = { size: 20 * PART - 10, strategy: "multipart", partSize: PART, partCount: 20, lastPartSize: PART - 10 };

/** A source that answers hashes at once with `sum-<start>-<end>`, recording each read it was asked for. */
function recordingSource(withParts = true) {
  const reads: number[][] = [];
  const sumOf = ({ start, end }: ByteRange) => `sum-${start}-${end}`;
  const source: UploadSource = {
    name: "a.bin", size: plan.size, type: "application/octet-stream", seekable: true,
    part: () => Promise.resolve(new Uint8Array(0)),
    sha256: (start, end) => {
      reads.push([start / PART + 1]);
      return Promise.resolve(sumOf({ start, end }));
    },
    ...(withParts && {
      sha256Parts: (ranges: readonly ByteRange[]) => {
        reads.push(ranges.map((range) => range.start / PART + 1));
        return Promise.resolve(ranges.map(sumOf));
      },
    }),
  };
  return { source, reads };
}

function hasherFor(source: UploadSource, order: number[], group: number) {
  return new PartHasher(order, plan, source, { parallel: 2, ahead: 100, group, signal: new AbortController().signal });
}

describe("PartHasher", () => {
  it("hashes back-to-back parts `group` per read, never across a gap in the order, each part its own sum", async () => {
    const { source, reads } = recordingSource();
    const order = [1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]; // part 6 is stored already
    const hasher = hasherFor(source, order, 4);
    expect(await hasher.sum(20)).toBe(`sum-${19 * PART}-${20 * PART - 10}`); // the short last part
    expect(await hasher.sum(1)).toBe(`sum-0-${PART}`);
    expect(await hasher.sum(7)).toBe(`sum-${6 * PART}-${7 * PART}`);
    expect(reads).toEqual([[1, 2, 3, 4], [5], [7, 8, 9, 10], [11, 12, 13, 14], [15, 16, 17, 18], [19, 20]]);
  });

  it("reads one part at a time from a source without sha256Parts", async () => {
    const { source, reads } = recordingSource(false);
    const hasher = hasherFor(source, [1, 2, 3], 4);
    expect(await hasher.sum(3)).toBe(`sum-${2 * PART}-${3 * PART}`);
    expect(reads).toEqual([[1], [2], [3]]);
  });

  it("fails every part of a read that fails, and hashes a part asked for again on its own", async () => {
    const { source, reads } = recordingSource();
    let fail = true;
    const parts = source.sha256Parts?.bind(source);
    source.sha256Parts = (ranges) => (fail ? Promise.reject(new Error("read failed")) : (parts?.(ranges) ?? Promise.resolve([])));
    const hasher = hasherFor(source, [1, 2, 3, 4], 4);
    await expect(hasher.sum(2)).rejects.toThrow("read failed");
    fail = false;
    expect(await hasher.sum(2)).toBe(`sum-${PART}-${2 * PART}`);
    expect(reads).toEqual([[2]]);
  });

  it("refuses a source that answers fewer sums than parts", async () => {
    const { source } = recordingSource();
    source.sha256Parts = () => Promise.resolve(["only one"]);
    await expect(hasherFor(source, [1, 2], 2).sum(2)).rejects.toThrow("hashed 1 of 2 parts");
  });
});
