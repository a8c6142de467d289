import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMainProcess } from "./support/main-process";
import type { MainProcess } from "./support/main-process";
import { rawRequest } from "@hoist/local-s3/testing";

/** The API's URL and the demo token `pnpm start` printed. */
async function started(main: MainProcess): Promise<{ url: string; token: string }> {
  const output = await main.waitFor(/HOIST_TOKEN=\S+\n/);
  return {
    url: /Hoist API\s+(http:\/\/127\.0\.0\.1:\d+)\/trpc/.exec(output)![1]!,
    token: /HOIST_TOKEN=(\S+)/.exec(output)![1]!,
  };
}

/**
 * A tRPC mutation on a kept-alive socket whose body is held back: it resolves `accepted` once the server has
 * taken the request (its `100 Continue` is sent as Node hands the request to Fastify), and sends the body on `send()`.
 */
function heldMutation(url: string, token: string, path: string, input: unknown) {
  const body = Buffer.from(JSON.stringify(input));
  const agent = new Agent({ keepAlive: true });
  const req = request(`${url}/trpc/${path}`, {
    method: "POST",
    agent,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "content-length": String(body.length), expect: "100-continue" },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on("response", (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, body: text });
      });
    });
    req.on("error", reject);
  });
  req.flushHeaders();
  return { accepted: once(req, "continue"), send: () => req.end(body), response, agent };
}

/** A new request on a new connection while closing: refused outright, or answered 503. */
async function newRequestOutcome(url: string): Promise<string> {
  try {
    return `status ${(await rawRequest(`${url}/healthz`, { method: "GET", headers: { connection: "close" } })).status}`;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? String(error);
  }
}

describe("graceful shutdown of pnpm start", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "hoist-shutdown-"));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it("SIGTERM: the request in flight finishes with 200, new requests are refused or get 503, the process exits 0", async () => {
    const main = startMainProcess({ HOIST_DATA_DIR: dataDir, HOIST_PORT: "0" });
    try {
      const { url, token } = await started(main);
      const held = heldMutation(url, token, "upload.create", { name: "late.bin", size: 10, type: "application/octet-stream" });
      await held.accepted;
      main.child.kill("SIGTERM");
      await main.waitFor(/Closing\s+new requests get 503/);
      expect(await newRequestOutcome(url)).toMatch(/^(ECONNREFUSED|ECONNRESET|status 503)$/);
      held.send();
      const answer = await held.response;
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({ result: { data: { strategy: "single" } } });
      expect(await main.exited).toBe(0);
      held.agent.destroy();
    } catch (error) {
      main.child.kill("SIGKILL");
      throw new Error(`${String(error)}\n--- server output ---\n${main.output()}`, { cause: error });
    }
  });

  it("a request still in flight when HOIST_SHUTDOWN_TIMEOUT_MS passes: the process exits 1 naming the variable", async () => {
    const main = startMainProcess({ HOIST_DATA_DIR: dataDir, HOIST_PORT: "0", HOIST_SHUTDOWN_TIMEOUT_MS: "300" });
    const { url, token } = await started(main);
    const held = heldMutation(url, token, "upload.create", { name: "never.bin", size: 10, type: "application/octet-stream" });
    held.response.catch(() => undefined);
    await held.accepted;
    main.child.kill("SIGTERM");
    expect(await main.exited).toBe(1);
    expect(main.output()).toContain("not done within HOIST_SHUTDOWN_TIMEOUT_MS (300 ms)");
    held.agent.destroy();
  });
});
