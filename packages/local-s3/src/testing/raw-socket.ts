import net from "node:net";

export interface SocketOutcome {
  /** The first response the server sent before the connection closed, if any. */
  response?: { status: number; head: string; text: string };
}

export interface SendOnSocketOptions {
  /** Half-close our side after writing, so the server sees the request end. */
  halfClose?: boolean;
  /** A server may reset the connection instead of answering: count that as a close, not a test error. */
  resetIsClose?: boolean;
}

/**
 * Writes `parts` as they are on a fresh TCP socket (a request cut short, a body that disagrees with its declared
 * length, nothing at all) and resolves with every byte the server sent once it closes the connection.
 */
export function sendOnSocket(url: string, parts: readonly (string | Buffer)[], opts: SendOnSocketOptions = {}): Promise<Buffer> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect({ host: u.hostname, port: Number(u.port || 80) }, () => {
      for (const part of parts) socket.write(part);
      if (opts.halfClose === true) socket.end();
    });
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("error", (err: NodeJS.ErrnoException) => {
      if (opts.resetIsClose === true && (err.code === "ECONNRESET" || err.code === "EPIPE")) return;
      reject(err);
    });
    socket.on("close", () => {
      resolve(Buffer.concat(chunks));
    });
  });
}

/**
 * Writes a request by hand on a TCP socket so the body can disagree with the declared Content-Length, then
 * half-closes the socket and waits until the server closes its side. Only the first response is parsed.
 */
export async function rawSocketRequest(
  url: string,
  opts: { method: string; headers: Record<string, string>; declaredLength: number; body: Buffer },
): Promise<SocketOutcome> {
  const u = new URL(url);
  const lines = [`${opts.method} ${u.pathname}${u.search} HTTP/1.1`, `host: ${u.host}`, "connection: close"];
  for (const [name, value] of Object.entries(opts.headers)) {
    if (!["host", "content-length", "connection"].includes(name.toLowerCase())) lines.push(`${name}: ${value}`);
  }
  lines.push(`content-length: ${opts.declaredLength}`, "", "");
  const raw = await sendOnSocket(url, [lines.join("\r\n"), opts.body], { halfClose: true, resetIsClose: true });
  return parseFirstResponse(raw.toString("utf8"));
}

function parseFirstResponse(raw: string): SocketOutcome {
  const match = /^HTTP\/1\.[01] (\d{3})[^\r\n]*\r\n/.exec(raw);
  if (!match) return {};
  const end = raw.indexOf("\r\n\r\n");
  const head = end < 0 ? raw : raw.slice(0, end);
  const text = end < 0 ? "" : raw.slice(end + 4);
  return { response: { status: Number(match[1]), head, text } };
}
