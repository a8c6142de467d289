import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A page or script served by {@link serveFiles}: its body and content type. */
export interface ServedFile {
  body: string | Uint8Array;
  type: string;
}

/** A loopback HTTP server for test pages; `origin` is what the page's requests carry as `Origin`. */
export interface FileServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves a fixed set of files on 127.0.0.1 and a free port (404 for anything else). Test pages need a real
 * http origin: IndexedDB, workers and CORS behave differently on `about:blank` or `data:` pages.
 */
export async function serveFiles(files: Record<string, ServedFile>): Promise<FileServer> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const file = files[path];
    if (file === undefined) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": file.type, "cache-control": "no-store" }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => closeServer(server),
  };
}

/** Closes a test's HTTP server now: open connections (a stalled PUT, keep-alive sockets) are cut, not waited for. */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.closeAllConnections();
    server.close((error) => {
      if (error) reject(error);
      else resolve();
    });
  });
}
