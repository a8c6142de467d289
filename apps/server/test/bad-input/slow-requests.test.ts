import { connect } from "node:net";
import type { Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawRequest } from "../support/http";
import { startStack } from "../support/matrix";
import type { Stack } from "../support/matrix";

const TIMEOUT_MS = 500;

/** Opens a raw socket to the API, writes `sent` and resolves with what came back once the server closes it. */
function sendAndWaitForClose(url: string, sent: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(Number(port), hostname, () => socket.write(sent));
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      resolve(Buffer.concat(chunks).toString());
    });
  });
}

// Sockets that never finish their request are closed within HOIST_REQUEST_TIMEOUT_MS (the test's own timeout is
// the bound: a socket left open fails it). One database is enough: this is the HTTP layer.
describe("bad input: requests that never finish arriving (HOIST_REQUEST_TIMEOUT_MS)", () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack("pglite", { requestTimeoutMs: TIMEOUT_MS });
  });
  afterAll(() => stack.close());

  it("half a header block: the server closes the socket", async () => {
    const sent = `POST /trpc/upload.create HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: applic`;
    const answer = await sendAndWaitForClose(stack.api.url, sent);
    expect(answer).toMatch(/^(HTTP\/1\.1 408|)/);
  });

  it("headers and 1 byte of a 100 KB body: the server closes the socket", async () => {
    const head = `POST /trpc/upload.create HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${100 * 1024}\r\n\r\n{`;
    const answer = await sendAndWaitForClose(stack.api.url, head);
    expect(answer).not.toContain("200 OK");
  });

  it("a connection that sends nothing at all is closed too", async () => {
    await sendAndWaitForClose(stack.api.url, "");
  });

  it("a normal request on the same server is unaffected", async () => {
    const res = await rawRequest(`${stack.api.url}/healthz`, { method: "GET" });
    expect(res.status).toBe(200);
  });
});
