import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getSession, insertSession } from "@hoist/db";
import { partFloor } from "./support/harness";
import { startStack } from "./support/matrix";
import type { Stack } from "./support/matrix";
import { putParts, testBytes } from "./support/upload";

const type = "application/octet-stream";

// A create whose answer was lost (its instance died, the connection was cut) is sent again by the client with the
// same uploadId: it must find the session the first one made, not make a second one nobody completes.
describe("upload.create repeated with the client's uploadId", () => {
  let stack: Stack;
  const deps = () => stack.api.server.deps;
  beforeAll(async () => {
    stack = await startStack("pglite");
  });
  afterAll(() => stack.close());

  it("returns the same session and plan, and the user has one session, not two", async () => {
    const client = await stack.api.client("repeat-user");
    const bytes = testBytes(partFloor(stack.s3) * 2 + 5);
    const input = { uploadId: randomUUID(), name: "again.bin", size: bytes.length, type };
    const first = await client.upload.create.mutate(input);
    const again = await client.upload.create.mutate(input);
    expect(first.uploadId).toBe(input.uploadId);
    expect({ ...again, single: undefined }).toEqual({ ...first, single: undefined });
    expect((await client.upload.list.query({})).items.map((s) => s.uploadId)).toEqual([input.uploadId]);
    await putParts(client, again, bytes);
    expect((await client.upload.complete.mutate({ uploadId: input.uploadId })).file.size).toBe(bytes.length);
  });

  it("starts the storage upload a first create recorded but never started (it died in between)", async () => {
    const client = await stack.api.client("repeat-user-2");
    const bytes = testBytes(partFloor(stack.s3) + 9);
    const made = await client.upload.create.mutate({ name: "model.bin", size: bytes.length, type });
    const row = (await getSession(deps().db, made.uploadId))!;
    const uploadId = randomUUID();
    await insertSession(deps().db, { ...row, id: uploadId, key: `${row.key}-crashed`, s3UploadId: null });
    const again = await client.upload.create.mutate({ uploadId, name: row.name, size: row.size, type });
    expect(again).toMatchObject({ uploadId, strategy: "multipart" });
    expect((await getSession(deps().db, uploadId))?.s3UploadId).toEqual(expect.any(String));
    await putParts(client, again, bytes);
    expect((await client.upload.complete.mutate({ uploadId })).file.id).toBe(uploadId);
  });

  it("refuses an uploadId taken by another file or another user, and one that is not a UUID, with INVALID_INPUT", async () => {
    const owner = await stack.api.client("repeat-owner");
    const other = await stack.api.client("repeat-other");
    const input = { uploadId: randomUUID(), name: "mine.bin", size: 10, type };
    await owner.upload.create.mutate(input);
    for (const [client, changed] of [[owner, { ...input, size: 11 }], [other, input], [owner, { ...input, uploadId: "not-a-uuid" }]] as const) {
      const error = (await client.upload.create.mutate(changed).catch((e: unknown) => e)) as { message: string; data?: unknown };
      expect(error.data).toMatchObject({ code: "BAD_REQUEST", hoistCode: "INVALID_INPUT" });
      expect(error.message).toMatch(/uploadId/);
    }
    expect((await other.upload.list.query({})).items).toEqual([]);
  });
});
