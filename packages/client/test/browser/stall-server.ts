import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { closeServer } from "@hoist/browser-testing";

/** A loopback server that lets browsers PUT (CORS preflight answered), reads every body byte and never answers. */
export interface StallServer {
  origin: string;
  /** Resolves when the client closed the connection of the PUT to `path` (aborted, timed out, or gone). */
  closed(path: string): Promise<void>;
  /** Body bytes received so far per path. */
  received: Map<string, number>;
  close(): Promise<void>;
}

/** Starts a {@link StallServer} on 127.0.0.1 and a free port. */
export async function startStallServer(): Promise<StallServer> {
  const received = new Map<string, number>();
  const waiting = new Map<string, Promise<void>>();
  const closers = new Map<string, () => void>();
  const closedPromise = (path: string) => {
    let promise = waiting.get(path);
    if (promise === undefined) {
      promise = new Promise<void>((resolve) => closers.set(path, resolve));
      waiting.set(path, promise);
    }
    return promise;
  };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (req.method === "OPTIONS") {
      res.writeHead(204, { "access-control-allow-origin": "*", "access-control-allow-methods": "PUT", "access-control-allow-headers": "*" }).end();
      return;
    }
    void closedPromise(path);
    req.on("data", (chunk: Buffer) => {
      received.set(path, (received.get(path) ?? 0) + chunk.length);
    });
    res.on("close", () => {
      closers.get(path)?.();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    closed: closedPromise,
    received,
    close: () => closeServer(server),
  };
}
