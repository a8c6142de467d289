import { createHash } from "node:crypto";
import { Crc64NvmeJs } from "@aws-sdk/checksums";
import { expect, it } from "vitest";
import type { BrowserSuite } from "./browser-kit";
import { makeFile } from "./page/test-bytes";
import type { FileSpec } from "./page/page-types";

/** CRC64NVME (S3's base64) of `bytes` by the AWS SDK's pure-JS code: independent of the hash-wasm one under test. */
export async function independentCrc64(bytes: Uint8Array): Promise<string> {
  const crc = new Crc64NvmeJs();
  crc.update(bytes);
  return Buffer.from(await crc.digest()).toString("base64");
}

/** Registers the tests of whole-file integrity in the browser (CRC64NVME) on a suite the caller set up. */
export function checksumTests(env: BrowserSuite): void {
  const spec: FileSpec = { name: "ranges.bin", size: 3 * 1024 * 1024 + 17, seed: 41 };
  const ranges: [number, number][] = [[0, spec.size], [1, 1000], [123_457, 2 * 1024 * 1024 + 5], [spec.size - 1, spec.size], [5, 5]];
  /** What each range must give: the AWS SDK's CRC64NVME of its bytes, their length and SHA-256. */
  const expected = async (kind: "bytes" | "blob") => {
    const bytes = new Uint8Array(await makeFile(spec).arrayBuffer());
    return Promise.all(
      ranges.map(async ([start, end]) => {
        const range = bytes.subarray(start, end);
        return { crc64nvme: await independentCrc64(range), length: end - start, sha256: createHash("sha256").update(range).digest("hex"), kind };
      }),
    );
  };

  it("a worker reads each Blob range once and sums it: the CRC64NVME the AWS SDK computes, and the range's own bytes", async () => {
    const { reads, mainThreadReads } = await env.page.evaluate(([s, r]) => window.hoistPage!.crc64Reads(s, r), [spec, ranges] as const);
    expect(reads).toEqual(await expected("bytes"));
    expect(mainThreadReads).toBe(0); // read in the worker, bytes transferred back
  });

  it("a part over the memory budget is summed by a chunked read in the worker and sent as a slice", async () => {
    const { reads, mainThreadReads } = await env.page.evaluate(([s, r]) => window.hoistPage!.crc64Reads(s, r, true), [spec, ranges] as const);
    expect(reads).toEqual(await expected("blob"));
    expect(mainThreadReads).toBe(0);
  });
}
