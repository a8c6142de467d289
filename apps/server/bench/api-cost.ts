/**
 * `pnpm --filter @hoist/server bench`: what the API costs per GiB uploaded. A 1 GiB multipart upload goes from
 * this process straight to the embedded store (its own process) with URLs from the API (its own process), so the
 * API's CPU time is measured alone. Reported against the store's CPU time for the same bytes, and the API round
 * trips against one signParts call per part.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTRPCClient, httpLink } from "@trpc/client";
import { issueToken } from "@hoist/api";
import type { AppRouter } from "@hoist/api";
import { field, startChild } from "@hoist/bench";
import { BENCH_SECRET } from "./secret";

const SIZE = Number(process.env.BENCH_BYTES ?? 1024 ** 3);
const CONCURRENCY = 8;

function put(url: string, headers: Record<string, string>, body: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "PUT", headers }, (res) => {
      res.resume();
      res.on("end", () => {
        if (res.statusCode === 200) resolve();
        else reject(new Error(`PUT ${String(res.statusCode)}`));
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

const cpuMs = (a: { user: number; system: number }, b: { user: number; system: number }) =>
  (b.user - a.user + b.system - a.system) / 1000;

const dir = await mkdtemp(join(tmpdir(), "hoist-bench-api-"));
const s3 = await startChild(new URL("./s3-child.ts", import.meta.url), [join(dir, "s3")]);
const api = await startChild(new URL("./api-child.ts", import.meta.url), [field(s3.ready, "endpoint"), dir]);
try {
  let requests = 0;
  const token = await issueToken(BENCH_SECRET, "bench", 3600);
  const client = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${field(api.ready, "url")}/trpc`,
        headers: { authorization: `Bearer ${token}` },
        fetch: (input: string | URL | Request, init?: RequestInit) => {
          requests += 1;
          return fetch(input, init);
        },
      }),
    ],
  });
  const [apiBefore, s3Before, started] = [await api.cpu(), await s3.cpu(), performance.now()];
  const created = await client.upload.create.mutate({ name: "bench.bin", size: SIZE, type: "application/octet-stream" });
  const block = randomBytes(created.partSize);
  const numbers = Array.from({ length: created.partCount }, (_, i) => i + 1);
  for (let i = 0; i < numbers.length; i += 500) {
    const batch = numbers.slice(i, i + 500).map((partNumber) => ({ partNumber }));
    const { parts } = await client.upload.signParts.mutate({ uploadId: created.uploadId, parts: batch });
    const queue = [...parts];
    const worker = async () => {
      for (let part = queue.shift(); part; part = queue.shift()) {
        await put(part.url, part.headers, block.subarray(0, Number(part.headers["content-length"])));
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  }
  await client.upload.complete.mutate({ uploadId: created.uploadId });
  const seconds = (performance.now() - started) / 1000;
  const [apiCpu, s3Cpu] = [cpuMs(apiBefore, await api.cpu()), cpuMs(s3Before, await s3.cpu())];
  const gib = SIZE / 1024 ** 3;
  const naive = 2 + created.partCount;
  console.log(`upload: ${gib.toFixed(2)} GiB in ${created.partCount} parts of ${created.partSize / 1024 ** 2} MiB, ${seconds.toFixed(1)} s`);
  console.log(`API requests: ${requests} (one signParts per part would be ${naive}: ${(naive / requests).toFixed(0)}x more)`);
  console.log(`API server CPU: ${(apiCpu / gib).toFixed(0)} ms per GiB; store CPU ${(s3Cpu / gib).toFixed(0)} ms per GiB`);
  console.log(`API CPU / store CPU for the same upload: ${(apiCpu / s3Cpu).toFixed(4)}`);
} finally {
  await api.stop();
  await s3.stop();
  await rm(dir, { recursive: true, force: true });
}
