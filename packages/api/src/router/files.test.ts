import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FileRecord } from "@hoist/contract";
import { putSigned, rejection, startTestApi } from "../../test/support";
import type { Caller, TestApi } from "../../test/support";

/** Every `files.*` procedure through `createCaller`, on PGlite and local-s3. */
describe("files router (createCaller)", () => {
  let api: TestApi;
  let alice: Caller;
  const bytes = randomBytes(300);
  let file: FileRecord;
  beforeAll(async () => {
    api = await startTestApi();
    alice = api.callerFor("alice");
    const created = await alice.upload.create({ name: "report.pdf", size: bytes.length, type: "application/pdf" });
    await putSigned(created.single!, bytes);
    ({ file } = await alice.upload.complete({ uploadId: created.uploadId }));
  });
  afterAll(() => api.close());

  it("list and get: the caller's completed files", async () => {
    expect((await alice.files.list({})).items).toEqual([file]);
    expect(await alice.files.get({ id: file.id })).toEqual(file);
    expect((await api.callerFor("bob").files.list({})).items).toEqual([]);
  });

  it("downloadUrl: a presigned GET answering the stored bytes", async () => {
    const { url, expiresAt } = await alice.files.downloadUrl({ id: file.id, disposition: "inline" });
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("another user's file is NOT_FOUND, like a missing one", async () => {
    const shape = await rejection(api.callerFor("mallory").files.get({ id: file.id }));
    expect(shape.data).toMatchObject({ code: "NOT_FOUND", hoistCode: "NOT_FOUND" });
  });

  it("bad input is BAD_REQUEST with hoistCode INVALID_INPUT", async () => {
    const shape = await rejection(alice.files.list({ limit: 0 }));
    expect(shape.data).toMatchObject({ code: "BAD_REQUEST", hoistCode: "INVALID_INPUT" });
  });

  it("delete: the file is gone from list and get", async () => {
    expect(await alice.files.delete({ id: file.id })).toEqual({ deleted: true });
    expect((await alice.files.list({})).items).toEqual([]);
    expect((await rejection(alice.files.get({ id: file.id }))).data.hoistCode).toBe("NOT_FOUND");
  });
});
