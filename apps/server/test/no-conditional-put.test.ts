import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { headObject, readFirstBytes } from "@hoist/s3-core";
import { freshUser, leftovers } from "./support/bad-input-leftovers";
import { putSigned } from "./support/http";
import { startStack } from "./support/matrix";
import type { Stack } from "./support/matrix";

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1d5b5e80000000049454e44ae426082",
  "hex",
);
const HTML = Buffer.from("<!doctype html><script>alert(1)</script>".padEnd(PNG.length, " "));

// b2 and gcs do not honour If-None-Match on PutObject, so a presigned single PUT stays able to overwrite the
// object after it was verified. There a small file is a one-part multipart upload: its upload id (and every
// URL signed for it) dies at complete. The provider is set to b2 against whatever store runs the suite.
describe("single PUTs on a provider without conditional writes (b2 profile, pglite)", () => {
  let stack: Stack;
  const deps = () => stack.api.server.deps;

  beforeAll(async () => {
    stack = await startStack("pglite", { provider: "b2" });
  });
  afterAll(() => stack.close());

  it("a small file is a one-part multipart upload, and its URL cannot replace the verified file", async () => {
    const user = freshUser("b2");
    const client = await stack.api.client(user);
    const created = await client.upload.create.mutate({ route: "image", name: "dot.png", size: PNG.length, type: "image/png" });
    expect(created).toMatchObject({ strategy: "multipart", partCount: 1 });
    expect(created.single).toBeUndefined();
    const [part] = (await client.upload.signParts.mutate({ uploadId: created.uploadId, parts: [{ partNumber: 1 }] })).parts;
    expect((await putSigned(part!, PNG)).status).toBe(200);
    const { file } = await client.upload.complete.mutate({ uploadId: created.uploadId });
    expect(file).toMatchObject({ type: "image/png", size: PNG.length });

    expect((await putSigned(part!, HTML)).status).toBe(404);
    const { client: s3, bucket } = deps().storage;
    expect((await headObject(s3, { bucket, key: file.key }))?.etag).toBe(file.etag);
    expect(Buffer.from(await readFirstBytes(s3, { bucket, key: file.key, bytes: 8 }))).toEqual(PNG.subarray(0, 8));
    expect(await leftovers(stack, user)).toEqual({ sessions: 1, files: 1, multipartUploads: 0, objects: 1 });
  });

  it("an empty file completes as a one-part multipart upload too", async () => {
    const client = await stack.api.client(freshUser("b2-empty"));
    const created = await client.upload.create.mutate({ name: "empty.txt", size: 0, type: "text/plain" });
    expect(created).toMatchObject({ strategy: "multipart", partCount: 1 });
    const [part] = (await client.upload.signParts.mutate({ uploadId: created.uploadId, parts: [{ partNumber: 1 }] })).parts;
    expect((await putSigned(part!, Buffer.alloc(0))).status).toBe(200);
    expect((await client.upload.complete.mutate({ uploadId: created.uploadId })).file.size).toBe(0);
  });
});
