import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectParts } from "@hoist/s3-core";
import { expectHoistError } from "./support/bad-input-expect";
import { freshUser, leftovers, nothingLeft, sessionRow } from "./support/bad-input-leftovers";
import { partFloor, startHarness } from "./support/harness";
import type { Harness } from "./support/harness";
import { rawRequest } from "@hoist/local-s3/testing";
import { putSigned } from "./support/http";
import { startStack } from "./support/matrix";
import type { Stack } from "./support/matrix";
import { s3Profile, s3Provider, startS3Target } from "./support/s3-target";
import type { S3Target } from "./support/s3-target";
import { sha256, testBytes } from "./support/upload";

const base64Sha256 = (bytes: Uint8Array) => Buffer.from(sha256(bytes), "hex").toString("base64");

// AWS (and local-s3, which follows it) refuses a part checksum on an upload created without an algorithm, and a
// complete that does not list each part's checksum: the whole sha256 path must be declared end to end.
describe.skipIf(!s3Profile.flexibleChecksums)(`checksum "sha256" end to end (${s3Provider})`, () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack("pglite");
  });
  afterAll(() => stack.close());

  it("a multipart upload whose parts carry SHA-256s storage verifies completes, storage kept each part's checksum, and the record holds storage's", async () => {
    const client = await stack.api.client(freshUser("sha256"));
    const bytes = testBytes(partFloor(stack.s3) * 2 + 77);
    const created = await client.upload.create.mutate({ name: "s.bin", size: bytes.length, type: "application/octet-stream", checksum: "sha256" });
    expect(created).toMatchObject({ strategy: "multipart", partCount: 3, checksum: "sha256" });
    const slices = [1, 2, 3].map((n) => bytes.subarray((n - 1) * created.partSize, n * created.partSize));
    const signed = await client.upload.signParts.mutate({
      uploadId: created.uploadId,
      parts: slices.map((slice, i) => ({ partNumber: i + 1, checksum: base64Sha256(slice) })),
    });
    for (const part of signed.parts) {
      const res = await putSigned(part, slices[part.partNumber - 1]!);
      expect(res.status, res.body).toBe(200);
    }
    const { client: s3, bucket, profile } = stack.api.server.deps.storage;
    const row = await sessionRow(stack, created.uploadId);
    const listed = await collectParts(s3, { bucket, key: created.key, uploadId: row.s3UploadId!, profile });
    expect(listed.map((p) => p.checksumSha256)).toEqual(slices.map(base64Sha256));
    const { file } = await client.upload.complete.mutate({ uploadId: created.uploadId });
    // S3's composite SHA-256: the digest of the parts' digests, with the part count.
    const composite = Buffer.from(sha256(Buffer.concat(slices.map((slice) => Buffer.from(sha256(slice), "hex")))), "hex");
    expect(file).toMatchObject({ checksum: `sha256:${composite.toString("base64")}-3`, checksumVerifiedBy: "storage" });
    const { url } = await client.files.downloadUrl.mutate({ id: file.id });
    expect(sha256((await rawRequest(url, { method: "GET" })).body)).toBe(sha256(bytes));
  });
});

// A provider that ignores x-amz-checksum-* would accept any bytes: refuse the mode instead of pretending.
describe.each(["ceph", "gcs", "b2"] as const)('checksum "sha256" on a provider that cannot verify it (%s profile)', (provider) => {
  let s3: S3Target;
  let api: Harness;
  beforeAll(async () => {
    s3 = await startS3Target();
    api = await startHarness({ s3: { ...s3, storage: { ...s3.storage, provider } }, database: "pglite" });
  });
  afterAll(async () => {
    await api.close();
    await s3.close();
  });

  it.each([1024, 20 * 1024 * 1024])("create of %i bytes: BAD_REQUEST INVALID_INPUT naming the mode and the way out, nothing created", async (size) => {
    const user = freshUser("no-sha256");
    const client = await api.client(user);
    const failure = await expectHoistError(
      client.upload.create.mutate({ name: "c.bin", size, type: "application/octet-stream", checksum: "sha256" }),
      "BAD_REQUEST",
      "INVALID_INPUT",
    );
    expect(failure.message).toContain('checksum "sha256" is not available');
    expect(failure.message).toContain('checksum "none"');
    const stack = { api, s3, close: () => Promise.resolve() };
    expect(await leftovers(stack, user)).toEqual(nothingLeft());
  });
});
