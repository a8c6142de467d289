import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createNodeUploader, fromPath } from "@hoist/client/node";
import { MiB } from "@hoist/contract";
import { testRoutes } from "@hoist/server/testing";
import { countingClient, engineStack, storedSha256, watchTransport, writeTestFile } from "./engine-kit";

const SIZE = 200 * MiB;

describe("engine: a 200 MiB file with S3's own 5 MiB part floor", () => {
  const env = engineStack({ routes: (s3) => testRoutes(s3, { default: { maxSize: "5TB", types: ["*/*"], minPartSize: 5 * MiB } }) });

  it("arrives byte-identical in 40 parts, 8 at a time, with 3 API round trips", async () => {
    const path = join(env.temp.dir, "big.bin");
    const digest = await writeTestFile(path, SIZE);
    const { trpc, calls } = await countingClient(env.stack, "alice");
    const watched = watchTransport(env.transport);
    const uploader = createNodeUploader({ trpc, transport: watched.transport, resumeStore: false, checksum: "none" });
    const started = performance.now();
    const rss: number[] = [];
    const file = await uploader.upload(await fromPath(path), { onProgress: () => rss.push(process.memoryUsage().rss) }).done;
    const seconds = (performance.now() - started) / 1000;
    console.log(`200 MiB upload: ${seconds.toFixed(2)} s (${(200 / seconds).toFixed(0)} MiB/s), peak RSS ${(Math.max(...rss) / MiB).toFixed(0)} MiB`);
    expect(file.size).toBe(SIZE);
    expect(watched.stats.puts).toBe(40);
    expect(watched.stats.maxInFlight).toBeLessThanOrEqual(8);
    expect(calls).toEqual(["upload.create", "upload.signParts", "upload.complete"]);
    expect(await storedSha256(env.stack, file.key)).toBe(digest);
  }, 180_000);
});
