import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getSession, transitionStatus } from "@hoist/db";
import { abortMultipart, collectParts, completeMultipart } from "@hoist/s3-core";
import { partFloor } from "./support/harness";
import { startStack } from "./support/matrix";
import type { Stack } from "./support/matrix";
import { putParts, testBytes } from "./support/upload";

// A complete can die anywhere: after S3 assembled the object but before the row says so, or mid-way with the
// session left `completing`. The next complete must finish the job, never lose the file.
describe("crash-safe completion", () => {
  let stack: Stack;
  const deps = () => stack.api.server.deps;

  beforeAll(async () => {
    stack = await startStack("pglite");
  });
  afterAll(() => stack.close());

  async function uploadedSession(user: string) {
    const client = await stack.api.client(user);
    const bytes = testBytes(partFloor(stack.s3) + 77);
    const created = await client.upload.create.mutate({ name: "crash.bin", size: bytes.length, type: "application/octet-stream" });
    await putParts(client, created, bytes);
    const row = await getSession(deps().db, created.uploadId);
    return { client, created, row: row! };
  }

  it("S3 already completed (NoSuchUpload now) and the object has the declared size: recorded as complete", async () => {
    const { client, created, row } = await uploadedSession("crashy");
    const { client: s3, bucket, profile } = deps().storage;
    const ref = { bucket, key: row.key, uploadId: row.s3UploadId!, profile };
    const parts = await collectParts(s3, ref);
    await completeMultipart(s3, profile, { ...ref, parts, ifNoneMatch: false });
    // The process died here: the session is still `completing` in the database.
    await transitionStatus(deps().db, row.id, "uploading", "completing");

    const { file } = await client.upload.complete.mutate({ uploadId: created.uploadId });
    expect(file).toMatchObject({ id: created.uploadId, size: row.size });
    expect((await client.upload.get.query({ uploadId: created.uploadId })).status).toBe("complete");
  });

  it("a session left `completing` by a crash before S3 was called completes on the next call", async () => {
    const { client, created, row } = await uploadedSession("crashy");
    await transitionStatus(deps().db, row.id, "uploading", "completing");
    const { file } = await client.upload.complete.mutate({ uploadId: created.uploadId });
    expect(file.size).toBe(row.size);
  });

  it("the upload vanished from S3 and no object exists: PART_MISSING, nothing recorded", async () => {
    const { client, created, row } = await uploadedSession("crashy");
    const { client: s3, bucket, profile } = deps().storage;
    await abortMultipart(s3, { bucket, key: row.key, uploadId: row.s3UploadId!, profile });
    await expect(client.upload.complete.mutate({ uploadId: created.uploadId })).rejects.toMatchObject({
      data: { code: "CONFLICT", hoistCode: "PART_MISSING" },
    });
    await expect(client.files.get.query({ id: created.uploadId })).rejects.toMatchObject({ data: { code: "NOT_FOUND" } });
  });
});
