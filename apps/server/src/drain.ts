import type { Server, ServerResponse } from "node:http";

/**
 * Node's `server.close()` ends idle sockets once: a kept-alive socket whose request was in flight then stays open
 * until its client or the keep-alive timeout (72 s) ends it, and the shutdown waits past `HOIST_SHUTDOWN_TIMEOUT_MS`.
 * Tracks the responses not yet finished; the returned function, called when closing begins, makes each of them
 * the last on its socket (`Connection: close`, or the socket ended once an already started response is done).
 */
export function lastResponsesOnClose(server: Server): () => void {
  const open = new Set<ServerResponse>();
  server.on("request", (_req, res: ServerResponse) => {
    open.add(res);
    res.once("close", () => open.delete(res));
  });
  return () => {
    for (const res of open) {
      if (!res.headersSent) res.setHeader("connection", "close");
      else {
        const socket = res.socket;
        res.once("finish", () => socket?.end());
      }
    }
  };
}
