import { createHash } from "node:crypto";
import { Crc64NvmeJs } from "@aws-sdk/checksums";
import { s3Profile } from "@hoist/server/testing";
import { expect, it } from "vitest";
import type { FileRecord } from "@hoist/contract";
import type { Request } from "playwright-core";
import type { BrowserSuite } from "./browser-kit";
import { makeFile } from "./page/test-bytes";
import type { FileSpec } from "./page/page-types";

const CRC64_BASE64 = /^[A-Za-z0-9+/]{11}=$/;

/** CRC64NVME (S3's base64) of `bytes` by the AWS SDK's pure-JS code: independent of the hash-wasm one under test. */
export async function independentCrc64(bytes: Uint8Array): Promise<string> {
  const crc = new Crc64NvmeJs();
  crc.update(bytes);
  return Buffer.from(await crc.digest()).toString("base64");
}

/** The independent CRC64NVME of what storage holds for a file, read back through the API's own download URL. */
async function storedCrc64(env: BrowserSuite, user: string, file: FileRecord): Promise<string> {
  const api = await env.stack.api.client(user);
  const { url } = await api.files.downloadUrl.mutate({ id: file.id });
  const response = await fetch(url);
  if (!response.ok) throw new Error(`download of ${file.name}: ${response.status} ${await response.text()}`);
  return independentCrc64(new Uint8Array(await response.arrayBuffer()));
}

/** Registers the tests of whole-file integrity in the browser (CRC64NVME) on a suite the caller set up. */
export function checksumTests(env: BrowserSuite): void {
  const spec: FileSpec = { name: "ranges.bin", size: 3 * 1024 * 1024 + 17, seed: 41 };
  const ranges: [number, number][] = [[0, spec.size], [1, 1000], [123_457, 2 * 1024 * 1024 + 5], [spec.size - 1, spec.size], [5, 5]];
  /** What each range must give: the AWS SDK's CRC64NVME of its bytes, their length and SHA-256. */
  const expected = async () => {
    const bytes = new Uint8Array(await makeFile(spec).arrayBuffer());
    return Promise.all(
      ranges.map(async ([start, end]) => {
        const range = bytes.subarray(start, end);
        return { crc64nvme: await independentCrc64(range), length: end - start, sha256: createHash("sha256").update(range).digest("hex") };
      }),
    );
  };

  it("a worker reads each Blob range once and sums it: the CRC64NVME the AWS SDK computes, and the range's own bytes", async () => {
    const { reads, mainThreadReads } = await env.page.evaluate(([s, r]) => window.hoistPage!.crc64Reads(s, r), [spec, ranges] as const);
    expect(reads).toEqual(await expected());
    expect(mainThreadReads).toBe(0); // read in the worker, handed back as a Blob of the bytes it summed
  });

  it("a part over the memory budget is summed by a chunked read in the worker and sent as a slice", async () => {
    const { reads, mainThreadReads } = await env.page.evaluate(([s, r]) => window.hoistPage!.crc64Reads(s, r, true), [spec, ranges] as const);
    expect(reads).toEqual(await expected());
    expect(mainThreadReads).toBe(0);
  });

  for (const [what, parts] of [["multipart", 3.5], ["single PUT", 0.5]] as const) {
    // Storage that cannot verify CRC64NVME (Ceph RGW 16 in CI: profile crc64nvme false) gets no checksum headers, and
    // the record keeps the client's value as unverified: never "verified by storage".
    it(`a ${what} upload with crc64nvme records the whole file's CRC64NVME (verified by storage where it can), as the stored object's`, async () => {
      const file: FileSpec = { name: `whole-${String(parts)}.bin`, size: Math.floor(env.partSize * parts), seed: 43 };
      const access = await env.access("carol");
      const sent: string[] = [];
      const onRequest = (request: Request) => {
        if (request.method() === "PUT") sent.push(request.headers()["x-amz-checksum-crc64nvme"] ?? "none");
      };
      env.page.on("request", onRequest);
      const result = await env.page.evaluate(([a, s]) => window.hoistPage!.upload(a, s, { store: "none", checksum: "crc64nvme" }), [access, file] as const);
      env.page.off("request", onRequest);
      if (!result.ok) throw new Error(`upload failed: ${result.code ?? ""} ${result.message}`);
      const stored = `crc64nvme:${await storedCrc64(env, "carol", result.file)}`;
      if (s3Profile.crc64nvme) {
        expect(result.file).toMatchObject({ checksum: stored, checksumVerifiedBy: "storage" });
        expect(result.file.unverifiedChecksum).toBeUndefined();
      } else {
        expect(result.file).toMatchObject({ unverifiedChecksum: stored });
        expect(result.file.checksum).toBeUndefined();
      }
      expect(result.final.bytesConfirmed).toBe(file.size);
      expect(sent).toHaveLength(Math.ceil(parts)); // each PUT carries its bytes' CRC64NVME, signed into its URL
      expect(sent.every((value) => (s3Profile.crc64nvme ? CRC64_BASE64.test(value) : value === "none"))).toBe(true);
    });
  }
}
