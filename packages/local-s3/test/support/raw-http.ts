import http from "node:http";
import net from "node:net";

export interface RawResponse {
  status: number;
  /** Lower-case header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
  text: string;
}

export interface RawRequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

/**
 * One HTTP/1.1 exchange with node:http, no retries and no connection reuse, so what the test sends is exactly
 * what the server sees. Content-Length is set from the body unless the caller gives one (which must then match:
 * node:http would reject a mismatch, use `rawSocketRequest` for that).
 */
export function rawRequest(url: string, opts: RawRequestOptions = {}): Promise<RawResponse> {
  const body = opts.body === undefined ? undefined : Buffer.from(opts.body);
  const headers: Record<string, string> = { ...opts.headers };
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === "content-length")) {
    headers["content-length"] = String(body.length);
  }
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? "GET", headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        const out: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
        }
        const buf = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: out, body: buf, text: buf.toString("utf8") });
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

export interface SocketOutcome {
  /** The first response the server sent before the connection closed, if any. */
  response?: { status: number; head: string; text: string };
}

/**
 * Writes a request by hand on a TCP socket so the body can disagree with the declared Content-Length, then
 * half-closes the socket and waits until the server closes its side. Only the first response is parsed.
 */
export function rawSocketRequest(
  url: string,
  opts: { method: string; headers: Record<string, string>; declaredLength: number; body: Buffer },
): Promise<SocketOutcome> {
  const u = new URL(url);
  const lines = [`${opts.method} ${u.pathname}${u.search} HTTP/1.1`, `host: ${u.host}`, "connection: close"];
  for (const [name, value] of Object.entries(opts.headers)) {
    if (!["host", "content-length", "connection"].includes(name.toLowerCase())) lines.push(`${name}: ${value}`);
  }
  lines.push(`content-length: ${opts.declaredLength}`, "", "");
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect({ host: u.hostname, port: Number(u.port || 80) }, () => {
      socket.write(lines.join("\r\n"));
      socket.end(opts.body);
    });
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("error", (err: NodeJS.ErrnoException) => {
      // A server may reset the connection instead of answering: that is a failed request, not a test error.
      if (err.code === "ECONNRESET" || err.code === "EPIPE") return;
      reject(err);
    });
    socket.on("close", () => {
      resolve(parseFirstResponse(Buffer.concat(chunks).toString("utf8")));
    });
  });
}

function parseFirstResponse(raw: string): SocketOutcome {
  const match = /^HTTP\/1\.[01] (\d{3})[^\r\n]*\r\n/.exec(raw);
  if (!match) return {};
  const end = raw.indexOf("\r\n\r\n");
  const head = end < 0 ? raw : raw.slice(0, end);
  const text = end < 0 ? "" : raw.slice(end + 4);
  return { response: { status: Number(match[1]), head, text } };
}
