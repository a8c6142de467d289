import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { headObject } from "@hoist/s3-core";
import { rawRequest } from "@hoist/local-s3/testing";
import { putSigned } from "./support/http";
import { DATABASES, startStack } from "./support/matrix";
import type { Stack } from "./support/matrix";
import { partFloor } from "./support/harness";
import { putParts, sha256, testBytes, uploadFile } from "./support/upload";

describe.each(DATABASES)("upload flows (%s)", (database) => {
  let stack: Stack;
  const storage = () => stack.api.server.deps.storage;
  const head = (key: string) => headObject(storage().client, { bucket: storage().bucket, key });

  beforeAll(async () => {
    stack = await startStack(database);
  });
  afterAll(() => stack.close());

  it("single PUT: create, PUT to the presigned URL, complete, record matches the stored object", async () => {
    const client = await stack.api.client("alice");
    const bytes = testBytes(700);
    const { created, record } = await uploadFile(client, { name: "notes.txt", type: "text/plain", bytes });
    expect(created.strategy).toBe("single");
    expect(record).toMatchObject({ id: created.uploadId, name: "notes.txt", size: 700, type: "text/plain", route: "default" });
    expect((await head(record.key))?.size).toBe(700);
    expect(await client.files.get.query({ id: record.id })).toEqual(record);
  });

  it("multipart: parts PUT with raw HTTP, completed from storage's own part list, bytes identical", async () => {
    const client = await stack.api.client("alice");
    const size = partFloor(stack.s3) * 3 + 123;
    const bytes = testBytes(size);
    const { created, record } = await uploadFile(client, { name: "big.bin", type: "application/octet-stream", bytes });
    expect(created).toMatchObject({ strategy: "multipart", partCount: 4 });
    expect(record.size).toBe(size);
    const { url } = await client.files.downloadUrl.mutate({ id: record.id });
    const got = await rawRequest(url, { method: "GET" });
    expect(got.status).toBe(200);
    expect(sha256(got.body)).toBe(sha256(bytes));
  });

  it("the single-PUT URL cannot swap the bytes after they were verified (signed If-None-Match: *)", async () => {
    const client = await stack.api.client("alice");
    const png = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
    const { created, record } = await uploadFile(client, { name: "p.png", type: "image/png", bytes: png, route: "image" });
    const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n"), testBytes(png.length - 9)]);
    const again = await putSigned(created.single!, pdf);
    expect(again.status).toBe(412);
    const { url } = await client.files.downloadUrl.mutate({ id: record.id });
    expect(sha256((await rawRequest(url, { method: "GET" })).body)).toBe(sha256(png));
  });

  it("a repeated complete returns the same record", async () => {
    const client = await stack.api.client("alice");
    const { created, record } = await uploadFile(client, { name: "twice.txt", type: "text/plain", bytes: testBytes(10) });
    const again = await client.upload.complete.mutate({ uploadId: created.uploadId });
    expect(again.file).toEqual(record);
    expect((await client.upload.get.query({ uploadId: created.uploadId })).status).toBe("complete");
  });

  it("upload.get and upload.list show progress so another device can resume", async () => {
    const client = await stack.api.client("bob");
    const floor = partFloor(stack.s3);
    const bytes = testBytes(floor * 2 + 5);
    const created = await client.upload.create.mutate({ name: "half.bin", size: bytes.length, type: "application/octet-stream" });
    await putParts(client, created, bytes, { skip: [2, 3] });
    const session = await client.upload.get.query({ uploadId: created.uploadId });
    expect(session).toMatchObject({ status: "uploading", bytesConfirmed: floor, partCount: 3 });
    const listed = await client.upload.list.query({ status: "uploading" });
    expect(listed.items.map((s) => s.uploadId)).toContain(created.uploadId);
    const parts = await client.upload.listParts.query({ uploadId: created.uploadId });
    expect(parts.parts.map((p) => p.partNumber)).toEqual([1]);
  });

  it("abort ends the session and frees the parts in storage", async () => {
    const client = await stack.api.client("alice");
    const bytes = testBytes(partFloor(stack.s3) * 2);
    const created = await client.upload.create.mutate({ name: "gone.bin", size: bytes.length, type: "application/octet-stream" });
    await putParts(client, created, bytes, { skip: [2] });
    expect(await client.upload.abort.mutate({ uploadId: created.uploadId })).toEqual({ status: "aborted" });
    expect(await client.upload.abort.mutate({ uploadId: created.uploadId })).toEqual({ status: "aborted" });
    expect((await client.upload.listParts.query({ uploadId: created.uploadId })).parts).toEqual([]);
    expect((await client.upload.get.query({ uploadId: created.uploadId })).status).toBe("aborted");
    expect(await head(created.key)).toBeUndefined();
  });

  it("files: list (cursor-paged), download URL with the original name, delete removes object and record", async () => {
    const client = await stack.api.client("carol");
    const names = ["a.txt", "b.txt", "résumé «final».txt"];
    for (const name of names) await uploadFile(client, { name, type: "text/plain", bytes: testBytes(20) });
    const first = await client.files.list.query({ limit: 2 });
    expect(first.items).toHaveLength(2);
    const second = await client.files.list.query({ limit: 2, cursor: first.nextCursor });
    expect(second.nextCursor).toBeUndefined();
    const all = [...first.items, ...second.items];
    expect(all.map((f) => f.name).sort()).toEqual([...names].sort());
    const fancy = all.find((f) => f.name.startsWith("résumé"))!;
    const { url } = await client.files.downloadUrl.mutate({ id: fancy.id, disposition: "attachment" });
    const got = await rawRequest(url, { method: "GET" });
    expect(got.headers["content-disposition"]).toContain("filename*=UTF-8''r%C3%A9sum%C3%A9");
    expect(await client.files.delete.mutate({ id: fancy.id })).toEqual({ deleted: true });
    expect(await head(fancy.key)).toBeUndefined();
    await expect(client.files.get.query({ id: fancy.id })).rejects.toMatchObject({ data: { code: "NOT_FOUND" } });
    // Completing the finished upload again cannot bring the deleted file back.
    await expect(client.upload.complete.mutate({ uploadId: fancy.id })).rejects.toMatchObject({
      data: { code: "NOT_FOUND", hoistCode: "NOT_FOUND" },
    });
  });

  it("an image route accepts a real PNG", async () => {
    const client = await stack.api.client("alice");
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1d5b5e80000000049454e44ae426082", "hex");
    const { record } = await uploadFile(client, { name: "dot.png", type: "image/png", bytes: png, route: "image" });
    expect(record).toMatchObject({ route: "image", type: "image/png", size: png.length });
  });

  it("single PUT URL signs the length: a longer body is rejected by storage", async () => {
    const client = await stack.api.client("alice");
    const created = await client.upload.create.mutate({ name: "x.txt", size: 10, type: "text/plain" });
    const res = await putSigned({ ...created.single!, headers: { ...created.single!.headers, "content-length": "11" } }, testBytes(11));
    expect(res.status).toBe(403);
  });
});
