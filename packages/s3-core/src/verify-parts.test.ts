import { planParts } from "@hoist/contract";
import { describe, expect, it } from "vitest";
import type { ListedPart } from "./list-parts.js";
import { verifyParts } from "./verify-parts.js";

const MiB = 1024 * 1024;
// 23 MiB + 5 bytes in 5 MiB parts: four full parts and a short fifth.
const plan = planParts(23 * MiB + 5, { minPartSize: 5 * MiB });

function uploaded(overrides: Partial<Record<number, number>> = {}, count = plan.partCount): ListedPart[] {
  return Array.from({ length: count }, (_, i) => {
    const partNumber = i + 1;
    const planned = partNumber === plan.partCount ? plan.lastPartSize : plan.partSize;
    return { partNumber, size: overrides[partNumber] ?? planned, etag: `"etag-${partNumber}"` };
  });
}

describe("verifyParts", () => {
  it("uses a plan with several full parts and a short last one", () => {
    expect(plan).toMatchObject({ strategy: "multipart", partSize: 5 * MiB, partCount: 5, lastPartSize: 3 * MiB + 5 });
  });

  it("accepts exactly the planned parts, in order, whatever order they were listed in", () => {
    const result = verifyParts(uploaded().reverse(), plan);
    expect(result).toEqual({
      ok: true,
      parts: [1, 2, 3, 4, 5].map((n) => ({ partNumber: n, etag: `"etag-${n}"` })),
    });
  });

  it("keeps part checksums for CompleteMultipartUpload", () => {
    const parts = uploaded().map((p) => ({ ...p, checksumSha256: `sum-${p.partNumber}` }));
    const result = verifyParts(parts, plan);
    expect(result.ok && result.parts[0]).toEqual({ partNumber: 1, etag: '"etag-1"', checksumSha256: "sum-1" });
  });

  it("names the first missing part", () => {
    const result = verifyParts(uploaded().filter((p) => p.partNumber !== 3), plan);
    expect(result).toEqual({
      ok: false,
      hoistCode: "PART_MISSING",
      partNumber: 3,
      message: "part 3 of 5 has not been uploaded; upload it, then complete again",
    });
  });

  it("reports an empty list as every part missing", () => {
    const result = verifyParts([], plan);
    expect(result).toMatchObject({ ok: false, hoistCode: "PART_MISSING", partNumber: 1 });
    expect(!result.ok && result.message).toContain("(5 parts are missing)");
  });

  it("refuses a short middle part with sizes a person can act on", () => {
    const result = verifyParts(uploaded({ 2: 4 * MiB }), plan);
    expect(result).toEqual({
      ok: false,
      hoistCode: "PART_SIZE_MISMATCH",
      partNumber: 2,
      message: "part 2 is 4194304 bytes, expected 5242880; upload it again with the planned bytes",
    });
  });

  it("refuses a last part of the wrong size, longer or shorter", () => {
    for (const size of [plan.lastPartSize - 1, plan.lastPartSize + 1, plan.partSize]) {
      expect(verifyParts(uploaded({ 5: size }), plan)).toMatchObject({ hoistCode: "PART_SIZE_MISMATCH", partNumber: 5 });
    }
  });

  it("refuses parts beyond the plan, which would make the object bigger than declared", () => {
    const extra = [...uploaded(), { partNumber: 6, size: 1, etag: '"x"' }];
    const result = verifyParts(extra, plan);
    expect(result).toMatchObject({ ok: false, hoistCode: "SIZE_MISMATCH", partNumber: 6 });
    expect(!result.ok && result.message).toContain("only 5 parts");
  });

  it("refuses a part listed twice", () => {
    expect(verifyParts([...uploaded(), uploaded()[0]!], plan)).toMatchObject({ ok: false, partNumber: 1 });
  });

  it("verifies a one-part plan, including an empty file", () => {
    const empty = planParts(0);
    expect(verifyParts([{ partNumber: 1, size: 0, etag: '"e"' }], empty)).toMatchObject({ ok: true });
    expect(verifyParts([], empty)).toMatchObject({ ok: false, hoistCode: "PART_MISSING" });
  });

  it("compares the ETags the client reported, with or without quotes", () => {
    const claimed = [1, 2, 3, 4, 5].map((n) => ({ partNumber: n, etag: `etag-${n}` }));
    expect(verifyParts(uploaded(), plan, claimed)).toMatchObject({ ok: true });
    claimed[3] = { partNumber: 4, etag: '"stale"' };
    expect(verifyParts(uploaded(), plan, claimed)).toEqual({
      ok: false,
      hoistCode: "ETAG_MISMATCH",
      partNumber: 4,
      message:
        'part 4 is stored with ETag "etag-4" but the client reported "stale"; it was uploaded again meanwhile: ' +
        "list the parts and complete again",
    });
  });
});
