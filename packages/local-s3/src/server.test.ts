import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalS3 } from "./server";
import type { LocalS3 } from "./types";

let store: LocalS3;
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "local-s3-timeouts-"));
  // A public bucket takes anonymous PUTs, so the store waits for the body instead of refusing the request.
  store = await startLocalS3({ dataDir, credentials: { accessKeyId: "k", secretAccessKey: "s" }, buckets: [{ name: "pub", public: true }], requestTimeoutMs: 500 });
});
afterAll(async () => {
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Opens a raw connection, writes `text` and resolves once the server has closed the connection. */
async function closedAfter(text: string): Promise<string> {
  const socket: Socket = connect(store.port, "127.0.0.1");
  await once(socket, "connect");
  const received: Buffer[] = [];
  socket.on("data", (chunk: Buffer) => received.push(chunk));
  socket.on("error", () => undefined); // a reset is a close too
  socket.write(text);
  await once(socket, "close");
  return Buffer.concat(received).toString();
}

describe("request timeout (requestTimeoutMs)", () => {
  it("closes a connection that sent half a header block", async () => {
    await closedAfter("PUT /pub/half-headers HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le");
  });

  it("closes a connection that sent headers and 1 byte of a 100 KB body, and stores nothing", async () => {
    const head = "PUT /pub/stalled-body HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 102400\r\nx-amz-content-sha256: UNSIGNED-PAYLOAD\r\n\r\n";
    await closedAfter(`${head}x`);
    const res = await fetch(`${store.endpoint}/pub/stalled-body`, { method: "HEAD" });
    expect(res.status).toBe(404);
  });

  it("refuses a requestTimeoutMs that is not a positive integer", async () => {
    await expect(startLocalS3({ dataDir, credentials: [], requestTimeoutMs: 0 })).rejects.toThrow(/requestTimeoutMs must be a positive integer/);
  });
});
