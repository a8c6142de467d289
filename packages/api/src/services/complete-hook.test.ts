import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FileRecord } from "@hoist/contract";
import { putSigned, routesWithFloor, startTestApi, TEST_PART_FLOOR } from "../../test/support";
import type { TestApi } from "../../test/support";

// The route's onComplete hook: how code in the server process learns of a file (services outside use files.onCompleted).
describe("route onComplete hook", () => {
  let api: TestApi;
  const calls: { file: FileRecord; user: string }[] = [];
  beforeAll(async () => {
    const routes = routesWithFloor(TEST_PART_FLOOR, {
      hooked: {
        maxSize: "1MB",
        types: ["*/*"],
        minPartSize: TEST_PART_FLOOR,
        onComplete: (file, ctx) => {
          calls.push({ file, user: ctx.user.id });
        },
      },
    });
    api = await startTestApi({ routes });
  });
  afterAll(() => api.close());

  it("is called once per completed file with its record and user, not again on a repeated complete", async () => {
    const alice = api.callerFor("alice");
    const bytes = randomBytes(100);
    const created = await alice.upload.create({ route: "hooked", name: "h.bin", size: bytes.length, type: "application/octet-stream" });
    if (created.single === undefined) throw new Error("expected a single PUT");
    await putSigned(created.single, bytes);
    const { file } = await alice.upload.complete({ uploadId: created.uploadId });
    const again = await alice.upload.complete({ uploadId: created.uploadId });
    expect(again.file).toEqual(file);
    expect(calls).toEqual([{ file, user: "alice" }]);
  });

  it("is not called for another route's files", async () => {
    const before = calls.length;
    const bytes = randomBytes(10);
    const alice = api.callerFor("alice");
    const created = await alice.upload.create({ name: "d.bin", size: bytes.length, type: "application/octet-stream" });
    if (created.single === undefined) throw new Error("expected a single PUT");
    await putSigned(created.single, bytes);
    await alice.upload.complete({ uploadId: created.uploadId });
    expect(calls).toHaveLength(before);
  });
});
