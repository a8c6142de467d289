import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { headObject } from "@hoist/s3-core";
import { expectHoistError } from "../support/bad-input-expect";
import { freshUser, leftovers, sessionRow } from "../support/bad-input-leftovers";
import { partFloor } from "../support/harness";
import { putSigned } from "../support/http";
import { DATABASES, startStack } from "../support/matrix";
import type { Stack } from "../support/matrix";
import { putParts, testBytes, uploadFile } from "../support/upload";

// Calls that are well-formed and yours, but come after the session has ended: CONFLICT/NOT_UPLOADING.
describe.each(DATABASES)("bad input: calls on a finished session (%s)", (database) => {
  let stack: Stack;
  const head = (key: string) => headObject(stack.api.server.deps.storage.client, { bucket: stack.api.server.deps.storage.bucket, key });

  beforeAll(async () => {
    stack = await startStack(database);
  });
  afterAll(() => stack.close());

  /** A fresh user's multipart upload with every part uploaded, then aborted. */
  const abortedUpload = async () => {
    const user = freshUser("state");
    const client = await stack.api.client(user);
    const bytes = testBytes(partFloor(stack.s3) * 2);
    const created = await client.upload.create.mutate({ name: "late.bin", size: bytes.length, type: "application/octet-stream" });
    const parts = await putParts(client, created, bytes);
    await client.upload.abort.mutate({ uploadId: created.uploadId });
    return { user, client, created, parts };
  };

  it("complete on an aborted upload: CONFLICT/NOT_UPLOADING saying it is aborted; no file, no object", async () => {
    const { user, client, created, parts } = await abortedUpload();
    const failure = await expectHoistError(client.upload.complete.mutate({ uploadId: created.uploadId, parts }), "CONFLICT", "NOT_UPLOADING");
    expect(failure.message).toContain("aborted");
    expect(failure.data.httpStatus).toBe(409);
    expect((await sessionRow(stack, created.uploadId)).status).toBe("aborted");
    expect(await head(created.key)).toBeUndefined();
    expect(await leftovers(stack, user)).toEqual({ sessions: 1, files: 0, multipartUploads: 0, objects: 0 });
  });

  it("signParts on an aborted upload: CONFLICT/NOT_UPLOADING telling to start a new upload", async () => {
    const { user, client, created } = await abortedUpload();
    const failure = await expectHoistError(
      client.upload.signParts.mutate({ uploadId: created.uploadId, parts: [{ partNumber: 1 }] }),
      "CONFLICT",
      "NOT_UPLOADING",
    );
    expect(failure.message).toContain("start a new upload");
    expect(await leftovers(stack, user)).toEqual({ sessions: 1, files: 0, multipartUploads: 0, objects: 0 });
  });

  it("a single PUT upload aborted after its PUT: complete refused, the object is gone", async () => {
    const user = freshUser("state");
    const client = await stack.api.client(user);
    const created = await client.upload.create.mutate({ name: "s.txt", size: 5, type: "text/plain" });
    expect((await putSigned(created.single!, testBytes(5))).status).toBe(200);
    expect((await head(created.key))?.size).toBe(5);
    await client.upload.abort.mutate({ uploadId: created.uploadId });
    await expectHoistError(client.upload.complete.mutate({ uploadId: created.uploadId }), "CONFLICT", "NOT_UPLOADING");
    expect(await head(created.key)).toBeUndefined();
    expect(await leftovers(stack, user)).toEqual({ sessions: 1, files: 0, multipartUploads: 0, objects: 0 });
  });

  it("abort on a completed upload: CONFLICT/NOT_UPLOADING pointing to files.delete; the file stays", async () => {
    const user = freshUser("state");
    const client = await stack.api.client(user);
    const { record } = await uploadFile(client, { name: "done.txt", type: "text/plain", bytes: testBytes(12) });
    const failure = await expectHoistError(client.upload.abort.mutate({ uploadId: record.id }), "CONFLICT", "NOT_UPLOADING");
    expect(failure.message).toContain("delete the file");
    expect((await sessionRow(stack, record.id)).status).toBe("complete");
    expect((await head(record.key))?.size).toBe(12);
    expect(await client.files.get.query({ id: record.id })).toEqual(record);
  });

  it("signParts on a completed upload: CONFLICT/NOT_UPLOADING; the file stays", async () => {
    const user = freshUser("state");
    const client = await stack.api.client(user);
    const { record } = await uploadFile(client, { name: "done.txt", type: "text/plain", bytes: testBytes(12) });
    const failure = await expectHoistError(
      client.upload.signParts.mutate({ uploadId: record.id, parts: [{ partNumber: 1 }] }),
      "CONFLICT",
      "NOT_UPLOADING",
    );
    expect(failure.message).toContain("complete");
    expect((await head(record.key))?.size).toBe(12);
    expect(await leftovers(stack, user)).toEqual({ sessions: 1, files: 1, multipartUploads: 0, objects: 1 });
  });
});
