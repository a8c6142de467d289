import { afterAll, beforeAll, expect, it } from "vitest";
import { storedSha256 } from "./browser-kit";
import type { BrowserSuite } from "./browser-kit";
import { startStallServer } from "./stall-server";
import type { StallServer } from "./stall-server";
import type { FileSpec } from "./page/page-types";

/** Registers the tests of `xhrTransport` on a suite the caller set up. */
export function xhrTransportTests(env: BrowserSuite): void {
  let stall: StallServer;
  beforeAll(async () => {
    stall = await startStallServer();
  });
  afterAll(async () => {
    await stall.close();
  });

  it("reports monotonic progress that ends at the part's size, and reads the ETag storage exposes", async () => {
    const spec: FileSpec = { name: "single.bin", size: Math.floor(env.partSize / 2), seed: 21 };
    const api = await env.stack.api.client("alice");
    const created = await api.upload.create.mutate({ name: spec.name, size: spec.size, type: "application/octet-stream" });
    if (!created.single) throw new Error(`expected a single PUT, got ${created.strategy}`);
    const { url, headers } = created.single;
    const result = await env.page.evaluate((req) => window.hoistPage!.put(req), { url, headers, spec, timeoutMs: 30_000 });
    if (!result.ok) throw new Error(`PUT failed: ${result.message}`);
    expect(result.status).toBe(200);
    expect(result.etag).toMatch(/^"?[^"]+"?$/); // readable only because the bucket's CORS exposes ETag
    expect(result.sent.length).toBeGreaterThan(0);
    expect(result.sent).toEqual([...result.sent].sort((a, b) => a - b));
    expect(result.sent.at(-1)).toBe(spec.size);
    const { file } = await api.upload.complete.mutate({ uploadId: created.uploadId });
    expect(await storedSha256(env, "alice", file)).toBe(await env.page.evaluate((s) => window.hoistPage!.sha256(s), spec));
  });

  it("rejects with the signal's reason when aborted in flight, and the request is cancelled", async () => {
    const spec: FileSpec = { name: "abort.bin", size: 256 * 1024, seed: 22 };
    const url = `${stall.origin}/abort`;
    const failed = env.page.waitForEvent("requestfailed", { predicate: (r) => r.url() === url });
    // A long timeout: only the abort can end this request (the server never answers).
    const result = await env.page.evaluate((req) => window.hoistPage!.put(req), { url, headers: {}, spec, timeoutMs: 45_000, abortOnFirstProgress: true });
    expect(result).toMatchObject({ ok: false, isAbortReason: true, message: "stopped by the test" });
    expect((await failed).failure()?.errorText).toBe("net::ERR_ABORTED");
    await stall.closed("/abort"); // the connection is gone too, not left open in the background
  });

  it("rejects a stalled request (body sent, no answer) with a timeout error after timeoutMs", async () => {
    const spec: FileSpec = { name: "stall.bin", size: 64 * 1024, seed: 23 };
    const url = `${stall.origin}/stall`;
    const result = await env.page.evaluate((req) => window.hoistPage!.put(req), { url, headers: {}, spec, timeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, isAbortReason: false });
    if (result.ok) return;
    expect(result.message).toMatch(/timed out/);
    expect(result.message).toContain("300 ms");
    await stall.closed("/stall"); // the transport gave the request up: the connection is closed
    expect(stall.received.get("/stall")).toBe(spec.size);
  });
}
