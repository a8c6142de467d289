import { CompleteMultipartUploadCommand, GetObjectCommand, PutObjectCommand, type CompletedPart } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { md5Hex, MiB, patternBytes } from "../support/bytes.js";
import { exchange, PATHS, type Path } from "../support/clients.js";
import { expectNoObject, expectOk, expectS3Error } from "../support/expect-s3.js";
import { createUpload, uploadParts } from "../support/multipart.js";
import { gapTitle, getTarget, profile, unknownUploadTitle, type Target } from "../support/target.js";

let t: Target;
beforeAll(async () => {
  t = await getTarget("complete-rejections");
});
afterAll(() => t.close());

/** A legal two-part upload (5 MiB + 1 KiB) that the rejection cases try to complete wrongly. */
async function twoPartUpload(path: Path, name: string) {
  const key = t.key(`${name}-${path}`);
  const uploadId = await createUpload(t, key);
  const parts = await uploadParts(t, path, key, uploadId, [patternBytes(5 * MiB, 31), patternBytes(1024, 32)]);
  const complete = (list: CompletedPart[], extra: { IfNoneMatch?: string } = {}) =>
    exchange(t.s3, path, new CompleteMultipartUploadCommand({
      Bucket: t.bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: list }, ...extra,
    }));
  return { key, uploadId, parts: parts as [CompletedPart, CompletedPart], complete };
}

describe.each(PATHS)("CompleteMultipartUpload rejections via %s", (path) => {
  const outOfOrderAccepted = profile.outOfOrderComplete === "accepted";
  it(gapTitle(outOfOrderAccepted, "parts listed out of ascending order are 400 InvalidPartOrder and nothing is stored",
    "parts listed out of order are accepted (AWS: 400 InvalidPartOrder)"), async () => {
    const u = await twoPartUpload(path, "out-of-order");
    const out = await u.complete([u.parts[1], u.parts[0]]);
    if (outOfOrderAccepted) {
      expectOk(out);
      return;
    }
    expectS3Error(out, 400, "InvalidPartOrder");
    await expectNoObject(t, u.key);
  });

  it("a part number that was never uploaded is 400 InvalidPart and nothing is stored", async () => {
    const u = await twoPartUpload(path, "never-uploaded");
    const out = await u.complete([u.parts[0], u.parts[1], { PartNumber: 3, ETag: `"${md5Hex("never")}"` }]);
    expectS3Error(out, 400, "InvalidPart");
    await expectNoObject(t, u.key);
  });

  it("a part listed with the wrong ETag is 400 InvalidPart and nothing is stored", async () => {
    const u = await twoPartUpload(path, "wrong-etag");
    const out = await u.complete([u.parts[0], { PartNumber: 2, ETag: `"${md5Hex("not part two")}"` }]);
    expectS3Error(out, 400, "InvalidPart");
    await expectNoObject(t, u.key);
  });

  it("a non-last part smaller than 5 MiB is 400 EntityTooSmall and nothing is stored", async () => {
    const key = t.key(`too-small-${path}`);
    const uploadId = await createUpload(t, key);
    const parts = await uploadParts(t, path, key, uploadId, [patternBytes(1024, 33), patternBytes(1024, 34)]);
    const out = await exchange(t.s3, path, new CompleteMultipartUploadCommand({
      Bucket: t.bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: parts },
    }));
    expectS3Error(out, 400, "EntityTooSmall");
    await expectNoObject(t, key);
  });

  it(unknownUploadTitle("complete", "an upload id that was never created"), async () => {
    const key = t.key(`unknown-upload-${path}`);
    const out = await exchange(t.s3, path, new CompleteMultipartUploadCommand({
      Bucket: t.bucket, Key: key, UploadId: "2~AAAAnever-created-upload-id",
      MultipartUpload: { Parts: [{ PartNumber: 1, ETag: `"${md5Hex("x")}"` }] },
    }));
    const answer = profile.unknownUpload.complete;
    expectS3Error(out, answer.status, answer.code);
    await expectNoObject(t, key);
  });

  const ignoresIfNoneMatch = !profile.conditionalComplete;
  it(gapTitle(ignoresIfNoneMatch, "If-None-Match: * when the key exists is 412 PreconditionFailed and keeps the old object",
    "If-None-Match: * on CompleteMultipartUpload is ignored and the existing object is replaced"), async () => {
    const u = await twoPartUpload(path, "if-none-match");
    await t.s3.send(new PutObjectCommand({ Bucket: t.bucket, Key: u.key, Body: "existing" }));
    const out = await u.complete(u.parts, { IfNoneMatch: "*" });
    const got = await t.s3.send(new GetObjectCommand({ Bucket: t.bucket, Key: u.key }));
    if (ignoresIfNoneMatch) {
      expectOk(out);
      expect(got.ContentLength).toBe(5 * MiB + 1024);
      return;
    }
    expectS3Error(out, 412, "PreconditionFailed");
    expect(await got.Body!.transformToString()).toBe("existing");
  });
});
