import { describe, expect, it } from "vitest";
import { createNodeUploader, fromPath } from "@hoist/client/node";
import { partFloor, S3_MAX_ATTEMPTS as SDK_ATTEMPTS } from "@hoist/server/testing";
import type { SlowDownBurst } from "@hoist/server/testing";
import { storedSha256 } from "./engine-kit";
import { pendingUploads, recordingClient, S3_CALLS, SKIP_REASON, slowDownEnv, testFile } from "./slowdown-kit";
import type { ServerError } from "./slowdown-kit";

// The SDK in the server tries each S3 call SDK_ATTEMPTS times; a burst one longer outlasts those retries, so the
// API answers INTERNAL and the client's own retry of the procedure has to carry the upload through.

/** The API refused once, with a typed INTERNAL (retryable) whose message names storage throttling. */
function expectOneThrottledAnswer(serverErrors: ServerError[]): void {
  expect(serverErrors.map((e) => [e.status, e.hoistCode])).toEqual([[500, "INTERNAL"]]);
  expect(String(serverErrors[0]?.message)).toMatch(/^storage is throttling requests \(503 SlowDown\)/);
}

describe.skipIf(SKIP_REASON !== undefined)(`engine: storage answering 503 SlowDown in bursts${SKIP_REASON ? ` (skipped: ${SKIP_REASON})` : ""}`, () => {
  const env = slowDownEnv();

  it("several multipart and single-PUT uploads complete byte-identical while bursts refuse part PUTs and the API's S3 calls", async () => {
    const floor = partFloor(env.stack.s3);
    const files = await Promise.all([
      ...[1, 2, 3].map((i) => testFile(env, `multi-${i}.bin`, floor * 4 + 11 * i, i)),
      ...[4, 5].map((i) => testFile(env, `single-${i}.txt`, 100 * i, i)),
    ]);
    // Every 9th request starts a burst of 3, eight times at most, wherever the uploads are by then; two more are
    // aimed at the server's calls so both kinds of caller surely meet one.
    const periodic: SlowDownBurst[] = [];
    let seen = 0;
    env.watch(() => {
      seen += 1;
      if (seen % 9 === 0 && periodic.length < 8) periodic.push(env.burst({ requests: 3 }));
    });
    const aimed = [env.burst({ requests: 2, startsAt: S3_CALLS.createMultipartUpload }), env.burst({ requests: 2, startsAt: S3_CALLS.headObject })];
    const before = env.refused.length;
    const { trpc } = await recordingClient(env.stack, "many");
    const uploader = createNodeUploader({ trpc, transport: env.transport, resumeStore: false, concurrency: 4 });
    const handles = await Promise.all(files.map(async (f) => uploader.upload(await fromPath(f.path))));
    const stored = await Promise.all(handles.map((h) => h.done));
    env.watch(undefined);
    for (const burst of periodic) burst.end(); // one begun by the last requests would refuse the reads below
    for (const [i, file] of stored.entries()) expect(await storedSha256(env.stack, file.key)).toBe(files[i]!.digest);
    expect(stored.filter((f) => f.size < floor)).toHaveLength(2); // two really were single PUTs
    const refused = env.refused.slice(before);
    expect(aimed.map((b) => b.served)).toEqual([2, 2]);
    expect(refused).toHaveLength([...aimed, ...periodic].reduce((sum, b) => sum + b.served, 0));
    expect(refused.length).toBeGreaterThanOrEqual(4 + 3); // the aimed two, and the first periodic one at least
    expect(periodic.length).toBeGreaterThanOrEqual(3);
    expect(refused.some((r) => r.method === "PUT")).toBe(true);
    expect(refused.some((r) => r.method !== "PUT")).toBe(true);
  });

  it("a burst at upload.create that outlasts the SDK's retries: a typed INTERNAL naming throttling, no row left, the retry completes", async () => {
    const { path, digest } = await testFile(env, "create-burst.bin", partFloor(env.stack.s3) * 3 + 5);
    const { trpc, serverErrors } = await recordingClient(env.stack, "creator");
    const burst = env.burst({ requests: SDK_ATTEMPTS + 1, startsAt: S3_CALLS.createMultipartUpload });
    const uploader = createNodeUploader({ trpc, transport: env.transport, resumeStore: false });
    const file = await uploader.upload(await fromPath(path)).done;
    expect(await storedSha256(env.stack, file.key)).toBe(digest);
    expect(burst.served).toBe(SDK_ATTEMPTS + 1);
    expectOneThrottledAnswer(serverErrors);
    // The refused create kept nothing: one session (the completed one) and no multipart upload left in storage.
    const sessions = await trpc.upload.list.query({});
    expect(sessions.items.map((s) => s.status)).toEqual(["complete"]);
    expect(await pendingUploads(env.stack, "default/creator/")).toBe(0);
  });

  const COMPLETE_STEPS = [
    ["ListParts", "multipart", S3_CALLS.listParts],
    ["CompleteMultipartUpload", "multipart", S3_CALLS.completeMultipartUpload],
    ["HeadObject after CompleteMultipartUpload", "multipart", S3_CALLS.headObject],
    ["HeadObject of a single PUT", "single", S3_CALLS.headObject],
  ] as const;

  it.each(COMPLETE_STEPS)("a burst at upload.complete's %s (%s) outlasting the SDK's retries is survived", async (step, kind, startsAt) => {
    const floor = partFloor(env.stack.s3);
    const user = `completer-${step.replaceAll(" ", "-").toLowerCase()}`;
    const { path, digest } = await testFile(env, `${user}.bin`, kind === "multipart" ? floor * 3 + 7 : 777);
    const { trpc, serverErrors } = await recordingClient(env.stack, user);
    // Only complete makes these calls (the client lists parts only to resume), so the burst can wait for them.
    const burst = env.burst({ requests: SDK_ATTEMPTS + 1, startsAt });
    const uploader = createNodeUploader({ trpc, transport: env.transport, resumeStore: false });
    const handle = uploader.upload(await fromPath(path));
    const file = await handle.done;
    expect(await storedSha256(env.stack, file.key)).toBe(digest);
    expect(burst.served).toBe(SDK_ATTEMPTS + 1);
    expectOneThrottledAnswer(serverErrors);
    expect((await trpc.upload.get.query({ uploadId: file.id })).status).toBe("complete");
    expect(await pendingUploads(env.stack, `default/${user}/`)).toBe(0);
  });

  it("a burst at upload.abort's AbortMultipartUpload outlasting the SDK's retries: the cancel's retry frees the parts", async () => {
    const { path } = await testFile(env, "abort-burst.bin", partFloor(env.stack.s3) * 6 + 1);
    const { trpc, serverErrors } = await recordingClient(env.stack, "canceller");
    const burst = env.burst({ requests: SDK_ATTEMPTS + 1, startsAt: S3_CALLS.abortMultipartUpload });
    const uploader = createNodeUploader({ trpc, transport: env.transport, resumeStore: false, concurrency: 1 });
    let cancelling: Promise<void> | undefined;
    const handle = uploader.upload(await fromPath(path), {
      onProgress: (p) => {
        if (p.partsDone > 0) cancelling ??= handle.cancel();
      },
    });
    await expect(handle.done).rejects.toMatchObject({ code: "CANCELLED" });
    await cancelling;
    expect(burst.served).toBe(SDK_ATTEMPTS + 1);
    expectOneThrottledAnswer(serverErrors);
    expect((await trpc.upload.get.query({ uploadId: handle.uploadId! })).status).toBe("aborted");
    expect(await pendingUploads(env.stack, "default/canceller/")).toBe(0);
  });
});
