import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PartRequest, PartResponse } from "../types";
import { fileRange } from "./file-range";
import { nodeHttpTransport } from "./http-transport";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A real HTTP server on loopback whose behaviour each test sets. */
async function listen(handler: { current: Handler }): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    handler.current(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/part` };
}

/** Answers 200 with the body's MD5 as the ETag (as S3 does), after reading it all. */
const storeLike: Handler = (req, res) => {
  const hash = createHash("md5");
  req.on("data", (chunk: Buffer) => hash.update(chunk));
  req.on("end", () => res.writeHead(200, { etag: `"${hash.digest("hex")}"` }).end());
};

describe("nodeHttpTransport", () => {
  const handler: { current: Handler } = { current: storeLike };
  let server: Server;
  let url: string;
  let dir: string;
  let path: string;
  const bytes = randomBytes(3 * 1024 * 1024 + 321);
  const transport = nodeHttpTransport({ sockets: 4 });
  beforeAll(async () => {
    ({ server, url } = await listen(handler));
    dir = await mkdtemp(join(tmpdir(), "hoist-http-transport-"));
    path = join(dir, "data.bin");
    await writeFile(path, bytes);
  });
  afterAll(async () => {
    await transport.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  const put = (start: number, end: number, onSent?: (n: number) => void): Promise<unknown> => {
    const request: PartRequest = {
      url,
      headers: { "content-length": String(end - start) },
      body: fileRange(path, start, end),
      size: end - start,
      signal: new AbortController().signal,
      timeoutMs: 10_000,
      ...(onSent && { onSent }),
    };
    return transport.put(request);
  };
  const md5 = (from: number, to: number) => `"${createHash("md5").update(bytes.subarray(from, to)).digest("hex")}"`;

  it("sends file ranges byte for byte (many chunks, in parallel, reusing buffers) and reports bytes as they leave", async () => {
    handler.current = storeLike;
    const sent: number[] = [];
    const ranges = [[7, 1_500_007], [1_500_007, bytes.length], [0, 10], [1_000_000, 2_900_000]] as const;
    const answers = await Promise.all(ranges.map(([a, b], i) => put(a, b, i === 0 ? (n) => sent.push(n) : undefined)));
    expect(answers).toEqual(ranges.map(([a, b]) => ({ status: 200, etag: md5(a, b) })));
    expect(sent.at(-1)).toBe(1_500_000);
    expect(sent).toEqual([...sent].sort((x, y) => x - y));
  });

  it("returns a storage error answered before the body was read, with its XML body", async () => {
    handler.current = (_req, res) => {
      res.writeHead(403).end("<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>");
    };
    const answer = await put(0, bytes.length);
    expect(answer).toMatchObject({ status: 403, etag: undefined });
    expect((answer as { errorBody: string }).errorBody).toContain("Request has expired");
  });

  // Usually the answer is lost with the connection (EPIPE): a network error to the engine, whose retry gets a
  // fresh URL if the old one expired. Either way the PUT must settle, not hang.
  it("settles when storage answers early and closes the connection mid-body", async () => {
    handler.current = (_req, res) => {
      res.writeHead(403, { connection: "close" }).end("<Error><Code>AccessDenied</Code></Error>");
    };
    const outcome = await put(0, bytes.length).catch((error: unknown) => error);
    expect(outcome instanceof Error || (outcome as PartResponse).status === 403).toBe(true);
  });

  it("rejects when the connection is reset mid-body, and the next PUT still goes through", async () => {
    handler.current = (req) => {
      req.once("data", () => req.socket.destroy());
    };
    await expect(put(0, bytes.length)).rejects.toThrow();
    handler.current = storeLike;
    await expect(put(0, bytes.length)).resolves.toEqual({ status: 200, etag: md5(0, bytes.length) });
  });

  it("times out a body that stops moving (the server never reads it)", async () => {
    handler.current = (req) => {
      req.pause();
    };
    const request: PartRequest = {
      url,
      headers: { "content-length": String(bytes.length) },
      body: fileRange(path, 0, bytes.length),
      size: bytes.length,
      signal: new AbortController().signal,
      timeoutMs: 300,
    };
    await expect(transport.put(request)).rejects.toThrow("no progress for 300 ms: timed out");
  });
});
