import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Agent, request } from "node:http";
import { basename } from "node:path";
import type { TRPCClient } from "@trpc/client";
import type { AppRouter } from "@hoist/api";

type SignedPart = { partNumber: number; url: string; headers: Record<string, string> };

/** PUTs one byte range of `path` to a presigned URL, streamed from the file (no part-sized buffers). */
function putRange(agent: Agent, part: SignedPart, path: string, start: number, end: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(part.url, { method: "PUT", headers: part.headers, agent }, (res) => {
      res.resume();
      res.on("end", () => {
        if (res.statusCode === 200) resolve();
        else reject(new Error(`part ${part.partNumber}: PUT ${String(res.statusCode)}`));
      });
    });
    req.on("error", reject);
    createReadStream(path, { start, end: end - 1 }).on("error", reject).pipe(req);
  });
}

/**
 * The no-engine baseline: every part URL signed up front (batches of 500, the API's maximum), then raw parallel
 * PUTs through a keep-alive node:http agent, `concurrency` at a time, no retries, no progress, no checksums.
 * node:http rather than undici because undici is not a dependency of this app; the DESIGN counts both as the
 * streaming way to PUT from Node.
 * @returns the stored file's id
 */
export async function baselineUpload(trpc: TRPCClient<AppRouter>, path: string, concurrency: number): Promise<string> {
  const { size } = await stat(path);
  const created = await trpc.upload.create.mutate({ name: basename(path), size, type: "application/octet-stream", checksum: "none" });
  const signed: SignedPart[] = [];
  if (created.single) signed.push({ partNumber: 1, ...created.single });
  for (let first = 1; !created.single && first <= created.partCount; first += 500) {
    const numbers = Array.from({ length: Math.min(500, created.partCount - first + 1) }, (_, i) => ({ partNumber: first + i }));
    signed.push(...(await trpc.upload.signParts.mutate({ uploadId: created.uploadId, parts: numbers })).parts);
  }
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const worker = async () => {
    for (let part = signed.shift(); part; part = signed.shift()) {
      const start = (part.partNumber - 1) * created.partSize;
      await putRange(agent, part, path, start, Math.min(size, start + created.partSize));
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
  }
  return (await trpc.upload.complete.mutate({ uploadId: created.uploadId })).file.id;
}
