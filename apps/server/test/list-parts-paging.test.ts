import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineRoutes } from "@hoist/api";
import { startStack } from "./support/matrix";
import { s3Provider } from "./support/s3-target";
import type { Stack } from "./support/matrix";
import { putParts, testBytes } from "./support/upload";

// 1,001+ parts of 1 byte: storage only refuses small parts at complete, and only local-s3 can be told not to.
describe("upload.listParts pages past 1,000 parts", () => {
  let stack: Stack;
  const PARTS = 1_003;

  beforeAll(async () => {
    stack = await startStack("pglite", {
      routes: () => defineRoutes({ default: { maxSize: "1GB", types: ["*/*"], minPartSize: 1 } }),
      api: { signBatchMax: 1_000 },
    });
  });
  afterAll(() => stack.close());

  it("lists every part once, in order, across pages with a cursor", async () => {
    const client = await stack.api.client("pager");
    const bytes = testBytes(PARTS);
    const created = await client.upload.create.mutate({ name: "many.bin", size: PARTS, type: "application/octet-stream" });
    expect(created.partCount).toBe(PARTS);
    await putParts(client, created, bytes, { batch: 1_000 });
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await client.upload.listParts.query({ uploadId: created.uploadId, ...(cursor && { cursor }) });
      seen.push(...page.parts.map((part) => part.partNumber));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== undefined);
    expect(pages).toBe(2);
    expect(seen).toEqual(Array.from({ length: PARTS }, (_, i) => i + 1));
    const session = await client.upload.get.query({ uploadId: created.uploadId });
    expect(session.bytesConfirmed).toBe(PARTS);
  });

  it.skipIf(s3Provider !== "local")("completes a 1,003-part upload (1-byte parts: only local-s3 allows them)", async () => {
    const client = await stack.api.client("pager");
    const created = await client.upload.create.mutate({ name: "many2.bin", size: PARTS, type: "application/octet-stream" });
    await putParts(client, created, testBytes(PARTS), { batch: 1_000 });
    const { file } = await client.upload.complete.mutate({ uploadId: created.uploadId });
    expect(file.size).toBe(PARTS);
  });
});
