import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoutePolicy } from "@hoist/api";
import { expectHoistError } from "../support/bad-input-expect";
import { freshUser, leftovers, sessionRow } from "../support/bad-input-leftovers";
import { partFloor, testRoutes } from "../support/harness";
import { DATABASES, startStack } from "../support/matrix";
import type { Stack } from "../support/matrix";
import { putParts, testBytes, uploadFile } from "../support/upload";

// Route policy is checked on every call that signs or records, not only at create. Routes are code: the running
// server reads this table on each call, so taking a user out of `allow` or deleting a route stands for a redeploy.
describe.each(DATABASES)("bad input: route policy checked again after create (%s)", (database) => {
  let stack: Stack;
  const revoked = new Set<string>();
  let table: Record<string, RoutePolicy>;

  beforeAll(async () => {
    stack = await startStack(database, {
      routes: (s3) => {
        const minPartSize = partFloor(s3);
        table = { ...testRoutes(s3, {
          team: { maxSize: "1GB", types: ["*/*"], minPartSize, allow: (user) => !revoked.has(user.id) },
          retired: { maxSize: "1GB", types: ["*/*"], minPartSize },
        }) };
        return table;
      },
    });
  });
  afterAll(() => stack.close());

  /** A user with a half-sent multipart upload and a finished file on `route`. */
  const started = async (route: string) => {
    const user = freshUser(route);
    const client = await stack.api.client(user);
    const bytes = testBytes(partFloor(stack.s3) * 2);
    const created = await client.upload.create.mutate({ route, name: "m.bin", size: bytes.length, type: "application/octet-stream" });
    await putParts(client, created, bytes, { skip: [2] });
    const { record } = await uploadFile(client, { route, name: "done.txt", type: "text/plain", bytes: testBytes(10) });
    return { user, client, created, record };
  };

  it("a user taken out of the route's allow: signParts, complete and downloadUrl are FORBIDDEN, nothing changes", async () => {
    const { user, client, created, record } = await started("team");
    revoked.add(user);
    const before = await leftovers(stack, user);
    const sign = await expectHoistError(client.upload.signParts.mutate({ uploadId: created.uploadId, parts: [{ partNumber: 2 }] }), "FORBIDDEN", "FORBIDDEN");
    expect(sign.message).toContain('"team"');
    await expectHoistError(client.upload.complete.mutate({ uploadId: created.uploadId }), "FORBIDDEN", "FORBIDDEN");
    await expectHoistError(client.files.downloadUrl.mutate({ id: record.id }), "FORBIDDEN", "FORBIDDEN");
    expect((await sessionRow(stack, created.uploadId)).status).toBe("uploading");
    expect(await leftovers(stack, user)).toEqual(before);
  });

  it("a route deleted since create: FORBIDDEN saying it no longer exists, not the default route's looser checks", async () => {
    const { user, client, created, record } = await started("retired");
    const retired = table.retired;
    delete table.retired;
    try {
      const sign = await expectHoistError(client.upload.signParts.mutate({ uploadId: created.uploadId, parts: [{ partNumber: 2 }] }), "FORBIDDEN", "FORBIDDEN");
      expect(sign.message).toContain('"retired" no longer exists');
      await expectHoistError(client.upload.complete.mutate({ uploadId: created.uploadId }), "FORBIDDEN", "FORBIDDEN");
      await expectHoistError(client.files.downloadUrl.mutate({ id: record.id }), "FORBIDDEN", "FORBIDDEN");
      expect((await sessionRow(stack, created.uploadId)).status).toBe("uploading");
      expect((await leftovers(stack, user)).files).toBe(1);
    } finally {
      table.retired = retired!;
    }
  });
});
