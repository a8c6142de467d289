import { randomBytes } from "node:crypto";
import type { PartPlan } from "@hoist/contract/core";
import { describe, expect, it } from "vitest";
import { independentCrc64 } from "../test/support";
import { fakeSigner as signer } from "../test/support/fake-signer";
import { Crc64Parts } from "./crc64-parts";
import { partUrls } from "./part-urls";
import type { SignParts } from "./part-urls";
import type { PartBody, UploadSource } from "./types";

const PART = 1000;
const COUNT = 20;
const bytes = randomBytes(COUNT * PART - 123);
const plan: PartPlan = { size: bytes.length, strategy: "multipart", partSize: PART, partCount: COUNT, lastPartSize: PART - 123 };

/** Bytes in memory as a source with no `readWithCrc64` (the engine sums what `part()` gives), counting its reads. */
function memorySource() {
  const reads: number[] = [];
  const source: UploadSource = {
    name: "a.bin", size: bytes.length, type: "application/octet-stream", seekable: true,
    part: (start, end) => {
      reads.push(start / PART + 1);
      return Promise.resolve(bytes.subarray(start, end));
    },
    sha256: () => Promise.reject(new Error("a crc64nvme upload never asks for SHA-256")),
  };
  return { source, reads };
}

function urlsFor(source: UploadSource, signParts: SignParts, crc64: Crc64Parts, concurrency = 4) {
  const order = Array.from({ length: COUNT }, (_, i) => i + 1);
  return partUrls({ signParts, plan, source, checksum: "crc64nvme", order, window: 100, concurrency, crc64, signal: new AbortController().signal });
}

const partBytes = (n: number) => bytes.subarray((n - 1) * PART, Math.min(n * PART, bytes.length));

describe("partUrls with crc64nvme checksums", () => {
  it("reads each part once: its CRC64NVME is signed, the same bytes ride on the URL, also after a re-sign", async () => {
    const { source, reads } = memorySource();
    const { signParts, calls } = signer();
    const urls = urlsFor(source, signParts, new Crc64Parts(source));
    const bodies: PartBody[] = [];
    for (let n = 1; n <= COUNT; n += 1) {
      const url = await urls.get(n);
      expect((await urls.resign(n)).body).toBe(url.body);
      bodies.push(url.body ?? new Uint8Array(0));
      urls.markDone(n);
    }
    expect(reads).toEqual(Array.from({ length: COUNT }, (_, i) => i + 1));
    bodies.forEach((body, i) => {
      expect(body).toEqual(partBytes(i + 1));
    });
    const signed = new Map(calls.flat().map((part) => [part.partNumber, part.checksum]));
    for (let n = 1; n <= COUNT; n += 1) expect(signed.get(n)).toBe(await independentCrc64(partBytes(n)));
  });

  it("signs windows of `concurrency` parts and reads at most one window past the sender (memory: parts held)", async () => {
    const { source, reads } = memorySource();
    const { signParts, calls } = signer();
    const urls = urlsFor(source, signParts, new Crc64Parts(source), 4);
    await urls.get(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(reads.length).toBeLessThanOrEqual(1 + 4 + 4);
    for (let n = 1; n <= COUNT; n += 1) {
      await urls.get(n);
      urls.markDone(n);
    }
    expect(calls.map((batch) => batch.length)).toEqual([4, 4, 4, 4, 4]);
  });

  it("combines the part values into the whole file's CRC64NVME, with no second read", async () => {
    const { source, reads } = memorySource();
    const crc64 = new Crc64Parts(source);
    const urls = urlsFor(source, signer().signParts, crc64);
    for (let n = 1; n <= COUNT; n += 1) await urls.get(n);
    const numbers = Array.from({ length: COUNT }, (_, i) => i + 1);
    expect(crc64.whole(numbers.reverse())).toBe(await independentCrc64(bytes));
    expect(reads).toHaveLength(COUNT);
    expect(() => new Crc64Parts(source).whole([1])).toThrow("part 1 has no CRC64NVME");
  });

  it("asks the source for a streaming read of parts over the memory budget", async () => {
    const asked: (boolean | undefined)[] = [];
    const { source } = memorySource();
    const reading: UploadSource = {
      ...source,
      readWithCrc64: async (start, end, options) => {
        asked.push(options?.streaming);
        return { body: bytes.subarray(start, end), crc64nvme: await independentCrc64(bytes.subarray(start, end)) };
      },
    };
    const crc64 = new Crc64Parts(reading, PART - 1);
    await crc64.sumStored(plan, [1, COUNT]);
    expect(asked).toEqual([true, undefined]); // the short last part fits the budget
    expect(crc64.whole([1, COUNT])).toBe(await independentCrc64(Buffer.concat([partBytes(1), partBytes(COUNT)])));
  });
});
