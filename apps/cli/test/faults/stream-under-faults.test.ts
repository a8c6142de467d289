import { createReadStream } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createNodeUploader, fileResumeStore, fromStream } from "@hoist/client/node";
import { FAULTS, MiB, oneMiBParts, RETRY, startFaultStack } from "../support/fault-stack";
import type { FaultStack } from "../support/fault-stack";
import { sha256Of, tempDir, writeRandomFile } from "@hoist/client/testing";

let stack: FaultStack;
let tmp: Awaited<ReturnType<typeof tempDir>>;

beforeAll(async () => {
  stack = await startFaultStack({ proxy: { ...FAULTS, seed: 777 }, routes: oneMiBParts });
  tmp = await tempDir("hoist-faults-stream-");
});
afterAll(async () => {
  // Temp files first: a stack that fails to close must not leave 100 MiB behind.
  await tmp.remove();
  await stack.close();
});

it("a stream source (no seeking: a retry resends the part's buffered bytes) arrives byte-identical through faults", async () => {
  const size = 10 * MiB + 3;
  const path = tmp.path("stream.bin");
  await writeRandomFile(path, size);
  const uploader = createNodeUploader({
    trpc: await stack.api.client("dave"),
    concurrency: 3,
    retry: RETRY,
    resumeStore: fileResumeStore(tmp.path("resume")),
  });
  const handle = uploader.upload(fromStream(createReadStream(path), { size, name: "stream.bin" }));
  const record = await handle.done;

  expect(await stack.storedSha256(record.key)).toBe(await sha256Of(path));
  expect(handle.progress()).toMatchObject({ bytesConfirmed: size, partsDone: 11, partsTotal: 11 });
  expect(stack.proxy.stats.resets + stack.proxy.stats.halfCloses + stack.proxy.stats.slowDowns).toBeGreaterThan(0);
});
