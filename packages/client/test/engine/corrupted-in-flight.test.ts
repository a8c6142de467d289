import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createNodeUploader, createNodeTrpc, fromPath } from "@hoist/client/node";
import type { UploadError } from "@hoist/client";
import { s3Profile, startFaultStack } from "@hoist/server/testing";
import type { FaultStack } from "@hoist/server/testing";
import { engineStack, storedCrc64, storedSha256, watchTransport, writeTestFile } from "./engine-kit";
import { SKIP_REASON } from "./slowdown-kit";

// Storage that does not check CRC64NVME (Ceph RGW) would keep the damaged bytes: nothing here to prove there.
const skip = SKIP_REASON !== undefined || !s3Profile.crc64nvme;

describe.skipIf(skip)("engine: bytes damaged in flight (fault proxy corruptShare)", () => {
  let faults: FaultStack | undefined;
  const env = engineStack({ start: async () => (faults = await startFaultStack({ proxy: { corruptShare: 0.25, seed: 11 } })) });

  it("storage refuses every corrupted part (400 BadDigest), the engine sends it again, the object is byte-identical", async () => {
    const stack = env.stack;
    const path = join(env.temp.dir, "damaged.bin");
    const digest = await writeTestFile(path, env.floor * 30 + 5, 8);
    const trpc = createNodeTrpc({ serverUrl: stack.api.url, token: await stack.api.token("alice") });
    const refusals: string[] = [];
    const watched = watchTransport({
      put: async (req) => {
        const res = await env.transport.put(req);
        if (res.status === 400) refusals.push(/<Code>([^<]*)<\/Code>/.exec(res.errorBody ?? "")?.[1] ?? "");
        return res;
      },
    });
    // Eight attempts: at a 25 % share a part drawn corrupt eight times in a row is not worth a flaky test.
    const uploader = createNodeUploader({ trpc, transport: watched.transport, resumeStore: false, retry: { attempts: 8, baseDelayMs: 1 } });
    const handle = uploader.upload(await fromPath(path));
    const file = await handle.done;
    const corruptions = faults?.proxy.stats.corruptions ?? 0;
    expect(corruptions).toBeGreaterThan(0);
    expect(refusals).toHaveLength(corruptions);
    expect(new Set(refusals)).toEqual(new Set(["BadDigest"]));
    expect(watched.stats.puts).toBe(31 + corruptions);
    expect(handle.progress().bytesRetried).toBeGreaterThan(0);
    expect(await storedSha256(stack, file.key)).toBe(digest);
    expect(file).toMatchObject({ checksum: `crc64nvme:${await storedCrc64(stack, file.key)}`, checksumVerifiedBy: "storage" });
  });
});

describe.skipIf(skip)("engine: bytes damaged on every attempt", () => {
  const env = engineStack({ start: () => startFaultStack({ proxy: { corruptShare: 1 } }) });

  it("fails the part after retry.attempts with an error that says storage refused damaged bytes", async () => {
    const path = join(env.temp.dir, "always-damaged.bin");
    await writeTestFile(path, 100, 9);
    const trpc = createNodeTrpc({ serverUrl: env.stack.api.url, token: await env.stack.api.token("bob") });
    const uploader = createNodeUploader({ trpc, transport: env.transport, resumeStore: false, retry: { attempts: 3, baseDelayMs: 1 } });
    const error = (await uploader.upload(await fromPath(path)).done.catch((e: unknown) => e)) as UploadError;
    expect(error.code).toBe("PART_FAILED");
    expect(error.message).toMatch(/storage answered 400 \(BadDigest: .*\): the bytes were damaged on the way to storage \(3 attempts\)/);
  });
});
