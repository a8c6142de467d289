import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeUploader, fromPath, nodeHttpTransport } from "@hoist/client/node";
import { MiB } from "@hoist/contract";
import { startStack, testRoutes } from "@hoist/server/testing";
import type { Stack } from "@hoist/server/testing";
import { countingClient, storedSha256, tempDir, watchTransport, writeTestFile } from "./engine-kit";

const SIZE = 200 * MiB;

describe("engine: a 200 MiB file with S3's own 5 MiB part floor", () => {
  let stack: Stack;
  let temp: Awaited<ReturnType<typeof tempDir>>;
  const transport = nodeHttpTransport({ sockets: 16 }); // the Node default
  beforeAll(async () => {
    stack = await startStack("pglite", {
      routes: (s3) => testRoutes(s3, { default: { maxSize: "5TB", types: ["*/*"], minPartSize: 5 * MiB } }),
    });
    temp = await tempDir();
  });
  afterAll(async () => {
    await transport.close();
    await stack.close();
    await temp.cleanup();
  });

  it("arrives byte-identical in 40 parts, 8 at a time, with 3 API round trips", async () => {
    const path = join(temp.dir, "big.bin");
    const digest = await writeTestFile(path, SIZE);
    const { trpc, calls } = await countingClient(stack, "alice");
    const watched = watchTransport(transport);
    const uploader = createNodeUploader({ trpc, transport: watched.transport, resumeStore: false });
    const started = performance.now();
    const rss: number[] = [];
    const file = await uploader.upload(await fromPath(path), { onProgress: () => rss.push(process.memoryUsage().rss) }).done;
    const seconds = (performance.now() - started) / 1000;
    console.log(`200 MiB upload: ${seconds.toFixed(2)} s (${(200 / seconds).toFixed(0)} MiB/s), peak RSS ${(Math.max(...rss) / MiB).toFixed(0)} MiB`);
    expect(file.size).toBe(SIZE);
    expect(watched.stats.puts).toBe(40);
    expect(watched.stats.maxInFlight).toBeLessThanOrEqual(8);
    expect(calls).toEqual(["upload.create", "upload.signParts", "upload.complete"]);
    expect(await storedSha256(stack, file.key)).toBe(digest);
  }, 180_000);
});
