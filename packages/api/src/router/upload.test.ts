import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { putSigned, rejection, startTestApi, TEST_PART_FLOOR } from "../../test/support";
import type { Caller, TestApi } from "../../test/support";

/** Every `upload.*` procedure through `createCaller`, on PGlite and local-s3. */
describe("upload router (createCaller)", () => {
  let api: TestApi;
  let alice: Caller;
  beforeAll(async () => {
    api = await startTestApi();
    alice = api.callerFor("alice");
  });
  afterAll(() => api.close());

  const multipart = (name = "big.bin") =>
    alice.upload.create({ name, size: TEST_PART_FLOOR * 3 + 123, type: "application/octet-stream" });

  it("routes: the caller's routes with their limits", async () => {
    const { routes } = await alice.upload.routes({});
    expect(routes.map((r) => r.name).sort()).toEqual(["default", "image"]);
    expect(routes.find((r) => r.name === "image")).toMatchObject({ maxSize: 20 * 1024 * 1024, types: ["image/*"] });
  });

  it("single: create answers one presigned PUT; complete records the file; files.list and files.get show it", async () => {
    const bytes = randomBytes(700);
    const created = await alice.upload.create({ name: "notes.txt", size: bytes.length, type: "text/plain" });
    expect(created).toMatchObject({ strategy: "single", partCount: 1 });
    await putSigned(created.single!, bytes);
    const { file } = await alice.upload.complete({ uploadId: created.uploadId });
    expect(file).toMatchObject({ id: created.uploadId, name: "notes.txt", size: 700, type: "text/plain", route: "default" });
    expect(await alice.files.get({ id: file.id })).toEqual(file);
    expect((await alice.files.list({})).items).toContainEqual(file);
    expect((await alice.upload.get({ uploadId: created.uploadId })).status).toBe("complete");
  });

  it("multipart: signParts, PUTs, listParts and get see the parts; complete from storage's part list", async () => {
    const created = await multipart();
    expect(created).toMatchObject({ strategy: "multipart", partSize: TEST_PART_FLOOR, partCount: 4 });
    const bytes = randomBytes(TEST_PART_FLOOR * 3 + 123);
    const { parts } = await alice.upload.signParts({ uploadId: created.uploadId, parts: [1, 2, 3, 4].map((partNumber) => ({ partNumber })) });
    expect(parts.map((p) => p.partNumber)).toEqual([1, 2, 3, 4]);
    const etags = await Promise.all(
      parts.map((p) => putSigned(p, bytes.subarray((p.partNumber - 1) * TEST_PART_FLOOR, p.partNumber * TEST_PART_FLOOR))),
    );
    const listed = await alice.upload.listParts({ uploadId: created.uploadId });
    expect(listed.parts.map(({ partNumber, size, etag }) => ({ partNumber, size, etag }))).toEqual(
      etags.map((etag, i) => ({ partNumber: i + 1, size: i === 3 ? 123 : TEST_PART_FLOOR, etag })),
    );
    expect(await alice.upload.get({ uploadId: created.uploadId })).toMatchObject({ status: "uploading", bytesConfirmed: bytes.length });
    const { file } = await alice.upload.complete({ uploadId: created.uploadId });
    expect(file.size).toBe(bytes.length);
    expect(await alice.files.get({ id: file.id })).toEqual(file);
  });

  it("list: the caller's open sessions, for resuming elsewhere", async () => {
    const created = await multipart("open.bin");
    const { items } = await alice.upload.list({ status: "uploading" });
    expect(items.map((s) => s.uploadId)).toContain(created.uploadId);
    expect(items.every((s) => s.status === "uploading")).toBe(true);
  });

  it("abort: the session is aborted and drops out of the open list", async () => {
    const created = await multipart("dropped.bin");
    expect(await alice.upload.abort({ uploadId: created.uploadId })).toEqual({ status: "aborted" });
    expect((await alice.upload.get({ uploadId: created.uploadId })).status).toBe("aborted");
    expect((await alice.upload.list({ status: "uploading" })).items.map((s) => s.uploadId)).not.toContain(created.uploadId);
  });

  it("another user's upload is NOT_FOUND, like a missing one", async () => {
    const created = await multipart("mine.bin");
    const shape = await rejection(api.callerFor("mallory").upload.get({ uploadId: created.uploadId }));
    expect(shape.data).toMatchObject({ code: "NOT_FOUND", hoistCode: "NOT_FOUND" });
  });

  it("bad input is BAD_REQUEST with hoistCode INVALID_INPUT and the fields in zodError", async () => {
    const shape = await rejection(alice.upload.create({ name: "", size: -1, type: "text/plain" }));
    expect(shape.data).toMatchObject({ code: "BAD_REQUEST", hoistCode: "INVALID_INPUT" });
    expect(Object.keys(shape.data.zodError?.fieldErrors ?? {}).sort()).toEqual(["name", "size"]);
  });

  // Last: it moves the shared clock past every session's TTL (24 h by default).
  it("an expired session is PRECONDITION_FAILED (SESSION_EXPIRED) for signParts", async () => {
    const created = await multipart("late.bin");
    api.clock.advance(25 * 3600 * 1000);
    const shape = await rejection(alice.upload.signParts({ uploadId: created.uploadId, parts: [{ partNumber: 1 }] }));
    expect(shape.data).toMatchObject({ code: "PRECONDITION_FAILED", hoistCode: "SESSION_EXPIRED" });
  });
});
