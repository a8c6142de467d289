import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { crc64WorkerModule, WORKER_SOURCE_FILE } from "../../build-worker";

describe("the inline CRC64NVME worker", () => {
  it("is crc64-worker.ts as bundled now (else run `pnpm --filter @hoist/client build:worker`)", async () => {
    expect(await readFile(WORKER_SOURCE_FILE, "utf8")).toBe(await crc64WorkerModule());
  });
});
