import { expect, it } from "vitest";
import { FINGERPRINT_HEAD_BYTES } from "@hoist/client";
import { partNumberOf, recordRequests, storedSha256 } from "./browser-kit";
import type { BrowserSuite } from "./browser-kit";
import type { FileSpec } from "./page/page-types";

const GiB = 1024 * 1024 * 1024;

/** Registers the tests of `resume after a reload` on a suite the caller set up. */
export function resumeTests(env: BrowserSuite): void {
  it("idbResumeStore keeps records across page reloads: set, get, list, delete", async () => {
    const db = "hoist-store-test";
    await env.page.evaluate((name) => window.hoistPage!.idbSet(name, [
      { fingerprint: "aa", uploadId: "up-1" },
      { fingerprint: "bb", uploadId: "up-2" },
    ]), db);
    await env.reload(); // a reload: nothing of the page's memory is left, only what IndexedDB kept
    const byFingerprint = (list: { fingerprint: string }[]) => [...list].sort((a, b) => a.fingerprint.localeCompare(b.fingerprint));
    expect(byFingerprint(await env.page.evaluate((name) => window.hoistPage!.idbList(name), db))).toEqual([
      { fingerprint: "aa", uploadId: "up-1" },
      { fingerprint: "bb", uploadId: "up-2" },
    ]);
    expect(await env.page.evaluate((name) => window.hoistPage!.idbGet(name, "bb"), db)).toEqual({ fingerprint: "bb", uploadId: "up-2" });
    await env.page.evaluate((name) => window.hoistPage!.idbDelete(name, "aa"), db);
    await env.reload();
    expect(await env.page.evaluate((name) => window.hoistPage!.idbList(name), db)).toEqual([{ fingerprint: "bb", uploadId: "up-2" }]);
    expect(await env.page.evaluate((name) => window.hoistPage!.idbGet(name, "aa"), db)).toBeUndefined();
  });

  it("fingerprints a 1 GiB File by reading only its first 64 KiB (resume works for any size)", async () => {
    const seen = await env.page.evaluate((size) => window.hoistPage!.fingerprintReads(size), GiB);
    expect(seen.size).toBe(GiB);
    expect(seen.reads).toEqual([[0, FINGERPRINT_HEAD_BYTES]]);
    expect(FINGERPRINT_HEAD_BYTES).toBe(64 * 1024);
    expect(seen.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    // Only the head counts: a different tail is the same file to the fingerprint, a different head is not.
    expect(seen.sameHeadOtherTail).toBe(seen.fingerprint);
    expect(seen.otherHead).not.toBe(seen.fingerprint);
  });

  it("after a reload mid-upload, the same File attaches to its session and sends only the parts storage lacks", async () => {
    const spec: FileSpec = { name: "resume.bin", size: env.partSize * 6 + 123, seed: 41, lastModified: 1_700_000_123_000 };
    const access = await env.access("carol");
    const first = await env.page.evaluate(([a, s]) => window.hoistPage!.uploadThenHang(a, s, 2), [access, spec] as const);
    const uploadId = first.uploadId ?? "";
    await env.reload(); // parts in flight are cut off; the page forgets everything but IndexedDB
    const remembered = await env.page.evaluate(() => window.hoistPage!.idbList("hoist"));
    expect(remembered.map((r) => r.uploadId)).toEqual([uploadId]);
    const api = await env.stack.api.client("carol");
    const stored = (await api.upload.listParts.query({ uploadId })).parts.map((p) => p.partNumber);
    expect(stored.length).toBeGreaterThanOrEqual(2);
    expect(stored.length).toBeLessThan(7);
    const requests = recordRequests(env.page);
    const second = await env.page.evaluate(([a, s]) => window.hoistPage!.upload(a, s, { store: "idb" }), [access, spec] as const);
    requests.stop();
    if (!second.ok) throw new Error(`resumed upload failed: ${second.code ?? ""} ${second.message}`);
    expect(second.uploadId).toBe(uploadId);
    expect(requests.seen.map((r) => r.url.pathname)).not.toContain("/trpc/upload.create");
    const sent = requests.seen.filter((r) => r.method === "PUT").map((r) => partNumberOf(r.url));
    // A part cut off by the reload may still land after `stored` was listed (RGW finishes it later): what
    // matters is that no part storage held was sent again, and every other part exactly once.
    expect(sent.filter((n) => stored.includes(n))).toEqual([]);
    expect(new Set(sent).size).toBe(sent.length);
    expect(second.final.partsResumed).toBeGreaterThanOrEqual(stored.length);
    expect(sent).toHaveLength(7 - second.final.partsResumed);
    expect(second.final).toMatchObject({ partsDone: 7, bytesConfirmed: spec.size });
    expect(await storedSha256(env, "carol", second.file)).toBe(second.sha256);
    expect(await env.page.evaluate(() => window.hoistPage!.idbList("hoist"))).toEqual([]);
  });
}
