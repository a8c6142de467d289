import { createHash, createHmac } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";
import { sha256Hex } from "./bytes.js";
import type { Target } from "./target.js";

/** node:crypto sha256/HMAC in the shape the signer wants (@smithy/hash-node's `Hash` is deprecated). */
class Sha256 {
  private readonly hash: ReturnType<typeof createHash> | ReturnType<typeof createHmac>;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash("sha256") : createHmac("sha256", toBuffer(secret));
  }
  update(chunk: Uint8Array): void {
    this.hash.update(chunk);
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
}

function toBuffer(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === "string") return Buffer.from(data);
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

export interface SignedRaw {
  url: string;
  method: string;
  headers: Record<string, string>;
}

export interface HeaderAuthRequest {
  method: string;
  /** Object key; "" addresses the bucket itself (`/bucket`, as Go's SDK and s3cmd send bucket requests). */
  key: string;
  query?: Record<string, string>;
  body?: Buffer | string;
  headers?: Record<string, string>;
  payloadHash?: string;
}

/**
 * Signs a path-style request with SigV4 header auth the way the SDK does, but lets the test choose the
 * x-amz-content-sha256 value (the payload hash the signature covers) independently of the body it sends.
 */
export async function signHeaderAuth(t: Target, opts: HeaderAuthRequest): Promise<SignedRaw> {
  const endpoint = new URL(t.endpoint);
  const keyPath = opts.key.split("/").map(encodeURIComponent).join("/");
  const path = opts.key === "" ? `/${t.bucket}` : `/${t.bucket}/${keyPath}`;
  const query = opts.query ?? {};
  const payloadHash = opts.payloadHash ?? sha256Hex(opts.body ?? "");
  const signer = new SignatureV4({ service: "s3", region: t.region, credentials: t.credentials, sha256: Sha256, uriEscapePath: false });
  const headers: Record<string, string> = {
    host: endpoint.host,
    "x-amz-content-sha256": payloadHash,
    ...(opts.body === undefined ? {} : { "content-length": String(Buffer.byteLength(opts.body)) }),
    ...opts.headers,
  };
  const signed = await signer.sign({
    method: opts.method,
    protocol: endpoint.protocol,
    hostname: endpoint.hostname,
    port: Number(endpoint.port),
    path,
    query,
    headers,
  });
  const search = Object.entries(query).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
  return { url: `${endpoint.origin}${path}${search === "" ? "" : `?${search}`}`, method: opts.method, headers: signed.headers };
}
