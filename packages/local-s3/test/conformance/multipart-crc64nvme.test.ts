import {
  CompleteMultipartUploadCommand, CreateMultipartUploadCommand, GetObjectCommand, HeadObjectCommand, ListMultipartUploadsCommand, ListPartsCommand, UploadPartCommand,
  type ChecksumType, type CompletedPart, type CompleteMultipartUploadCommandInput,
} from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crc32Base64, crc64Base64, MiB, patternBytes, sha256Base64 } from "../support/bytes.js";
import { exchange, PATHS, type Path } from "../support/clients.js";
import { expectNoObject, expectNoParts, expectOk, expectS3Error } from "../support/expect-s3.js";
import { getTarget, profile, type Target } from "../support/target.js";

let t: Target;
beforeAll(async () => {
  t = await getTarget("multipart-crc64nvme");
});
afterAll(() => t.close());

const bodies = [patternBytes(5 * MiB, 91), patternBytes(5 * MiB, 92), patternBytes(1000, 93)];
// Ceph RGW 16 has no x-amz-checksum-*: it neither verifies nor returns them, so these cases do not apply there.
const ignored = !profile.checksumHeaders;

function create(key: string, type?: "FULL_OBJECT" | "COMPOSITE") {
  return t.s3.send(new CreateMultipartUploadCommand({ Bucket: t.bucket, Key: key, ChecksumAlgorithm: "CRC64NVME", ...(type ? { ChecksumType: type } : {}) }));
}

/** A FULL_OBJECT CRC64NVME upload of `bodies`, each part sent with its (independently computed) value. */
async function fullObjectUpload(path: Path, name: string) {
  const key = t.key(`${name}-${path}`);
  const created = await create(key, "FULL_OBJECT");
  expect({ algorithm: created.ChecksumAlgorithm, type: created.ChecksumType }).toEqual({ algorithm: "CRC64NVME", type: "FULL_OBJECT" });
  const uploadId = created.UploadId!;
  const parts: CompletedPart[] = [];
  for (const [i, body] of bodies.entries()) {
    const crc = await crc64Base64(body);
    const out = await exchange(t.s3, path, new UploadPartCommand({ Bucket: t.bucket, Key: key, UploadId: uploadId, PartNumber: i + 1, Body: body, ChecksumCRC64NVME: crc }));
    expectOk(out);
    expect(out.headers["x-amz-checksum-crc64nvme"]).toBe(crc);
    parts.push({ PartNumber: i + 1, ETag: out.headers.etag!, ChecksumCRC64NVME: crc });
  }
  const whole = await crc64Base64(Buffer.concat(bodies));
  const complete = (list: CompletedPart[], extra: Partial<CompleteMultipartUploadCommandInput> = {}) =>
    exchange(t.s3, path, new CompleteMultipartUploadCommand({ Bucket: t.bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: list }, ...extra }));
  const stillOpen = async () => {
    expect((await t.s3.send(new ListPartsCommand({ Bucket: t.bucket, Key: key, UploadId: uploadId }))).Parts).toHaveLength(3);
  };
  return { key, uploadId, parts, whole, complete, stillOpen };
}

