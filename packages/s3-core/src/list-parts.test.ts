// ListParts paging past 1,000 parts, and what happens once the upload is gone.
import { UploadPartCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestTarget } from "../test/s3-target.js";
import type { TestTarget } from "../test/s3-target.js";
import { collectParts, listAllParts, listPartsPage } from "./list-parts.js";
import { abortMultipart, createMultipart } from "./multipart.js";
import { UploadNotFoundError } from "./s3-errors.js";

const PARTS = 1_003;
const PARALLEL = 16;

let target: TestTarget;
let key: string;
let uploadId: string;

// ListParts does not care about part minimums, so 1-byte parts exercise paging cheaply.
async function uploadTinyParts(count: number): Promise<void> {
  let next = 1;
  const worker = async () => {
    while (next <= count) {
      const partNumber = next++;
      const body = Uint8Array.of(partNumber % 256);
      await target.client.send(
        new UploadPartCommand({ Bucket: target.bucket, Key: key, UploadId: uploadId, PartNumber: partNumber, Body: body }),
      );
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}

beforeAll(async () => {
  target = await startTestTarget();
  key = `${target.prefix}many-parts.bin`;
  uploadId = await createMultipart(target.client, { bucket: target.bucket, key, contentType: "application/octet-stream" });
  await uploadTinyParts(PARTS);
}, 120_000);

afterAll(async () => {
  await abortMultipart(target.client, { bucket: target.bucket, key, uploadId });
  await target.close();
});

describe("listAllParts", () => {
  it("pages at 1,000 parts and says where the next page starts", async () => {
    const ref = { bucket: target.bucket, key, uploadId };
    const first = await listPartsPage(target.client, ref);
    expect(first.parts).toHaveLength(1000);
    expect(first.nextMarker).toBe(1000);
    const second = await listPartsPage(target.client, { ...ref, marker: first.nextMarker });
    expect(second.parts.map((p) => p.partNumber)).toEqual([1001, 1002, 1003]);
    expect(second.nextMarker).toBeUndefined();
  });

  it("follows every page and yields each part once, in order, with size and ETag", async () => {
    const parts = await collectParts(target.client, { bucket: target.bucket, key, uploadId, profile: target.profile });
    expect(parts).toHaveLength(PARTS);
    expect(parts.map((p) => p.partNumber)).toEqual(Array.from({ length: PARTS }, (_, i) => i + 1));
    expect(parts.every((p) => p.size === 1 && /^"[0-9a-f]{32}"$/.test(p.etag))).toBe(true);
  });

  it("pages with a smaller page size too", async () => {
    const ref = { bucket: target.bucket, key, uploadId, maxParts: 3 };
    const page = await listPartsPage(target.client, { ...ref, marker: 996 });
    expect(page.parts.map((p) => p.partNumber)).toEqual([997, 998, 999]);
    expect(page.nextMarker).toBe(999);
    const last = await listPartsPage(target.client, { ...ref, marker: 1000 });
    expect(last).toEqual({ parts: last.parts });
    expect(last.parts.map((p) => p.partNumber)).toEqual([1001, 1002, 1003]);
  });
});

describe("an upload that is gone", () => {
  it("raises UploadNotFoundError from listAllParts, and abort is idempotent", async () => {
    const { client, bucket, profile } = target;
    const goneKey = `${target.prefix}gone.bin`;
    const goneId = await createMultipart(client, { bucket, key: goneKey, contentType: "text/plain" });
    expect(await abortMultipart(client, { bucket, key: goneKey, uploadId: goneId, profile })).toBe(true);
    const listing = listAllParts(client, { bucket, key: goneKey, uploadId: goneId, profile });
    await expect(listing.next()).rejects.toBeInstanceOf(UploadNotFoundError);
    expect(await abortMultipart(client, { bucket, key: goneKey, uploadId: goneId, profile })).toBe(false);
  });
});
