import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { AuthResult } from "./auth/authenticate";
import { createBodyHasher, readExpectations, type BodyDigests, type BodyHasher } from "./checksums";
import { S3Error } from "./errors";

/** Largest XML request body (Complete, CORS) read into memory. */
const MAX_XML_BYTES = 2 * 1024 * 1024;
/** S3's limit for one PUT and for one part. */
const MAX_PUT_BYTES = 5 * 1024 ** 3;

/** The request whose body is read, its response (for 100-continue) and the payload hash its signature fixed. */
export interface BodySource {
  req: IncomingMessage;
  res: ServerResponse;
  auth: AuthResult;
}

/** The declared Content-Length; S3 refuses bodies of unknown length (chunked without aws-chunked framing). */
export function declaredLength(req: IncomingMessage): number {
  const value = req.headers["content-length"];
  if (value === undefined || !/^\d+$/.test(value)) {
    throw new S3Error("MissingContentLength", "You must provide the Content-Length HTTP header.");
  }
  return Number(value);
}

/**
 * Streams the body to `tmpPath` while hashing it, then verifies length and digests. On any failure the temp file
 * is removed, so nothing partial is ever left for a rename to publish.
 */
export async function receiveToFile({ req, res, auth }: BodySource, tmpPath: string): Promise<BodyDigests> {
  const length = declaredLength(req);
  if (length > MAX_PUT_BYTES) {
    throw new S3Error("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size", { ProposedSize: String(length), MaxSizeAllowed: String(MAX_PUT_BYTES) });
  }
  const hasher = await createBodyHasher(readExpectations(req.headers, auth.payloadSha256));
  acceptBody(req, res);
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hasher.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(req, tap, createWriteStream(tmpPath, { flags: "wx" }));
    return finish(req, hasher, length);
  } catch (error) {
    await rm(tmpPath, { force: true });
    throw error instanceof S3Error ? error : incomplete();
  }
}

/**
 * Reads a small (XML) body into memory with the same digest checks. `objectChecksums`: the request's
 * x-amz-checksum-* headers describe the object being made (CompleteMultipartUpload), not this body.
 */
export async function receiveSmall({ req, res, auth }: BodySource, objectChecksums = false): Promise<Buffer> {
  const length = declaredLength(req);
  if (length > MAX_XML_BYTES) {
    throw new S3Error("MaxMessageLengthExceeded", "Your request was too big.");
  }
  const headers = objectChecksums ? withoutChecksums(req.headers) : req.headers;
  const hasher = await createBodyHasher(readExpectations(headers, auth.payloadSha256));
  acceptBody(req, res);
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of req) {
      hasher.update(chunk as Buffer);
      chunks.push(chunk as Buffer);
    }
  } catch {
    throw incomplete();
  }
  finish(req, hasher, length);
  return Buffer.concat(chunks);
}

// Clients that sent Expect: 100-continue wait for this before sending the body: every check that can fail
// without the body (auth, upload id, headers) has run by now, so a refused upload costs no transfer.
function acceptBody(req: IncomingMessage, res: ServerResponse): void {
  if (req.headers.expect?.toLowerCase() === "100-continue") res.writeContinue();
}

function finish(req: IncomingMessage, hasher: BodyHasher, length: number): BodyDigests {
  // Node ends the stream early without an error when the client half-closes; `complete` tells the two apart.
  if (!req.complete || hasher.size !== length) throw incomplete();
  return hasher.verify();
}

function withoutChecksums(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !/^x-amz-(sdk-)?checksum-/.test(name)));
}

function incomplete(): S3Error {
  return new S3Error("IncompleteBody", "You did not provide the number of bytes specified by the Content-Length HTTP header.");
}