describe.skipIf(ignored).each(PATHS)("FULL_OBJECT CRC64NVME multipart via %s", (path) => {
  it("a 3-part upload completes with the whole object's CRC64NVME, equal to an independent CRC of its bytes", async () => {
    const u = await fullObjectUpload(path, "ok");
    const listed = await t.s3.send(new ListPartsCommand({ Bucket: t.bucket, Key: u.key, UploadId: u.uploadId }));
    expect({ algorithm: listed.ChecksumAlgorithm, type: listed.ChecksumType }).toEqual({ algorithm: "CRC64NVME", type: "FULL_OBJECT" });
    expect(listed.Parts?.map((p) => p.ChecksumCRC64NVME)).toEqual(u.parts.map((p) => p.ChecksumCRC64NVME));
    const out = await u.complete(u.parts, { ChecksumCRC64NVME: u.whole, ChecksumType: "FULL_OBJECT" });
    expectOk(out);
    expect({ crc: out.fields.ChecksumCRC64NVME, type: out.fields.ChecksumType }).toEqual({ crc: u.whole, type: "FULL_OBJECT" });
    const head = await t.s3.send(new HeadObjectCommand({ Bucket: t.bucket, Key: u.key, ChecksumMode: "ENABLED" }));
    expect({ crc: head.ChecksumCRC64NVME, type: head.ChecksumType }).toEqual({ crc: u.whole, type: "FULL_OBJECT" });
    // The SDK validates a full-object CRC64NVME on GetObject: a wrong stored value would throw here.
    const got = await t.s3.send(new GetObjectCommand({ Bucket: t.bucket, Key: u.key, ChecksumMode: "ENABLED" }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(Buffer.concat(bodies))).toBe(true);
  });

  it("a whole-object CRC64NVME that differs is 400 BadDigest, nothing is stored and the upload stays open", async () => {
    const u = await fullObjectUpload(path, "whole-wrong");
    const out = await u.complete(u.parts, { ChecksumCRC64NVME: await crc64Base64("not this object"), ChecksumType: "FULL_OBJECT" });
    expectS3Error(out, 400, "BadDigest");
    await expectNoObject(t, u.key);
    await u.stillOpen();
    expectOk(await u.complete(u.parts, { ChecksumCRC64NVME: u.whole, ChecksumType: "FULL_OBJECT" }));
  });

  it("a wrong ChecksumCRC64NVME for a part is 400 InvalidPart, nothing is stored and the upload stays open", async () => {
    const u = await fullObjectUpload(path, "part-wrong");
    const out = await u.complete([u.parts[0]!, { ...u.parts[1]!, ChecksumCRC64NVME: u.parts[2]!.ChecksumCRC64NVME }, u.parts[2]!]);
    expectS3Error(out, 400, "InvalidPart");
    await expectNoObject(t, u.key);
    await u.stillOpen();
  });

  it("a Complete that claims the COMPOSITE checksum type is 400 BadDigest and nothing is stored", async () => {
    const u = await fullObjectUpload(path, "type-wrong");
    expectS3Error(await u.complete(u.parts, { ChecksumType: "COMPOSITE" }), 400, "BadDigest");
    await expectNoObject(t, u.key);
  });

  it("a Complete claiming another algorithm's whole-object checksum is 400 InvalidRequest and nothing is stored", async () => {
    const u = await fullObjectUpload(path, "algorithm-wrong");
    expectS3Error(await u.complete(u.parts, { ChecksumSHA256: sha256Base64(Buffer.concat(bodies)) }), 400, "InvalidRequest");
    await expectNoObject(t, u.key);
  });

  it("a Complete listing parts without their CRC64NVME is accepted: the stored part values make the object's", async () => {
    const u = await fullObjectUpload(path, "unlisted");
    const out = await u.complete(u.parts.map(({ PartNumber, ETag }) => ({ PartNumber, ETag })));
    expectOk(out);
    expect(out.fields.ChecksumCRC64NVME).toBe(u.whole);
  });
});

describe.skipIf(ignored)("CRC64NVME parts and CreateMultipartUpload settings", () => {
  it("a part whose CRC64NVME is of other bytes is 400 BadDigest and stores no part", async () => {
    const key = t.key("part-bad-digest");
    const uploadId = (await create(key)).UploadId!;
    const out = await exchange(t.s3, "sdk", new UploadPartCommand({ Bucket: t.bucket, Key: key, UploadId: uploadId, PartNumber: 1, Body: bodies[2], ChecksumCRC64NVME: await crc64Base64("other") }));
    expectS3Error(out, 400, "BadDigest");
    await expectNoParts(t, key, uploadId);
  });

  it("a part without a CRC64NVME on a CRC64NVME upload is 400 InvalidRequest and stores no part", async () => {
    const key = t.key("part-missing");
    const created = await create(key);
    expect(created.ChecksumType).toBe("FULL_OBJECT"); // AWS's default for CRC64NVME
    const out = await exchange(t.s3, "sdk", new UploadPartCommand({ Bucket: t.bucket, Key: key, UploadId: created.UploadId!, PartNumber: 1, Body: bodies[2] }));
    expectS3Error(out, 400, "InvalidRequest");
    await expectNoParts(t, key, created.UploadId!);
  });

  it("ListMultipartUploads shows a CRC64NVME upload's algorithm and FULL_OBJECT type", async () => {
    const key = t.key("listed-upload");
    await create(key, "FULL_OBJECT");
    const listed = await t.s3.send(new ListMultipartUploadsCommand({ Bucket: t.bucket, Prefix: key }));
    expect(listed.Uploads?.map((u) => [u.ChecksumAlgorithm, u.ChecksumType])).toEqual([["CRC64NVME", "FULL_OBJECT"]]);
  });

  it.each([
    ["CRC64NVME with COMPOSITE", { ChecksumAlgorithm: "CRC64NVME", ChecksumType: "COMPOSITE" }],
    ["SHA256 with FULL_OBJECT", { ChecksumAlgorithm: "SHA256", ChecksumType: "FULL_OBJECT" }],
    ["a checksum type without an algorithm", { ChecksumType: "FULL_OBJECT" }],
    ["a checksum type S3 does not define", { ChecksumAlgorithm: "CRC32", ChecksumType: "PARTIAL" as ChecksumType }],
  ] as const)("CreateMultipartUpload with %s is 400 InvalidRequest", async (_name, settings) => {
    const out = await exchange(t.s3, "sdk", new CreateMultipartUploadCommand({ Bucket: t.bucket, Key: t.key("refused-create"), ...settings }));
    expectS3Error(out, 400, "InvalidRequest");
  });

  async function crc32FullObjectUpload(key: string) {
    const uploadId = (await t.s3.send(new CreateMultipartUploadCommand({ Bucket: t.bucket, Key: key, ChecksumAlgorithm: "CRC32", ChecksumType: "FULL_OBJECT" }))).UploadId!;
    const parts: CompletedPart[] = [];
    for (const [i, body] of bodies.entries()) {
      const out = await t.s3.send(new UploadPartCommand({ Bucket: t.bucket, Key: key, UploadId: uploadId, PartNumber: i + 1, Body: body, ChecksumAlgorithm: "CRC32" }));
      parts.push({ PartNumber: i + 1, ETag: out.ETag!, ChecksumCRC32: out.ChecksumCRC32! });
    }
    return (claim?: string) => exchange(t.s3, "sdk", new CompleteMultipartUploadCommand({
      Bucket: t.bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: parts }, ...(claim ? { ChecksumCRC32: claim, ChecksumType: "FULL_OBJECT" } : {}),
    }));
  }

  it("a FULL_OBJECT CRC32 upload is stored with the CRC32 of the whole object (no -N suffix)", async () => {
    const complete = await crc32FullObjectUpload(t.key("crc32-full-object"));
    const done = await complete();
    expectOk(done);
    expect({ crc: done.fields.ChecksumCRC32, type: done.fields.ChecksumType }).toEqual({ crc: crc32Base64(Buffer.concat(bodies)), type: "FULL_OBJECT" });
  });

  it("a FULL_OBJECT CRC32 Complete claiming another whole-object CRC32 is 400 BadDigest and the upload stays open", async () => {
    const key = t.key("crc32-full-object-wrong");
    const complete = await crc32FullObjectUpload(key);
    expectS3Error(await complete(crc32Base64("not this object")), 400, "BadDigest");
    await expectNoObject(t, key);
    expectOk(await complete(crc32Base64(Buffer.concat(bodies))));
  });
});
