import { expect, it } from "vitest";
import { s3Profile, s3Provider } from "@hoist/server/testing";
import { partNumberOf, recordRequests, storedSha256 } from "./browser-kit";
import type { BrowserSuite } from "./browser-kit";
import type { FileSpec } from "./page/page-types";

const SHA256_BASE64 = /^[A-Za-z0-9+/]{43}=$/;

/** Registers the tests of `uploads through createBrowserUploader` on a suite the caller set up. */
export function uploadTests(env: BrowserSuite): void {
  it("uploads a multipart Blob byte-identical; parts go only to storage, the API never sees a big body", async () => {
    const spec: FileSpec = { name: "multi.bin", size: Math.floor(env.partSize * 4.5), seed: 11 };
    const access = await env.access("alice");
    const requests = recordRequests(env.page);
    const result = await env.page.evaluate(([a, s]) => window.hoistPage!.upload(a, s, { store: "none" }), [access, spec] as const);
    requests.stop();
    if (!result.ok) throw new Error(`upload failed: ${result.code ?? ""} ${result.message}`);
    expect(result.file).toMatchObject({ name: "multi.bin", size: spec.size, type: "application/octet-stream" });
    expect(await storedSha256(env, "alice", result.file)).toBe(result.sha256);
    expect(result.final).toMatchObject({ totalBytes: spec.size, bytesConfirmed: spec.size, partsDone: 5, partsTotal: 5 });
    expect(result.events.at(-1)?.bytesConfirmed).toBe(spec.size);
    expect(result.mainThreadSlices).toBe(0); // parts are sliced in a worker: a slice blocks the page in Chromium
    const confirmed = result.events.map((e) => e.bytesConfirmed);
    expect(confirmed).toEqual([...confirmed].sort((a, b) => a - b));
    const puts = requests.seen.filter((r) => r.method === "PUT");
    expect(puts.every((r) => r.url.origin === env.storageOrigin)).toBe(true);
    expect(puts.map((r) => partNumberOf(r.url)).sort()).toEqual([1, 2, 3, 4, 5]);
    const api = requests.seen.filter((r) => r.url.origin === env.apiOrigin);
    expect(api.map((r) => r.url.pathname)).toContain("/trpc/upload.complete");
    expect(api.every((r) => r.method !== "PUT" && r.bodyBytes < 1024 * 1024)).toBe(true);
    expect(requests.seen.every((r) => [env.apiOrigin, env.storageOrigin].includes(r.url.origin))).toBe(true);
  });

  it("uploads a File smaller than a part with one PUT and keeps its name and type", async () => {
    const spec: FileSpec = { name: "photo notes.txt", type: "text/plain", size: Math.floor(env.partSize / 3), seed: 12 };
    const access = await env.access("bob");
    const requests = recordRequests(env.page);
    const result = await env.page.evaluate(([a, s]) => window.hoistPage!.upload(a, s, { store: "none" }), [access, spec] as const);
    requests.stop();
    if (!result.ok) throw new Error(`upload failed: ${result.code ?? ""} ${result.message}`);
    expect(result.file).toMatchObject({ name: "photo notes.txt", size: spec.size, type: "text/plain" });
    expect(await storedSha256(env, "bob", result.file)).toBe(result.sha256);
    expect(result.final).toMatchObject({ totalBytes: spec.size, bytesConfirmed: spec.size, partsTotal: 1 });
    expect(requests.seen.filter((r) => r.method === "PUT").map((r) => r.url.origin)).toEqual([env.storageOrigin]);
    expect(requests.seen.filter((r) => r.url.origin === env.apiOrigin).map((r) => r.url.pathname)).not.toContain("/trpc/upload.signParts");
  });

  it("fromBlob takes a File's name, type and lastModified, and needs a name for a bare Blob", async () => {
    const facts = await env.page.evaluate(() => window.hoistPage!.fromBlobFacts());
    expect(facts.file).toEqual({ name: "hello.txt", size: 5, type: "text/plain", lastModified: 42 });
    expect(facts.blob).toEqual({ name: "bare.bin", type: "application/octet-stream" });
    expect(facts.nameless).toMatch(/^TypeError: .*needs a name/);
  });

  // Where storage cannot verify checksums (Ceph), upload.create refuses checksum "sha256".
  it.skipIf(!s3Profile.flexibleChecksums)("sends every part with its SHA-256 and the upload completes byte-identical", async () => {
    const spec: FileSpec = { name: "summed.bin", size: Math.floor(env.partSize * 3.5), seed: 31 };
    const requests = recordRequests(env.page);
    const checksums: string[] = [];
    const onRequest = (request: { method(): string; headers(): Record<string, string> }) => {
      if (request.method() === "PUT") checksums.push(request.headers()["x-amz-checksum-sha256"] ?? "none");
    };
    env.page.on("request", onRequest);
    const access = await env.access("alice");
    const result = await env.page.evaluate(([a, s]) => window.hoistPage!.upload(a, s, { store: "none", checksum: "sha256" }), [access, spec] as const);
    env.page.off("request", onRequest);
    requests.stop();
    if (!result.ok) throw new Error(`upload failed: ${result.code ?? ""} ${result.message}`);
    expect(await storedSha256(env, "alice", result.file)).toBe(result.sha256);
    expect(checksums).toHaveLength(4);
    expect(result.mainThreadSlices).toBe(0); // hash reads are sliced in the hashing workers
    expect(checksums.every((sum) => SHA256_BASE64.test(sum))).toBe(true);
    expect(new Set(checksums).size).toBe(4); // four different parts, four different sums
    expect(requests.seen.filter((r) => r.method === "PUT").map((r) => partNumberOf(r.url)).sort()).toEqual([1, 2, 3, 4]);
  });

  it.skipIf(!s3Profile.flexibleChecksums)(`storage refuses a part whose bytes do not match their SHA-256 (${s3Provider}), the session stays`, async () => {
    const spec: FileSpec = { name: "corrupt.bin", size: env.partSize * 2, seed: 32 };
    const requests = recordRequests(env.page);
    const access = await env.access("bob");
    const result = await env.page.evaluate(
      ([a, s]) => window.hoistPage!.upload(a, s, { store: "none", checksum: "sha256", corruptPart: 2 }),
      [access, spec] as const,
    );
    requests.stop();
    if (result.ok) throw new Error("a corrupted part was accepted");
    expect(result.code).toBe("PART_FAILED");
    expect(result.message).toContain("part 2");
    expect(result.message).toContain("BadDigest");
    // BadDigest means bytes damaged in flight: re-sent up to retry.attempts (6), corrupted here every time.
    expect(requests.seen.filter((r) => r.method === "PUT" && partNumberOf(r.url) === 2)).toHaveLength(6);
    const api = await env.stack.api.client("bob");
    expect((await api.upload.get.query({ uploadId: result.uploadId ?? "" })).status).toBe("uploading");
  });
}
