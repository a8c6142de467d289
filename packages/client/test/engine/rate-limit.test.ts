import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createNodeTrpc, createNodeUploader, fromPath, httpFetch } from "@hoist/client/node";
import { engineStack, storedSha256, writeTestFile } from "./engine-kit";

const LIMIT = 3;
const UPLOADS = 6;

// A tiny limit in one-second windows (one minute would make the test wait minutes): 6 uploads need ~18 calls,
// so the uploader is refused in several windows and must slow down as a whole to finish.
describe("engine: the API's rate limit", () => {
  const env = engineStack({ api: { rateLimit: LIMIT, rateWindowSeconds: 1 } });

  it("several uploads of one uploader all complete, and the queue does not keep hammering a refused limit", async () => {
    const statuses: number[] = [];
    const trpc = createNodeTrpc({
      serverUrl: env.stack.api.url,
      token: await env.stack.api.token("rate-limited"),
      fetch: async (url, init) => {
        const response = await httpFetch(url, init);
        statuses.push(response.status);
        return response;
      },
    });
    const files = await Promise.all(
      Array.from({ length: UPLOADS }, async (_, i) => {
        const path = join(env.temp.dir, `limited-${i}.bin`);
        return { path, digest: await writeTestFile(path, env.floor * 2 - 3, i + 1) };
      }),
    );
    const uploader = createNodeUploader({ trpc, transport: env.transport, resumeStore: false });
    const handles = await Promise.all(files.map(async (f) => uploader.upload(await fromPath(f.path))));
    const stored = await Promise.all(handles.map((h) => h.done));
    for (const [i, file] of stored.entries()) expect(await storedSha256(env.stack, file.key)).toBe(files[i]!.digest);
    const refused = statuses.filter((s) => s === 429).length;
    expect(refused).toBeGreaterThan(0); // the limit was reached
    // The first burst's creates over the limit (3), then about one per window (~6 windows of 3 of ~18 calls):
    // without the shared gate each refused call retries on its own, and uploads fail with RATE_LIMITED.
    expect(refused).toBeLessThanOrEqual(UPLOADS - LIMIT + Math.ceil((3 * UPLOADS) / LIMIT));
  });
});
