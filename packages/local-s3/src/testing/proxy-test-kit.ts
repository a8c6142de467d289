import { createHash } from "node:crypto";
import { createServer, request } from "node:http";
import type { Agent, IncomingMessage, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll } from "vitest";
import { startFaultProxy } from "./fault-proxy.js";
import type { FaultProxy, FaultProxyOptions } from "./fault-proxy.js";

// The fault proxy's own tests (not exported by the kit): an upstream that echoes what it received, and requests
// whose every outcome (answer, socket error, hang) is a value to assert on.

export type Outcome = { kind: "answer"; status: number; body: string } | { kind: "error"; code: string } | { kind: "timeout" };

/** The upstream of one test file and the proxies its tests start (closed after each test). */
export interface EchoUpstream {
  /** Requests whose whole body reached upstream. */
  readonly completedBodies: number;
  proxy(opts: Omit<FaultProxyOptions, "target">): Promise<FaultProxy>;
}

/**
 * Registers the file's hooks: an upstream on loopback answering every request with the length and SHA-256 of
 * the body it fully received, and proxies in front of it.
 */
export function useEchoUpstream(): EchoUpstream {
  let upstream: Server | undefined;
  let target = "";
  let completedBodies = 0;
  const proxies: FaultProxy[] = [];
  beforeAll(async () => {
    const server = createServer((req: IncomingMessage, res) => {
      const hash = createHash("sha256");
      let length = 0;
      req.on("data", (chunk: Buffer) => {
        hash.update(chunk);
        length += chunk.length;
      });
      req.on("end", () => {
        completedBodies += 1;
        res.end(JSON.stringify({ length, sha: hash.digest("hex") }));
      });
    });
    upstream = server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    target = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await Promise.all(proxies.splice(0).map((p) => p.close()));
  });
  afterAll(async () => {
    upstream?.closeAllConnections();
    await new Promise((resolve) => upstream?.close(resolve));
  });
  return {
    get completedBodies() {
      return completedBodies;
    },
    async proxy(opts) {
      const started = await startFaultProxy({ target, ...opts });
      proxies.push(started);
      return started;
    },
  };
}

/** One request through `endpoint`; a hang is cut by `timeoutMs` (how an uploader notices a half-closed socket). */
export function send(endpoint: string, agent: Agent, method: string, body: Buffer, timeoutMs = 2000): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request(`${endpoint}/bucket/key?partNumber=1`, { method, agent, headers: { "content-length": body.length } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        resolve({ kind: "answer", status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() });
      });
      res.on("error", () => {
        resolve({ kind: "error", code: "RESPONSE" });
      });
    });
    req.setTimeout(timeoutMs, () => {
      resolve({ kind: "timeout" });
      req.destroy();
    });
    req.on("error", (error: NodeJS.ErrnoException) => {
      resolve({ kind: "error", code: error.code ?? error.message });
    });
    req.end(body);
  });
}
