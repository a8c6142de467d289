import http from "node:http";

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
  body?: Uint8Array | string;
  /**
   * Send over Node's shared keep-alive agent instead of a connection of its own. A store that refuses a PUT before
   * reading its body and then closes (Ceph RGW with `Connection: close`) makes the unsent body fail with EPIPE
   * before its answer is read; on a kept-alive connection it answers and drains, as for any real client.
   */
  keepAlive?: boolean;
}

/**
 * One HTTP/1.1 exchange with node:http, no retries and no connection reuse, so what the test sends is exactly
 * what the server sees (how clients PUT part bytes to presigned URLs). Content-Length is set from the body unless
 * the caller gives one (which must then match: node:http would reject a mismatch, use `rawSocketRequest` for that).
 */
export function rawRequest(url: string, opts: RawRequestOptions = {}): Promise<RawResponse> {
  const body = opts.body === undefined ? undefined : Buffer.from(opts.body);
  const headers: Record<string, string> = { ...opts.headers };
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === "content-length")) {
    headers["content-length"] = String(body.length);
  }
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? "GET", headers, ...(opts.keepAlive !== true && { agent: false }) }, (res) => {
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
