import { rawRequest } from "@hoist/local-s3/testing";

/** PUTs `body` to a presigned part/object URL with its signed headers; returns the status and ETag. */
export async function putSigned(signed: { url: string; headers: Record<string, string> }, body: Uint8Array) {
  const res = await rawRequest(signed.url, { method: "PUT", headers: signed.headers, body, keepAlive: true });
  const etag = res.headers.etag;
  return { status: res.status, etag: typeof etag === "string" ? etag : undefined, body: res.body.toString() };
}
