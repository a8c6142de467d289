// Multipart and object operations against the store: ordering, conditional complete, gone uploads, paging.
import { PutObjectCommand, UploadPartCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestTarget, testProfile } from "../test/s3-target.js";
import type { TestTarget } from "../test/s3-target.js";
import { listAllMultipartUploads } from "./list-uploads.js";
import { abortMultipart, completeMultipart, createMultipart } from "./multipart.js";
import { deleteObject, headObject, readFirstBytes } from "./objects.js";
import { s3ErrorCode, UploadNotFoundError } from "./s3-errors.js";

let target: TestTarget;
beforeAll(async () => {
  target = await startTestTarget();
});
afterAll(async () => {
  await target.close();
});

async function uploadParts(key: string, sizes: number[]): Promise<{ uploadId: string; etags: string[] }> {
  const { client, bucket } = target;
  const uploadId = await createMultipart(client, { bucket, key, contentType: "application/octet-stream" });
  const etags: string[] = [];
  for (const [i, size] of sizes.entries()) {
    const part = await client.send(
      new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber: i + 1, Body: new Uint8Array(size) }),
    );
    etags.push(part.ETag ?? "");
  }
  return { uploadId, etags };
}

describe("completeMultipart", () => {
  it("sorts parts before completing and returns the object's ETag and size", async () => {
    const { client, bucket, profile, minPartSize } = target;
    const key = `${target.prefix}sorted.bin`;
    const { uploadId, etags } = await uploadParts(key, [minPartSize, 10]);
    const parts = [
      { partNumber: 2, etag: etags[1]! },
      { partNumber: 1, etag: etags[0]! },
    ];
    const completed = await completeMultipart(client, profile, { bucket, key, uploadId, parts, ifNoneMatch: false });
    expect(completed.size).toBe(minPartSize + 10);
    expect(await headObject(client, { bucket, key })).toMatchObject(completed);
  });

  it.runIf(testProfile().ifNoneMatchOnComplete)("refuses to overwrite an existing key with ifNoneMatch", async () => {
    const { client, bucket, profile } = target;
    const key = `${target.prefix}exists.bin`;
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: "first" }));
    const { uploadId, etags } = await uploadParts(key, [3]);
    const parts = [{ partNumber: 1, etag: etags[0]! }];
    const completing = completeMultipart(client, profile, { bucket, key, uploadId, parts, ifNoneMatch: true });
    await expect(completing).rejects.toSatisfy((error) => s3ErrorCode(error) === "PreconditionFailed");
    expect((await headObject(client, { bucket, key }))?.size).toBe(5);
    await abortMultipart(client, { bucket, key, uploadId });
  });

  it("reports an aborted upload as UploadNotFoundError", async () => {
    const { client, bucket, profile } = target;
    const key = `${target.prefix}aborted.bin`;
    const { uploadId, etags } = await uploadParts(key, [3]);
    await abortMultipart(client, { bucket, key, uploadId, profile });
    const parts = [{ partNumber: 1, etag: etags[0]! }];
    const completing = completeMultipart(client, profile, { bucket, key, uploadId, parts, ifNoneMatch: false });
    await expect(completing).rejects.toBeInstanceOf(UploadNotFoundError);
  });
});

describe("listAllMultipartUploads", () => {
  it("follows key and upload-id markers across pages, within a prefix", async () => {
    const { client, bucket } = target;
    const prefix = `${target.prefix}pending/`;
    const created: string[] = [];
    for (const name of ["a", "b", "b", "c", "d"]) {
      created.push(await createMultipart(client, { bucket, key: `${prefix}${name}`, contentType: "text/plain" }));
    }
    const seen: string[] = [];
    for await (const upload of listAllMultipartUploads(client, { bucket, prefix, maxUploads: 2 })) {
      seen.push(upload.uploadId);
      expect(upload.key.startsWith(prefix)).toBe(true);
    }
    expect(seen.sort()).toEqual([...created].sort());
  });
});

describe("objects", () => {
  it("reads the first bytes of objects larger, smaller than the range, and empty", async () => {
    const { client, bucket } = target;
    const sizes = { large: 10_000, small: 3, empty: 0 };
    for (const [name, size] of Object.entries(sizes)) {
      const body = Uint8Array.from({ length: size }, (_, i) => i % 251);
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: `${target.prefix}${name}`, Body: body }));
      const first = await readFirstBytes(client, { bucket, key: `${target.prefix}${name}`, bytes: 4096 });
      expect(Buffer.from(first).equals(body.subarray(0, 4096))).toBe(true);
    }
  });

  it("answers undefined for a missing object and deletes idempotently", async () => {
    const { client, bucket } = target;
    const key = `${target.prefix}to-delete.txt`;
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: "x", ContentType: "text/plain" }));
    expect(await headObject(client, { bucket, key })).toMatchObject({ size: 1, contentType: "text/plain" });
    await deleteObject(client, { bucket, key });
    await deleteObject(client, { bucket, key });
    expect(await headObject(client, { bucket, key })).toBeUndefined();
  });
});
