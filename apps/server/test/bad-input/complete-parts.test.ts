import { UploadPartCommand } from "@aws-sdk/client-s3";
import type { TRPCClient } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppRouter } from "@hoist/api";
import { headObject } from "@hoist/s3-core";
import { expectHoistError } from "../support/bad-input-expect";
import { freshUser, leftovers, sessionRow } from "../support/bad-input-leftovers";
import { partFloor } from "../support/harness";
import { DATABASES, startStack } from "../support/matrix";
import type { Stack } from "../support/matrix";
import { putParts, testBytes } from "../support/upload";

type Client = TRPCClient<AppRouter>;

// complete checks storage's part list against the plan: a bad list is CONFLICT, no file, no object, and the
// session stays `uploading` so the client can fix the parts and complete again.
describe.each(DATABASES)("bad input: complete with parts that do not match the plan (%s)", (database) => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack(database);
  });
  afterAll(() => stack.close());

  /** A fresh user's 3-part upload (last part shorter) and its bytes. */
  const threeParts = async () => {
    const user = freshUser("complete");
    const client = await stack.api.client(user);
    const bytes = testBytes(partFloor(stack.s3) * 2 + 300);
    const created = await client.upload.create.mutate({ name: "three.bin", size: bytes.length, type: "application/octet-stream" });
    expect(created.partCount).toBe(3);
    return { user, client, bytes, created };
  };

  /** Uploads part `partNumber` with the SDK, past the signed URL's length check, as a misbehaving client could. */
  const uploadPartDirectly = async (uploadId: string, partNumber: number, body: Uint8Array) => {
    const row = await sessionRow(stack, uploadId);
    const { client, bucket } = stack.api.server.deps.storage;
    const out = await client.send(new UploadPartCommand({ Bucket: bucket, Key: row.key, UploadId: row.s3UploadId!, PartNumber: partNumber, Body: body }));
    return out.ETag!;
  };

  /** Nothing was recorded or assembled; the multipart upload is still open for another try. */
  const expectResumable = async (user: string, client: Client, created: { uploadId: string; key: string }) => {
    expect((await sessionRow(stack, created.uploadId)).status).toBe("uploading");
    expect((await client.upload.get.query({ uploadId: created.uploadId })).status).toBe("uploading");
    const { client: s3, bucket } = stack.api.server.deps.storage;
    expect(await headObject(s3, { bucket, key: created.key })).toBeUndefined();
    expect(await leftovers(stack, user)).toEqual({ sessions: 1, files: 0, multipartUploads: 1, objects: 0 });
  };

  it("a missing part: CONFLICT/PART_MISSING naming it; after uploading it, complete succeeds", async () => {
    const { user, client, bytes, created } = await threeParts();
    await putParts(client, created, bytes, { skip: [2] });
    const failure = await expectHoistError(client.upload.complete.mutate({ uploadId: created.uploadId }), "CONFLICT", "PART_MISSING");
    expect(failure.message).toContain("part 2 of 3");
    await expectResumable(user, client, created);
    await putParts(client, { ...created, partCount: 2 }, bytes, { skip: [1] });
    expect((await client.upload.complete.mutate({ uploadId: created.uploadId })).file.size).toBe(bytes.length);
  });

  it("no parts at all: PART_MISSING for part 1, saying how many are missing", async () => {
    const { user, client, created } = await threeParts();
    const failure = await expectHoistError(client.upload.complete.mutate({ uploadId: created.uploadId }), "CONFLICT", "PART_MISSING");
    expect(failure.message).toContain("part 1 of 3");
    expect(failure.message).toContain("3 parts are missing");
    await expectResumable(user, client, created);
  });

  it("a short part (put past the signed length with the SDK): CONFLICT/PART_SIZE_MISMATCH naming sizes", async () => {
    const { user, client, bytes, created } = await threeParts();
    await putParts(client, created, bytes, { skip: [2] });
    const floor = partFloor(stack.s3);
    await uploadPartDirectly(created.uploadId, 2, bytes.subarray(floor, floor * 2 - 1));
    const failure = await expectHoistError(client.upload.complete.mutate({ uploadId: created.uploadId }), "CONFLICT", "PART_SIZE_MISMATCH");
    expect(failure.message).toContain(`part 2 is ${floor - 1} bytes, expected ${floor}`);
    await expectResumable(user, client, created);
  });

  it("a long last part: PART_SIZE_MISMATCH (the object would be longer than declared)", async () => {
    const { user, client, bytes, created } = await threeParts();
    await putParts(client, created, bytes, { skip: [3] });
    await uploadPartDirectly(created.uploadId, 3, testBytes(301));
    const failure = await expectHoistError(client.upload.complete.mutate({ uploadId: created.uploadId }), "CONFLICT", "PART_SIZE_MISMATCH");
    expect(failure.message).toContain("part 3 is 301 bytes, expected 300");
    await expectResumable(user, client, created);
  });

  it("an extra part beyond the plan: CONFLICT/SIZE_MISMATCH as verifyParts documents, telling to start again", async () => {
    const { user, client, bytes, created } = await threeParts();
    await putParts(client, created, bytes);
    await uploadPartDirectly(created.uploadId, 4, testBytes(10));
    const failure = await expectHoistError(client.upload.complete.mutate({ uploadId: created.uploadId }), "CONFLICT", "SIZE_MISMATCH");
    expect(failure.message).toContain("part 4 was uploaded but this upload has only 3 parts");
    await expectResumable(user, client, created);
  });

  it("client ETags that storage does not hold (a part replaced since): CONFLICT/ETAG_MISMATCH naming the part", async () => {
    const { user, client, bytes, created } = await threeParts();
    const seen = await putParts(client, created, bytes);
    const floor = partFloor(stack.s3);
    const replaced = await uploadPartDirectly(created.uploadId, 2, testBytes(floor));
    const failure = await expectHoistError(client.upload.complete.mutate({ uploadId: created.uploadId, parts: seen }), "CONFLICT", "ETAG_MISMATCH");
    expect(failure.message).toContain("part 2");
    expect(failure.message).toContain(replaced.replaceAll('"', ""));
    await expectResumable(user, client, created);
  });

  it("a made-up ETag for one part: ETAG_MISMATCH; the true list then completes", async () => {
    const { user, client, bytes, created } = await threeParts();
    const seen = await putParts(client, created, bytes);
    const forged = seen.map((part) => (part.partNumber === 3 ? { ...part, etag: '"00000000000000000000000000000000"' } : part));
    const failure = await expectHoistError(client.upload.complete.mutate({ uploadId: created.uploadId, parts: forged }), "CONFLICT", "ETAG_MISMATCH");
    expect(failure.message).toContain("part 3");
    await expectResumable(user, client, created);
    expect((await client.upload.complete.mutate({ uploadId: created.uploadId, parts: seen })).file.size).toBe(bytes.length);
  });
});
