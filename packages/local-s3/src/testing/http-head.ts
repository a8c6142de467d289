/** What the fault proxy needs to know of one HTTP/1.1 request head. */
export interface RequestHead {
  method: string;
  path: string;
  /** Body length from `content-length`; 0 when absent. */
  contentLength: number;
  /** True when the body is chunked: its end cannot be found by counting, so the proxy stops parsing. */
  chunked: boolean;
}

/** Longest head the proxy buffers before giving up on parsing (S3 requests carry a few KiB at most). */
export const MAX_HEAD_BYTES = 64 * 1024;

const HEAD_END = Buffer.from("\r\n\r\n");

/** Index just past the blank line that ends a request head in `bytes`, or -1 when it has not arrived yet. */
export function headEnd(bytes: Buffer): number {
  const at = bytes.indexOf(HEAD_END);
  return at < 0 ? -1 : at + HEAD_END.length;
}

/** Parses the request line and the two framing headers; everything else is forwarded untouched. */
export function parseHead(raw: Buffer): RequestHead {
  const lines = raw.toString("latin1").split("\r\n");
  const [method = "", path = ""] = (lines[0] ?? "").split(" ");
  let contentLength = 0;
  let chunked = false;
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === "content-length") contentLength = Number(value) || 0;
    if (name === "transfer-encoding" && value.toLowerCase() !== "identity") chunked = true;
  }
  return { method: method.toUpperCase(), path, contentLength, chunked };
}

/**
 * S3's throttling answer, as AWS sends it (no body to a HEAD, as HTTP requires); `Connection: close` because the
 * proxy never forwarded the request, so the connection's upstream side is of no further use.
 */
export function slowDownResponse(method: string): Buffer {
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message>" +
    "<RequestId>fault-proxy</RequestId></Error>";
  return Buffer.from(
    "HTTP/1.1 503 Slow Down\r\n" +
      "Content-Type: application/xml\r\n" +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      "Connection: close\r\n\r\n" +
      (method === "HEAD" ? "" : body),
  );
}
