import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Agent, request } from "node:http";
import { basename } from "node:path";
import type { TRPCClient } from "@trpc/client";
import type { AppRouter } from "@hoist/api";
import type { UploadSource } from "@hoist/client";
import { fromPath, nodeHttpTransport } from "@hoist/client/node";

type SignedPart = { partNumber: number; url: string; headers: Record<string, string> };

/** PUTs one byte range of a file to a presigned URL. */
type PutRange = (part: SignedPart, path: string, start: number, end: number) => Promise<void>;

/** How the baseline PUTs: node:http, or the engine's own default transport (to tell transport cost from engine cost). */
export type BaselineVia = "node-http" | "engine-transport";

/** node:http through a keep-alive agent, the part streamed from the file (no part-sized buffers). */
function nodeHttpPut(agent: Agent): PutRange {
  return (part, path, start, end) => putRange(agent, part, path, start, end);
}

/** `@hoist/client`'s default transport alone: no scheduler, retries, progress or sign windows around it. */
function transportPut(transport: ReturnType<typeof nodeHttpTransport>, source: UploadSource): PutRange {
  return async (part, _path, start, end) => {
    const body = await source.part(start, end);
    const signal = new AbortController().signal;
    const res = await transport.put({ url: part.url, headers: part.headers, body, size: end - start, signal, timeoutMs: 60_000 });
    if (res.status !== 200) throw new Error(`part ${part.partNumber}: PUT ${res.status}`);
  };
}

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
 * PUTs, `concurrency` at a time, no retries, no progress, no checksums. `via` node:http through a keep-alive
 * agent (the DESIGN counts it and undici as the streaming ways to PUT from Node), or through the engine's default
 * transport (file ranges read into reused buffers).
 * @returns the stored file's id
 */
export async function baselineUpload(trpc: TRPCClient<AppRouter>, path: string, concurrency: number, via: BaselineVia): Promise<string> {
  const { size } = await stat(path);
  const created = await trpc.upload.create.mutate({ name: basename(path), size, type: "application/octet-stream", checksum: "none" });
  const signed: SignedPart[] = [];
  if (created.single) signed.push({ partNumber: 1, ...created.single });
  for (let first = 1; !created.single && first <= created.partCount; first += 500) {
    const numbers = Array.from({ length: Math.min(500, created.partCount - first + 1) }, (_, i) => ({ partNumber: first + i }));
    signed.push(...(await trpc.upload.signParts.mutate({ uploadId: created.uploadId, parts: numbers })).parts);
  }
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const transport = nodeHttpTransport({ sockets: Math.max(16, concurrency) });
  const put = via === "node-http" ? nodeHttpPut(agent) : transportPut(transport, await fromPath(path));
  const worker = async () => {
    for (let part = signed.shift(); part; part = signed.shift()) {
      const start = (part.partNumber - 1) * created.partSize;
      await put(part, path, start, Math.min(size, start + created.partSize));
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
    await transport.close();
  }
  return (await trpc.upload.complete.mutate({ uploadId: created.uploadId })).file.id;
}
