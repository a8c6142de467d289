import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { BodyHasher, type BodyDigests, type BodyExpectations } from "./checksums";
import { S3Error } from "./errors";

/** Largest XML request body (Complete, CORS) read into memory. */
const MAX_XML_BYTES = 2 * 1024 * 1024;

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
export async function receiveToFile(req: IncomingMessage, tmpPath: string, expect: BodyExpectations): Promise<BodyDigests> {
  const length = declaredLength(req);
  const hasher = new BodyHasher(expect);
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

/** Reads a small (XML) body into memory with the same digest checks. */
export async function receiveSmall(req: IncomingMessage, expect: BodyExpectations): Promise<Buffer> {
  const length = declaredLength(req);
  if (length > MAX_XML_BYTES) {
    throw new S3Error("MaxMessageLengthExceeded", "Your request was too big.");
  }
  const hasher = new BodyHasher(expect);
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

function finish(req: IncomingMessage, hasher: BodyHasher, length: number): BodyDigests {
  // Node ends the stream early without an error when the client half-closes; `complete` tells the two apart.
  if (!req.complete || hasher.size !== length) throw incomplete();
  return hasher.verify();
}

function incomplete(): S3Error {
  return new S3Error("IncompleteBody", "You did not provide the number of bytes specified by the Content-Length HTTP header.");
}
