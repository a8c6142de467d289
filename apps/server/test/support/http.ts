import { request } from "node:http";

/** What a raw HTTP exchange returned. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * One HTTP request with exactly the given headers (node:http, no fetch magic): how clients PUT part bytes to
 * presigned URLs. `content-length` is whatever the caller says, so tests can lie about it.
 */
export function rawRequest(url: string, init: { method: string; headers?: Record<string, string>; body?: Uint8Array }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method, headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

/** PUTs `body` to a presigned part/object URL with its signed headers; returns the status and ETag. */
export async function putSigned(signed: { url: string; headers: Record<string, string> }, body: Uint8Array) {
  const res = await rawRequest(signed.url, { method: "PUT", headers: signed.headers, body });
  const etag = res.headers.etag;
  return { status: res.status, etag: typeof etag === "string" ? etag : undefined, body: res.body.toString() };
}
