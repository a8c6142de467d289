import { S3Error } from "../errors";

/** Everything a SigV4 request (header or presigned query) claims about its own signature. */
export interface SigV4Claims {
  kind: "header" | "query";
  accessKeyId: string;
  /** `YYYYMMDDTHHMMSSZ` as sent; the signer must reproduce this exact string. */
  longDate: string;
  signingDate: Date;
  region: string;
  signedHeaders: string[];
  signature: string;
  /** Presigned URLs only: lifetime in seconds. */
  expiresIn?: number;
}

const ALGORITHM = "AWS4-HMAC-SHA256";
const MAX_EXPIRES = 604_800;

/** Reads `Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...`. */
export function parseAuthorizationHeader(header: string, amzDate: string | undefined): SigV4Claims {
  const malformed = (msg: string): S3Error => new S3Error("AuthorizationHeaderMalformed", msg);
  if (!header.startsWith(`${ALGORITHM} `)) {
    throw new S3Error("InvalidArgument", "Unsupported Authorization Type", { ArgumentName: "Authorization" });
  }
  const fields = new Map<string, string>();
  for (const part of header.slice(ALGORITHM.length + 1).split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get("Credential");
  const signedHeaders = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (credential === undefined || signedHeaders === undefined || signature === undefined) {
    throw malformed("The authorization header is malformed; the authorization header requires three components: Credential, SignedHeaders, and Signature.");
  }
  if (amzDate === undefined) {
    throw new S3Error("AccessDenied", "AWS authentication requires a valid Date or x-amz-date header");
  }
  const signingDate = parseAmzDate(amzDate, () => new S3Error("AccessDenied", "AWS authentication requires a valid Date or x-amz-date header"));
  const scope = parseCredential(credential, amzDate, malformed);
  return { kind: "header", ...scope, longDate: amzDate, signingDate, signedHeaders: signedHeaders.split(";"), signature };
}

/** Reads the `X-Amz-*` parameters of a presigned URL. */
export function parsePresignQuery(query: ReadonlyMap<string, string>): SigV4Claims {
  const bad = (msg: string): S3Error => new S3Error("AuthorizationQueryParametersError", msg);
  if (query.get("X-Amz-Algorithm") !== ALGORITHM) {
    throw bad('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
  }
  const need = (name: string): string => {
    const value = query.get(name);
    if (value === undefined || value === "") {
      throw bad("Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
    }
    return value;
  };
  const longDate = need("X-Amz-Date");
  const expires = need("X-Amz-Expires");
  if (!/^\d+$/.test(expires)) throw bad("X-Amz-Expires should be a number");
  const expiresIn = Number(expires);
  if (expiresIn > MAX_EXPIRES) throw bad("X-Amz-Expires must be less than a week (in seconds) that is 604800");
  const signingDate = parseAmzDate(longDate, () => bad("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\""));
  return {
    kind: "query",
    ...parseCredential(need("X-Amz-Credential"), longDate, bad),
    longDate,
    signingDate,
    signedHeaders: need("X-Amz-SignedHeaders").split(";"),
    signature: need("X-Amz-Signature"),
    expiresIn,
  };
}

function parseAmzDate(value: string, fail: () => S3Error): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) throw fail();
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (Number.isNaN(date.getTime())) throw fail();
  return date;
}

function parseCredential(
  credential: string,
  longDate: string,
  fail: (msg: string) => S3Error,
): { accessKeyId: string; region: string } {
  const parts = credential.split("/");
  const [accessKeyId, day, region, service, terminator] = parts;
  if (parts.length !== 5 || !accessKeyId || !day || !region || service !== "s3" || terminator !== "aws4_request") {
    throw fail(`Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".`);
  }
  if (day !== longDate.slice(0, 8)) {
    throw fail(`Invalid credential date "${day}". This date is not the same as X-Amz-Date: "${longDate.slice(0, 8)}".`);
  }
  return { accessKeyId, region };
}
