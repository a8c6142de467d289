import { CompleteMultipartUploadCommand, CreateMultipartUploadCommand, ListPartsCommand, UploadPartCommand, type CompletedPart } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MiB, patternBytes, sha256Base64 } from "../support/bytes.js";
import { exchange, PATHS, type Outcome, type Path } from "../support/clients.js";
import { expectNoObject, expectNoParts, expectOk, expectS3Error } from "../support/expect-s3.js";
import { createUpload } from "../support/multipart.js";
import { gapTitle, getTarget, profile, type Target } from "../support/target.js";

let t: Target;
beforeAll(async () => {
  t = await getTarget("multipart-checksums");
});
afterAll(() => t.close());

const bodies = [patternBytes(5 * MiB, 71), patternBytes(1024, 72)];
// Ceph RGW 16 has no x-amz-checksum-*: it accepts each of these requests as if no checksum were involved.
const ignored = !profile.checksumHeaders;

async function createSha256Upload(key: string): Promise<string> {
  const out = await t.s3.send(new CreateMultipartUploadCommand({ Bucket: t.bucket, Key: key, ChecksumAlgorithm: "SHA256" }));
  return out.UploadId!;
}

function putPart(path: Path, key: string, uploadId: string, n: number, checksum?: string) {
  return exchange(t.s3, path, new UploadPartCommand({
    Bucket: t.bucket, Key: key, UploadId: uploadId, PartNumber: n, Body: bodies[n - 1], ...(checksum ? { ChecksumSHA256: checksum } : {}),
  }));
}

/** A SHA256 upload with both parts uploaded with their checksums; `complete` sends the list it is given. */
async function sha256Upload(path: Path, name: string) {
  const key = t.key(`${name}-${path}`);
  const uploadId = await createSha256Upload(key);
  const parts: CompletedPart[] = [];
  for (const n of [1, 2]) {
    const out = await putPart(path, key, uploadId, n, sha256Base64(bodies[n - 1]!));
    expectOk(out);
    parts.push({ PartNumber: n, ETag: out.headers.etag!, ChecksumSHA256: sha256Base64(bodies[n - 1]!) });
  }
  const complete = (list: CompletedPart[]) =>
    exchange(t.s3, path, new CompleteMultipartUploadCommand({ Bucket: t.bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: list } }));
  return { key, uploadId, parts, complete };
}

/** AWS's refusal (and nothing left behind), or on a provider without additional checksums its acceptance. */
async function expectRefused(out: Outcome, status: number, code: string, nothingLeft: () => Promise<void>): Promise<void> {
  if (ignored) {
    expectOk(out);
    return;
  }
  expectS3Error(out, status, code);
  await nothingLeft();
}

describe.each(PATHS)("multipart additional checksums via %s", (path) => {
  it(gapTitle(ignored, "UploadPart with x-amz-checksum-sha256 on an upload created without an algorithm is 400 InvalidRequest and stores no part",
    "a part's x-amz-checksum-sha256 is accepted on an upload created without an algorithm"), async () => {
    const key = t.key(`no-algorithm-${path}`);
    const uploadId = await createUpload(t, key);
    const out = await putPart(path, key, uploadId, 2, sha256Base64(bodies[1]!));
    await expectRefused(out, 400, "InvalidRequest", () => expectNoParts(t, key, uploadId));
  });

  it(gapTitle(ignored, "UploadPart without a checksum on an upload created with SHA256 is 400 InvalidRequest and stores no part",
    "a part without a checksum is accepted on an upload created with SHA256"), async () => {
    const key = t.key(`missing-part-checksum-${path}`);
    const uploadId = await createSha256Upload(key);
    const out = await putPart(path, key, uploadId, 2);
    await expectRefused(out, 400, "InvalidRequest", () => expectNoParts(t, key, uploadId));
  });

  it(gapTitle(ignored, "CompleteMultipartUpload without each part's ChecksumSHA256 on a SHA256 upload is 400 InvalidRequest and nothing is stored",
    "Complete without per-part ChecksumSHA256 is accepted on a SHA256 upload"), async () => {
    const u = await sha256Upload(path, "complete-without");
    const out = await u.complete(u.parts.map(({ PartNumber, ETag }) => ({ PartNumber, ETag })));
    await expectRefused(out, 400, "InvalidRequest", () => expectNoObject(t, u.key));
  });

  it(gapTitle(ignored, "CompleteMultipartUpload with a wrong ChecksumSHA256 for a part is 400 InvalidPart and nothing is stored",
    "Complete with a wrong per-part ChecksumSHA256 is accepted"), async () => {
    const u = await sha256Upload(path, "complete-wrong");
    const out = await u.complete([u.parts[0]!, { ...u.parts[1]!, ChecksumSHA256: sha256Base64("not part two") }]);
    await expectRefused(out, 400, "InvalidPart", () => expectNoObject(t, u.key));
  });

  it.skipIf(ignored)("a SHA256 upload completed with ListParts' checksums is stored with the composite checksum", async () => {
    const u = await sha256Upload(path, "complete-ok");
    const listed = await t.s3.send(new ListPartsCommand({ Bucket: t.bucket, Key: u.key, UploadId: u.uploadId }));
    expect(listed.Parts?.map((p) => p.ChecksumSHA256)).toEqual(bodies.map((b) => sha256Base64(b)));
    const out = await u.complete((listed.Parts ?? []).map(({ PartNumber, ETag, ChecksumSHA256 }) => ({ PartNumber, ETag, ChecksumSHA256 })));
    expectOk(out);
    const composite = sha256Base64(Buffer.concat(bodies.map((b) => Buffer.from(sha256Base64(b), "base64"))));
    expect(out.fields.ChecksumSHA256).toBe(`${composite}-2`);
  });
});
