import { describe, expect, it } from "vitest";
import { BlobSlicer, sliceAhead } from "./blob-slicer";

/** A Blob of `size` bytes (byte i = i % 251) that records the ranges sliced from it. */
function recordingBlob(size: number) {
  const blob = new Blob([new Uint8Array(size).map((_, i) => i % 251)]);
  const sliced: [number, number][] = [];
  const slice = blob.slice.bind(blob);
  blob.slice = (start?: number, end?: number) => {
    sliced.push([start ?? 0, end ?? size]);
    return slice(start, end);
  };
  return { blob, sliced };
}

describe("sliceAhead (no Web Workers here: the slicer slices on this thread)", () => {
  it("slices the next ranges of the same length ahead, and hands each out once", async () => {
    const { blob, sliced } = recordingBlob(55);
    const part = sliceAhead(new BlobSlicer(), blob, 2);
    const first = await part(0, 10);
    expect(sliced).toEqual([[0, 10], [10, 20], [20, 30]]);
    expect([...new Uint8Array(await first.arrayBuffer())]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const second = await part(10, 20);
    expect(sliced.slice(3)).toEqual([[30, 40]]); // 10-20 was made already
    expect(new Uint8Array(await second.arrayBuffer())[0]).toBe(10);
    await part(10, 20); // asked again (a retry): sliced anew
    expect(sliced.at(-1)).toEqual([10, 20]);
  });

  it("stops at the end of the blob, the last range shorter", async () => {
    const { blob, sliced } = recordingBlob(25);
    const part = sliceAhead(new BlobSlicer(), blob, 4);
    await part(0, 10);
    expect(sliced).toEqual([[0, 10], [10, 20], [20, 25]]);
    expect((await part(20, 25)).size).toBe(5);
  });
});
