import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeUploader, fromPath, undiciTransport } from "@hoist/client/node";
import { partFloor, startStack } from "@hoist/server/testing";
import type { Stack } from "@hoist/server/testing";
import { countingClient, storedSha256, tempDir, watchTransport, writeTestFile } from "./engine-kit";

describe("engine: uploads end to end", () => {
  let stack: Stack;
  let temp: Awaited<ReturnType<typeof tempDir>>;
  const transport = undiciTransport({ connections: 16 });
  beforeAll(async () => {
    stack = await startStack("pglite");
    temp = await tempDir();
  });
  afterAll(async () => {
    await transport.close();
    await stack.close();
    await temp.cleanup();
  });

  it("uploads a multipart file byte-identical within 3 + ceil(parts/100) round trips", async () => {
    const floor = partFloor(stack.s3);
    const path = join(temp.dir, "multi.bin");
    const digest = await writeTestFile(path, floor * 250 + 17);
    const { trpc, calls } = await countingClient(stack, "alice");
    const watched = watchTransport(transport);
    const uploader = createNodeUploader({ trpc, transport: watched.transport, resumeStore: false, concurrency: 4 });
    const file = await uploader.upload(await fromPath(path)).done;
    expect(file.size).toBe(floor * 250 + 17);
    expect(await storedSha256(stack, file.key)).toBe(digest);
    expect(calls.length).toBeLessThanOrEqual(3 + Math.ceil(251 / 100));
    expect(watched.stats.maxInFlight).toBeLessThanOrEqual(4);
  });
});
