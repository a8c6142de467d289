import { PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { headObject } from "@hoist/s3-core";
import { expectHoistError } from "../support/bad-input-expect";
import { freshUser, leftovers, sessionRow } from "../support/bad-input-leftovers";
import { partFloor } from "../support/harness";
import { putSigned } from "../support/http";
import { DATABASES, startStack } from "../support/matrix";
import type { Stack } from "../support/matrix";
import { putParts, testBytes } from "../support/upload";

const PDF_HEAD = Buffer.from("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "latin1");

// complete reads the assembled object's size and first bytes: an object that is not what was declared is
// deleted and never becomes a file.
describe.each(DATABASES)("bad input: objects that are not what was declared (%s)", (database) => {
  let stack: Stack;
  const head = (key: string) => headObject(stack.api.server.deps.storage.client, { bucket: stack.api.server.deps.storage.bucket, key });

  beforeAll(async () => {
    stack = await startStack(database);
  });
  afterAll(() => stack.close());

  it("a PDF declared as image/png on the image route (single PUT): UNSUPPORTED_MEDIA_TYPE/TYPE_MISMATCH, object deleted", async () => {
    const user = freshUser("verdict");
    const client = await stack.api.client(user);
    const bytes = testBytes(600, PDF_HEAD);
    const created = await client.upload.create.mutate({ route: "image", name: "photo.png", size: bytes.length, type: "image/png" });
    expect(created.strategy).toBe("single");
    expect((await putSigned(created.single!, bytes)).status).toBe(200);
    const failure = await expectHoistError(client.upload.complete.mutate({ uploadId: created.uploadId }), "UNSUPPORTED_MEDIA_TYPE", "TYPE_MISMATCH");
    expect(failure.message).toContain("photo.png");
    expect(failure.message).toMatch(/application\/pdf|image\/png/);
    expect(await head(created.key)).toBeUndefined();
    // A single PUT can be sent again: the session goes back to uploading.
    expect((await sessionRow(stack, created.uploadId)).status).toBe("uploading");
    expect(await leftovers(stack, user)).toEqual({ sessions: 1, files: 0, multipartUploads: 0, objects: 0 });
  });

  it("the same PDF in parts (multipart): TYPE_MISMATCH, object deleted, the session aborted", async () => {
    const user = freshUser("verdict");
    const client = await stack.api.client(user);
    const bytes = testBytes(partFloor(stack.s3) * 2, PDF_HEAD);
    const created = await client.upload.create.mutate({ route: "image", name: "big.png", size: bytes.length, type: "image/png" });
    expect(created.strategy).toBe("multipart");
    await putParts(client, created, bytes);
    await expectHoistError(client.upload.complete.mutate({ uploadId: created.uploadId }), "UNSUPPORTED_MEDIA_TYPE", "TYPE_MISMATCH");
    expect(await head(created.key)).toBeUndefined();
    expect((await sessionRow(stack, created.uploadId)).status).toBe("aborted");
    expect(await leftovers(stack, user)).toEqual({ sessions: 1, files: 0, multipartUploads: 0, objects: 0 });
    await expectHoistError(client.upload.complete.mutate({ uploadId: created.uploadId }), "CONFLICT", "NOT_UPLOADING");
  });

  it("bytes no sniffer knows, declared image/png on the strict image route: TYPE_MISMATCH, object deleted", async () => {
    const user = freshUser("verdict");
    const client = await stack.api.client(user);
    const bytes = Buffer.from("just some plain words, not an image at all\n".repeat(10));
    const created = await client.upload.create.mutate({ route: "image", name: "words.png", size: bytes.length, type: "image/png" });
    expect((await putSigned(created.single!, bytes)).status).toBe(200);
    await expectHoistError(client.upload.complete.mutate({ uploadId: created.uploadId }), "UNSUPPORTED_MEDIA_TYPE", "TYPE_MISMATCH");
    expect(await head(created.key)).toBeUndefined();
    expect(await leftovers(stack, user)).toEqual({ sessions: 1, files: 0, multipartUploads: 0, objects: 0 });
  });

  it("a single object shorter than declared (PUT past the signed URL): CONFLICT/SIZE_MISMATCH naming both sizes, deleted", async () => {
    const user = freshUser("verdict");
    const client = await stack.api.client(user);
    const created = await client.upload.create.mutate({ name: "short.txt", size: 100, type: "text/plain" });
    const { client: s3, bucket } = stack.api.server.deps.storage;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: created.key, Body: testBytes(99), ContentType: "text/plain" }));
    const failure = await expectHoistError(client.upload.complete.mutate({ uploadId: created.uploadId }), "CONFLICT", "SIZE_MISMATCH");
    expect(failure.message).toContain("100 bytes");
    expect(failure.message).toContain("99 bytes");
    expect(await head(created.key)).toBeUndefined();
    expect((await sessionRow(stack, created.uploadId)).status).toBe("uploading");
    expect(await leftovers(stack, user)).toEqual({ sessions: 1, files: 0, multipartUploads: 0, objects: 0 });
  });

  it("complete of a single PUT before anything was PUT: CONFLICT/PART_MISSING telling to PUT first", async () => {
    const user = freshUser("verdict");
    const client = await stack.api.client(user);
    const created = await client.upload.create.mutate({ name: "none.txt", size: 10, type: "text/plain" });
    const failure = await expectHoistError(client.upload.complete.mutate({ uploadId: created.uploadId }), "CONFLICT", "PART_MISSING");
    expect(failure.message).toContain("none.txt");
    expect((await sessionRow(stack, created.uploadId)).status).toBe("uploading");
    expect(await leftovers(stack, user)).toEqual({ sessions: 1, files: 0, multipartUploads: 0, objects: 0 });
  });
});
