import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { S3Error } from "../errors";
import type { RequestTarget } from "../request-target";
import { parseAuthorizationHeader, parsePresignQuery, type SigV4Claims } from "./presign-params";
import { verifySignature } from "./sigv4-verify";

/** Who made the request and which payload hash (if any) the body must match. */
export interface AuthResult {
  /** null for an anonymous request (allowed only on public buckets, decided by the caller). */
  accessKeyId: string | null;
  /** Lower-case hex SHA-256 the body must have, or null when the payload is unsigned. */
  payloadSha256: string | null;
}

/** Server-side view of the configured keys and region. */
export interface AuthConfig {
  region: string;
  secrets: ReadonlyMap<string, string>;
  /** Session tokens of temporary credentials, by access key id; a key not here takes no token. */
  tokens?: ReadonlyMap<string, string>;
  /** Injectable clock for expiry tests. */
  now?: () => number;
}

const MAX_SKEW_MS = 15 * 60 * 1000;
const UNSIGNED = "UNSIGNED-PAYLOAD";

/** Verifies SigV4 header or query authentication; anonymous requests pass through with accessKeyId null. */
export async function authenticate(req: IncomingMessage, target: RequestTarget, config: AuthConfig): Promise<AuthResult> {
  const authorization = req.headers.authorization;
  const isQuery = target.query.has("X-Amz-Algorithm") || target.query.has("X-Amz-Signature");
  if (authorization !== undefined && isQuery) {
    throw new S3Error("InvalidArgument", "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified");
  }
  const declared = payloadHeader(req);
  if (authorization === undefined && !isQuery) {
    return { accessKeyId: null, payloadSha256: hexOrNull(declared) };
  }
  const claims = isQuery ? parsePresignQuery(target.query) : parseAuthorizationHeader(authorization ?? "", single(req.headers["x-amz-date"]));
  const secret = config.secrets.get(claims.accessKeyId);
  if (secret === undefined) {
    throw new S3Error("InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.", { AWSAccessKeyId: claims.accessKeyId });
  }
  checkSessionToken(claims.accessKeyId, isQuery ? target.query.get("X-Amz-Security-Token") : single(req.headers["x-amz-security-token"]), config);
  checkRegion(claims, config.region);
  checkTime(claims, config.now?.() ?? Date.now());
  checkAmzHeadersSigned(req, claims);
  const payloadHash = isQuery ? (target.query.get("X-Amz-Content-Sha256") ?? UNSIGNED) : requirePayloadHeader(declared);
  await verifySignature(claims, secret, {
    method: req.method ?? "GET",
    rawPath: target.rawPath,
    pairs: target.pairs,
    headers: req.headersDistinct,
    payloadHash,
  });
  return { accessKeyId: claims.accessKeyId, payloadSha256: hexOrNull(payloadHash) };
}

function payloadHeader(req: IncomingMessage): string | undefined {
  const value = single(req.headers["x-amz-content-sha256"]);
  if (value === undefined || value === UNSIGNED || hexOrNull(value) !== null) return value;
  if (value.startsWith("STREAMING-")) {
    throw new S3Error(
      "NotImplemented",
      "aws-chunked (STREAMING-*) payloads are not supported by this local S3; configure the SDK client with requestChecksumCalculation: \"WHEN_REQUIRED\".",
    );
  }
  throw new S3Error("InvalidArgument", "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, or a valid sha256 value.", {
    ArgumentName: "x-amz-content-sha256",
    ArgumentValue: value,
  });
}

function requirePayloadHeader(value: string | undefined): string {
  if (value === undefined) {
    throw new S3Error("InvalidRequest", "Missing required header for this request: x-amz-content-sha256");
  }
  return value;
}

// As in S3, every x-amz-* header sent must be signed: otherwise a holder of a presigned URL could add metadata,
// checksums or conditions the signer never agreed to.
function checkAmzHeadersSigned(req: IncomingMessage, claims: SigV4Claims): void {
  const signed = new Set(claims.signedHeaders);
  const unsigned = Object.keys(req.headers).filter((h) => h.startsWith("x-amz-") && h !== "x-amz-content-sha256" && !signed.has(h));
  if (unsigned.length > 0) {
    throw new S3Error("AccessDenied", "There were headers present in the request which were not signed", { HeadersNotSigned: unsigned.join(", ") });
  }
}

/**
 * Temporary credentials are only good with their token. AWS answers a temporary key without one as an unknown key
 * (403 InvalidAccessKeyId) and a token that does not belong to the key with 400 InvalidToken. The token is also
 * covered by the signature: a signed header, or a query parameter of the presigned URL.
 */
function checkSessionToken(accessKeyId: string, presented: string | undefined, config: AuthConfig): void {
  const expected = config.tokens?.get(accessKeyId);
  if (expected === undefined && presented === undefined) return;
  if (expected !== undefined && presented === undefined) {
    throw new S3Error("InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.", { AWSAccessKeyId: accessKeyId });
  }
  const a = Buffer.from(expected ?? "");
  const b = Buffer.from(presented ?? "");
  if (expected === undefined || a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new S3Error("InvalidToken", "The provided token is malformed or otherwise invalid.");
  }
}

function checkRegion(claims: SigV4Claims, region: string): void {
  if (claims.region === region) return;
  const message = `The authorization ${claims.kind === "query" ? "query parameters are" : "header is"} malformed; the region '${claims.region}' is wrong; expecting '${region}'`;
  throw new S3Error(claims.kind === "query" ? "AuthorizationQueryParametersError" : "AuthorizationHeaderMalformed", message, { Region: region });
}

function checkTime(claims: SigV4Claims, now: number): void {
  const signedAt = claims.signingDate.getTime();
  if (claims.kind === "header") {
    if (Math.abs(now - signedAt) > MAX_SKEW_MS) {
      throw new S3Error("RequestTimeTooSkewed", "The difference between the request time and the current time is too large.", {
        RequestTime: claims.longDate,
        ServerTime: new Date(now).toISOString(),
      });
    }
    return;
  }
  if (signedAt - now > MAX_SKEW_MS) throw new S3Error("AccessDenied", "Request is not valid yet");
  if (now > signedAt + (claims.expiresIn ?? 0) * 1000) {
    throw new S3Error("AccessDenied", "Request has expired", {
      Expires: new Date(signedAt + (claims.expiresIn ?? 0) * 1000).toISOString(),
      ServerTime: new Date(now).toISOString(),
    });
  }
}

function hexOrNull(value: string | undefined): string | null {
  return value !== undefined && /^[0-9a-f]{64}$/.test(value) ? value : null;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
