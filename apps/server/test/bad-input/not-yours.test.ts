import { randomUUID } from "node:crypto";
import type { TRPCClient } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppRouter } from "@hoist/api";
import { headObject } from "@hoist/s3-core";
import { expectHoistError } from "../support/bad-input-expect";
import { freshUser, leftovers, nothingLeft, sessionRow } from "../support/bad-input-leftovers";
import { partFloor } from "../support/harness";
import { DATABASES, startStack } from "../support/matrix";
import type { Stack } from "../support/matrix";
import { putParts, testBytes, uploadFile } from "../support/upload";

type Client = TRPCClient<AppRouter>;

/** Every procedure that takes an upload id or a file id, called with `id` by `client`. */
const uploadCalls: [string, (client: Client, id: string) => Promise<unknown>][] = [
  ["upload.signParts", (c, id) => c.upload.signParts.mutate({ uploadId: id, parts: [{ partNumber: 2 }] })],
  ["upload.complete", (c, id) => c.upload.complete.mutate({ uploadId: id })],
  ["upload.abort", (c, id) => c.upload.abort.mutate({ uploadId: id })],
  ["upload.listParts", (c, id) => c.upload.listParts.query({ uploadId: id })],
  ["upload.get", (c, id) => c.upload.get.query({ uploadId: id })],
];
const fileCalls: [string, (client: Client, id: string) => Promise<unknown>][] = [
  ["files.get", (c, id) => c.files.get.query({ id })],
  ["files.downloadUrl", (c, id) => c.files.downloadUrl.mutate({ id })],
  ["files.delete", (c, id) => c.files.delete.mutate({ id })],
];

// Another user's id is answered exactly like an unknown one, and the owner's upload or file is not touched.
describe.each(DATABASES)("bad input: ids that are unknown or someone else's (%s)", (database) => {
  let stack: Stack;
  const owner = freshUser("owner");
  const intruder = freshUser("intruder");
  let uploadId: string;
  let file: { id: string; key: string };
  let ownerClient: Client;
  let intruderClient: Client;

  beforeAll(async () => {
    stack = await startStack(database);
    ownerClient = await stack.api.client(owner);
    intruderClient = await stack.api.client(intruder);
    const bytes = testBytes(partFloor(stack.s3) * 3);
    const created = await ownerClient.upload.create.mutate({ name: "mine.bin", size: bytes.length, type: "application/octet-stream" });
    await putParts(ownerClient, created, bytes, { skip: [2, 3] });
    uploadId = created.uploadId;
    ({ record: file } = await uploadFile(ownerClient, { name: "mine.txt", type: "text/plain", bytes: testBytes(32) }));
  });
  afterAll(() => stack.close());

  /** The owner's upload still has its part and status, its file its row and object; the intruder has nothing. */
  const expectOwnerUntouched = async () => {
    expect((await sessionRow(stack, uploadId)).status).toBe("uploading");
    expect((await ownerClient.upload.listParts.query({ uploadId })).parts.map((p) => p.partNumber)).toEqual([1]);
    expect((await ownerClient.files.get.query({ id: file.id })).id).toBe(file.id);
    const { client, bucket } = stack.api.server.deps.storage;
    expect((await headObject(client, { bucket, key: file.key }))?.size).toBe(32);
    expect(await leftovers(stack, intruder)).toEqual(nothingLeft());
  };

  /** The message names the id asked for and nothing about the owner; the two answers differ only in the id. */
  const sameAnswer = (mine: string, unknown: string, unknownId: string) => {
    expect(mine).not.toContain(owner);
    expect(mine.replace(uploadId, "ID").replace(file.id, "ID")).toBe(unknown.replace(unknownId, "ID"));
  };

  it.each(uploadCalls)("%s on an unknown id and on another user's upload: NOT_FOUND alike", async (_name, call) => {
    const unknownId = randomUUID();
    const unknown = await expectHoistError(call(intruderClient, unknownId), "NOT_FOUND", "NOT_FOUND");
    expect(unknown.message).toContain(unknownId);
    const theirs = await expectHoistError(call(intruderClient, uploadId), "NOT_FOUND", "NOT_FOUND");
    sameAnswer(theirs.message, unknown.message, unknownId);
    await expectOwnerUntouched();
  });

  it.each(fileCalls)("%s on an unknown id and on another user's file: NOT_FOUND alike", async (_name, call) => {
    const unknownId = randomUUID();
    const unknown = await expectHoistError(call(intruderClient, unknownId), "NOT_FOUND", "NOT_FOUND");
    const theirs = await expectHoistError(call(intruderClient, file.id), "NOT_FOUND", "NOT_FOUND");
    sameAnswer(theirs.message, unknown.message, unknownId);
    await expectOwnerUntouched();
  });

  it("an upload id is not a file id, nor the other way round, even for the owner", async () => {
    await expectHoistError(ownerClient.files.get.query({ id: uploadId }), "NOT_FOUND", "NOT_FOUND");
    await expectHoistError(ownerClient.files.delete.mutate({ id: uploadId }), "NOT_FOUND", "NOT_FOUND");
    await expectOwnerUntouched();
  });

  it("another user's sessions and files never show in the intruder's lists", async () => {
    expect((await intruderClient.upload.list.query({})).items).toEqual([]);
    expect((await intruderClient.files.list.query({})).items).toEqual([]);
    await expectOwnerUntouched();
  });
});
