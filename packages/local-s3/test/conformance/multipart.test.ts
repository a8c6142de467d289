import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListPartsCommand,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { md5Hex, MiB, multipartEtag, patternBytes } from "../support/bytes.js";
import { exchange, PATHS } from "../support/clients.js";
import { expectNoObject, expectOk, expectS3Error } from "../support/expect-s3.js";
import { createUpload, uploadParts } from "../support/multipart.js";
import { getTarget, profile, unknownUploadTitle, type Target } from "../support/target.js";

let t: Target;
beforeAll(async () => {
  t = await getTarget("multipart");
});
afterAll(() => t.close());

describe.each(PATHS)("multipart via %s", (path) => {
  it("CreateMultipartUpload answers an UploadId for the bucket and key", async () => {
    const key = t.key(`create-${path}`);
    const out = await exchange(t.s3, path, new CreateMultipartUploadCommand({ Bucket: t.bucket, Key: key }));
    expectOk(out);
    expect(out.fields.UploadId).toEqual(expect.any(String));
    expect(out.fields.Key).toBe(key);
    await t.s3.send(new AbortMultipartUploadCommand({ Bucket: t.bucket, Key: key, UploadId: out.fields.UploadId as string }));
  });

  it("parallel UploadParts are listed by ListParts 5 at a time with PartNumberMarker and NextPartNumberMarker", async () => {
    const key = t.key(`list-parts-${path}`);
    const uploadId = await createUpload(t, key);
    const parts = Array.from({ length: 12 }, (_, i) => patternBytes(100 + i, i + 1));
    await uploadParts(t, path, key, uploadId, parts);
    const pages: { numbers: number[]; next?: number; truncated?: boolean }[] = [];
    let marker: string | undefined;
    do {
      const page = await t.s3.send(new ListPartsCommand({ Bucket: t.bucket, Key: key, UploadId: uploadId, MaxParts: 5, PartNumberMarker: marker }));
      for (const p of page.Parts ?? []) {
        const body = parts[p.PartNumber! - 1]!;
        expect({ n: p.PartNumber, size: p.Size, etag: p.ETag }).toEqual({ n: p.PartNumber, size: body.length, etag: `"${md5Hex(body)}"` });
      }
      pages.push({ numbers: (page.Parts ?? []).map((p) => p.PartNumber!), next: page.NextPartNumberMarker === undefined ? undefined : Number(page.NextPartNumberMarker), truncated: page.IsTruncated });
      marker = page.IsTruncated === true ? page.NextPartNumberMarker : undefined;
    } while (marker !== undefined && pages.length < 5);
    expect(pages.map((p) => p.numbers)).toEqual([[1, 2, 3, 4, 5], [6, 7, 8, 9, 10], [11, 12]]);
    expect(pages.map((p) => p.truncated)).toEqual([true, true, false]);
    expect(pages.slice(0, 2).map((p) => p.next)).toEqual([5, 10]);
  });

  it("ListParts answers an XML ListPartsResult with Part entries", async () => {
    const key = t.key(`list-parts-xml-${path}`);
    const uploadId = await createUpload(t, key);
    await uploadParts(t, path, key, uploadId, [patternBytes(10, 3)]);
    const out = await exchange(t.s3, path, new ListPartsCommand({ Bucket: t.bucket, Key: key, UploadId: uploadId }));
    expectOk(out);
    expect(out.fields.UploadId).toBe(uploadId);
    expect(JSON.stringify(out.fields.Part ?? out.fields.Parts)).toContain(md5Hex(patternBytes(10, 3)));
  });

  it("CompleteMultipartUpload stores the concatenated parts under a '-N' multipart ETag", async () => {
    const key = t.key(`complete-${path}`);
    const uploadId = await createUpload(t, key);
    const parts = [patternBytes(5 * MiB, 21), patternBytes(5 * MiB, 22), patternBytes(1000, 23)];
    const completed = await uploadParts(t, path, key, uploadId, parts);
    const out = await exchange(t.s3, path, new CompleteMultipartUploadCommand({
      Bucket: t.bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: completed },
    }));
    expectOk(out);
    expect(out.fields.Key).toBe(key);
    if (profile.completeEtag === "multipart") expect(out.fields.ETag).toBe(multipartEtag(parts));
    const head = await t.s3.send(new HeadObjectCommand({ Bucket: t.bucket, Key: key }));
    expect(head.ETag).toBe(multipartEtag(parts));
    expect(head.ContentLength).toBe(10 * MiB + 1000);
    const got = await t.s3.send(new GetObjectCommand({ Bucket: t.bucket, Key: key }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(Buffer.concat(parts))).toBe(true);
  });

  it.runIf(profile.completeEtag === "empty")("ceph gap: the CompleteMultipartUpload response carries no ETag (read it with HeadObject)", async () => {
    const key = t.key(`complete-etag-${path}`);
    const uploadId = await createUpload(t, key);
    const completed = await uploadParts(t, path, key, uploadId, [patternBytes(10, 5)]);
    const out = await exchange(t.s3, path, new CompleteMultipartUploadCommand({
      Bucket: t.bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: completed },
    }));
    expectOk(out);
    expect(out.fields.ETag ?? "").toMatch(/^("")?$/);
  });
});

describe.each(PATHS)("aborted multipart upload via %s", (path) => {
  const answer = profile.unknownUpload;
  async function aborted(name: string): Promise<{ key: string; uploadId: string }> {
    const key = t.key(`aborted-${name}-${path}`);
    const uploadId = await createUpload(t, key);
    await uploadParts(t, path, key, uploadId, [patternBytes(10, 9)]);
    const out = await exchange(t.s3, path, new AbortMultipartUploadCommand({ Bucket: t.bucket, Key: key, UploadId: uploadId }));
    expectOk(out, 204);
    return { key, uploadId };
  }

  it(unknownUploadTitle("listParts", "ListParts after AbortMultipartUpload"), async () => {
    const { key, uploadId } = await aborted("list");
    const out = await exchange(t.s3, path, new ListPartsCommand({ Bucket: t.bucket, Key: key, UploadId: uploadId }));
    expectS3Error(out, answer.listParts.status, answer.listParts.code);
  });

  it(unknownUploadTitle("uploadPart", "UploadPart after AbortMultipartUpload"), async () => {
    const { key, uploadId } = await aborted("upload");
    const out = await exchange(t.s3, path, new UploadPartCommand({ Bucket: t.bucket, Key: key, UploadId: uploadId, PartNumber: 2, Body: "late" }));
    expectS3Error(out, answer.uploadPart.status, answer.uploadPart.code);
  });

  it(unknownUploadTitle("complete", "CompleteMultipartUpload after AbortMultipartUpload"), async () => {
    const { key, uploadId } = await aborted("complete");
    const out = await exchange(t.s3, path, new CompleteMultipartUploadCommand({
      Bucket: t.bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: `"${md5Hex(patternBytes(10, 9))}"` }] },
    }));
    expectS3Error(out, answer.complete.status, answer.complete.code);
    await expectNoObject(t, key);
  });

  it(unknownUploadTitle("abort", "a second AbortMultipartUpload"), async () => {
    const { key, uploadId } = await aborted("abort");
    const out = await exchange(t.s3, path, new AbortMultipartUploadCommand({ Bucket: t.bucket, Key: key, UploadId: uploadId }));
    expectS3Error(out, answer.abort.status, answer.abort.code);
  });
});
