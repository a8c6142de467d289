import { describe, expect, it } from "vitest";
import { createNodeUploader, fromPath } from "@hoist/client/node";
import type { UploadError } from "@hoist/client";
import { partFloor, S3_MAX_ATTEMPTS as SDK_ATTEMPTS } from "@hoist/server/testing";
import { independentCrc64 } from "../support";
import { storedSha256 } from "./engine-kit";
import { pendingUploads, recordingClient, S3_CALLS, SKIP_REASON, slowDownEnv, testFile } from "./slowdown-kit";

// Retry budgets a burst must outlast: the server's SDK tries each S3 call SDK_ATTEMPTS times, and the client
// retries an API call that failed with INTERNAL for `apiRetry.budgetMs` (short here: the default 30 s would only
// make the test slow); each part PUT gets `attempts` tries.
const API_RETRY = { budgetMs: 1_500, baseDelayMs: 50, maxDelayMs: 200 };
const PART_ATTEMPTS = 3;
const THROTTLED = /^storage is throttling requests \(503 SlowDown\)/;

describe.skipIf(SKIP_REASON !== undefined)(`engine: a SlowDown burst longer than every retry budget${SKIP_REASON ? ` (skipped: ${SKIP_REASON})` : ""}`, () => {
  const env = slowDownEnv();

  it("at upload.create: the upload fails with an UploadError naming storage throttling, and no session or upload is left", async () => {
    const { path } = await testFile(env, "create-outage.bin", partFloor(env.stack.s3) * 3 + 1);
    const { trpc, serverErrors } = await recordingClient(env.stack, "outage-create");
    const burst = env.burst({ startsAt: S3_CALLS.createMultipartUpload });
    const uploader = createNodeUploader({ trpc, transport: env.transport, resumeStore: false, apiRetry: API_RETRY });
    const error = (await uploader.upload(await fromPath(path)).done.catch((e: unknown) => e)) as UploadError;
    burst.end();
    expect(error.name).toBe("UploadError");
    expect(error.code).toBe("INTERNAL");
    expect(error.message).toMatch(THROTTLED);
    // Every API attempt (the client retried: more than one) asked storage SDK_ATTEMPTS times, all refused.
    expect(serverErrors.length).toBeGreaterThan(1);
    expect(burst.served).toBe(SDK_ATTEMPTS * serverErrors.length);
    expect((await trpc.upload.list.query({})).items).toEqual([]);
    expect(await pendingUploads(env.stack, "default/outage-create/")).toBe(0);
  });

  it("at upload.complete: the upload fails naming storage throttling, and completing again once storage recovers records the file", async () => {
    const { path, digest } = await testFile(env, "complete-outage.bin", partFloor(env.stack.s3) * 2 + 3);
    const { trpc } = await recordingClient(env.stack, "outage-complete");
    const burst = env.burst({ startsAt: S3_CALLS.listParts });
    const uploader = createNodeUploader({ trpc, transport: env.transport, resumeStore: false, apiRetry: API_RETRY });
    const handle = uploader.upload(await fromPath(path));
    const error = (await handle.done.catch((e: unknown) => e)) as UploadError;
    burst.end();
    expect(error.code).toBe("INTERNAL");
    expect(error.message).toMatch(THROTTLED);
    expect(error.uploadId).toBe(handle.uploadId);
    expect(burst.served).toBeGreaterThan(SDK_ATTEMPTS); // the client asked again, and storage still refused
    expect(burst.served % SDK_ATTEMPTS).toBe(0);
    // The session is crc64nvme (the default): completing it by hand needs the whole file's value.
    const { file } = await trpc.upload.complete.mutate({ uploadId: error.uploadId!, checksum: await independentCrc64(path) });
    expect(await storedSha256(env.stack, file.key)).toBe(digest);
  });

  it.each([
    ["multipart", 4] as const,
    ["single", 0] as const,
  ])("at part PUTs (%s): PART_FAILED naming SlowDown after the part's attempts, and the session resumes once storage recovers", async (kind, parts) => {
    const floor = partFloor(env.stack.s3);
    const { path, digest } = await testFile(env, `put-outage-${kind}.bin`, parts === 0 ? 321 : floor * parts + 9);
    const { trpc } = await recordingClient(env.stack, `outage-put-${kind}`);
    const burst = env.burst({ startsAt: S3_CALLS.partPut });
    const options = { trpc, transport: env.transport, resumeStore: false as const, concurrency: 1, retry: { attempts: PART_ATTEMPTS } };
    const handle = createNodeUploader(options).upload(await fromPath(path));
    const error = (await handle.done.catch((e: unknown) => e)) as UploadError;
    burst.end();
    expect(error.code).toBe("PART_FAILED");
    expect(error.message).toContain(`storage answered 503 (SlowDown: Please reduce your request rate.) (${PART_ATTEMPTS} attempts)`);
    expect(burst.served).toBe(PART_ATTEMPTS); // one part at a time, and none starts after the first failed
    const file = await createNodeUploader(options).upload(await fromPath(path), { resumeUploadId: error.uploadId! }).done;
    expect(await storedSha256(env.stack, file.key)).toBe(digest);
  });
});
