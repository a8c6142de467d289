/** A presigned request as the API answers it (`single`, or a `signParts` part). */
export interface SignedPut {
  url: string;
  headers: Record<string, string>;
}

/**
 * PUTs `body` to a presigned URL with its signed headers, as a client does; returns the ETag storage answered.
 * fetch sets `content-length` itself (from the body, which is the signed length).
 */
export async function putSigned(signed: SignedPut, body: Uint8Array): Promise<string> {
  const { "content-length": _length, ...headers } = signed.headers;
  // A copy on its own ArrayBuffer: what fetch's BodyInit type accepts under both the Node and the DOM lib.
  const res = await fetch(signed.url, { method: "PUT", headers, body: new Uint8Array(body) });
  const etag = res.headers.get("etag");
  if (res.status !== 200 || etag === null) throw new Error(`PUT ${signed.url}: ${res.status} ${await res.text()}`);
  return etag;
}
