import { timingSafeEqual } from "node:crypto";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import { S3Error } from "../errors";
import type { SigV4Claims } from "./presign-params";

/** What the verifier needs from the incoming request, as received on the wire. */
export interface ReceivedRequest {
  method: string;
  rawPath: string;
  pairs: [string, string][];
  /** Header values by lower-case name; repeated headers keep every value. */
  headers: Record<string, string[] | undefined>;
  /** Payload hash to sign over: x-amz-content-sha256 (header auth) or UNSIGNED-PAYLOAD (presigned). */
  payloadHash: string;
}

type SignableRequest = Parameters<SignatureV4["presign"]>[0];

const PAYLOAD_HEADER = "x-amz-content-sha256";
const sha256 = Hash.bind(null, "sha256");

/**
 * Re-signs the request with the SDK's own signer (same date, scope and signed headers) and compares in constant
 * time, so the canonicalisation is the SDK's, not ours. Throws SignatureDoesNotMatch on any difference.
 */
export async function verifySignature(claims: SigV4Claims, secretAccessKey: string, req: ReceivedRequest): Promise<void> {
  const signer = new SignatureV4({
    credentials: { accessKeyId: claims.accessKeyId, secretAccessKey },
    region: claims.region,
    service: "s3",
    sha256,
    uriEscapePath: false,
    applyChecksum: false,
  });
  const signed = new Set(claims.signedHeaders);
  const request = buildRequest(claims, req, signed);
  // Headers the signer would add on its own are kept out unless the client signed them.
  const unsignable = new Set([PAYLOAD_HEADER, "x-amz-date"].filter((h) => !signed.has(h)));
  const expected =
    claims.kind === "query"
      ? (await signer.presign(request, {
          signingDate: claims.signingDate,
          expiresIn: claims.expiresIn ?? 0,
          signableHeaders: signed,
          unsignableHeaders: unsignable,
          unhoistableHeaders: new Set([...signed, PAYLOAD_HEADER]),
        })).query?.["X-Amz-Signature"]
      : extractSignature(
          (await signer.sign(request, { signingDate: claims.signingDate, signableHeaders: signed, unsignableHeaders: unsignable })).headers
            .authorization,
        );
  if (typeof expected !== "string" || !sameSignature(expected, claims.signature)) {
    throw signatureMismatch();
  }
}

function signatureMismatch(): S3Error {
  return new S3Error(
    "SignatureDoesNotMatch",
    "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
  );
}

function buildRequest(claims: SigV4Claims, req: ReceivedRequest, signed: Set<string>): SignableRequest {
  const headers: Record<string, string> = { [PAYLOAD_HEADER]: req.payloadHash };
  for (const name of signed) {
    const values = req.headers[name];
    if (values === undefined) {
      throw signatureMismatch();
    }
    headers[name] = values.join(",");
  }
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of req.pairs) {
    if (claims.kind === "query" && name === "X-Amz-Signature") continue;
    const prior = query[name];
    query[name] = prior === undefined ? value : [...(Array.isArray(prior) ? prior : [prior]), value];
  }
  const host = req.headers.host?.[0] ?? "localhost";
  return { method: req.method, protocol: "http:", hostname: host, path: req.rawPath, query, headers };
}

function extractSignature(authorization: string | undefined): string | undefined {
  return authorization === undefined ? undefined : /Signature=([0-9a-f]+)/.exec(authorization)?.[1];
}

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
