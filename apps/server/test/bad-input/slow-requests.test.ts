import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configFromEnv } from "../../src/config";
import { readEnv } from "../../src/env";
import { startServer } from "../../src/start";
import type { RunningServer } from "../../src/start";
import { rawRequest, sendOnSocket } from "@hoist/local-s3/testing";
import { startStack } from "../support/matrix";
import type { Stack } from "../support/matrix";

const TIMEOUT_MS = 500;

/** Writes `sent` on a raw socket to the API and resolves with what came back once the server closes it. */
async function sendAndWaitForClose(url: string, sent: string): Promise<string> {
  return (await sendOnSocket(url, [sent])).toString();
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

// Zero-config (`pnpm start`): the embedded store the server starts gets the same HOIST_REQUEST_TIMEOUT_MS. The
// store's own default is 30 s, so a 10 s bound per test tells the configured 500 ms from the default.
describe("bad input: the embedded store closes stalled requests within HOIST_REQUEST_TIMEOUT_MS", { timeout: 10_000 }, () => {
  let server: RunningServer;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "hoist-slow-"));
    const env = readEnv({ HOIST_PORT: "0", HOIST_DATA_DIR: dataDir, HOIST_AUTH_MODE: "dev", HOIST_LOG_LEVEL: "silent", HOIST_REQUEST_TIMEOUT_MS: String(TIMEOUT_MS) });
    server = await startServer(configFromEnv(env));
  });
  afterAll(async () => {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("half a header block sent to the store: it closes the socket", async () => {
    await sendAndWaitForClose(server.s3Endpoint, "PUT /hoist/a HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le");
  });

  it("headers and 1 byte of a 100 KB part sent to the store: it closes the socket", async () => {
    const head = `PUT /hoist/a?partNumber=1&uploadId=x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${100 * 1024}\r\n\r\n.`;
    const answer = await sendAndWaitForClose(server.s3Endpoint, head);
    expect(answer).not.toContain("200 OK");
  });
});
