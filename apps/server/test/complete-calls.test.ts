import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshUser } from "./support/bad-input-leftovers";
import { partFloor } from "./support/harness";
import { putSigned } from "./support/http";
import { startStack } from "./support/matrix";
import type { Stack } from "./support/matrix";
import { storageCalls } from "./support/storage-calls";
import { putParts, testBytes } from "./support/upload";

// One HeadObject gives a complete both the ETag it records and the size it checks; asking twice doubles the
// storage round trips of every complete. `ceph` answers Complete without an ETag, so it is read back there too.
describe.each(["local", "ceph"] as const)("storage calls of upload.complete (%s profile, pglite)", (provider) => {
  let stack: Stack;
  const heads = (calls: string[]) => calls.filter((name) => name === "HeadObjectCommand");

  beforeAll(async () => {
    stack = await startStack("pglite", { provider });
  });
  afterAll(() => stack.close());

  it("a multipart complete sends one HeadObject", async () => {
    const client = await stack.api.client(freshUser("calls"));
    const bytes = testBytes(partFloor(stack.s3) * 2 + 5);
    const created = await client.upload.create.mutate({ name: "m.bin", size: bytes.length, type: "application/octet-stream" });
    await putParts(client, created, bytes);
    const calls = await storageCalls(stack.api.server.deps.storage.client, async () => {
      expect((await client.upload.complete.mutate({ uploadId: created.uploadId })).file.size).toBe(bytes.length);
    });
    expect(calls).toContain("CompleteMultipartUploadCommand");
    expect(heads(calls)).toHaveLength(1);
  });

  it("a single-PUT complete sends one HeadObject", async () => {
    const client = await stack.api.client(freshUser("calls"));
    const bytes = testBytes(10);
    const created = await client.upload.create.mutate({ name: "s.txt", size: bytes.length, type: "text/plain" });
    expect((await putSigned(created.single!, bytes)).status).toBe(200);
    const calls = await storageCalls(stack.api.server.deps.storage.client, async () => {
      expect((await client.upload.complete.mutate({ uploadId: created.uploadId })).file.size).toBe(bytes.length);
    });
    expect(heads(calls)).toHaveLength(1);
  });
});
