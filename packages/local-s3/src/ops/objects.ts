import type { FileHandle } from "node:fs/promises";
import { open } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { receiveToFile } from "../body";
import { notFound, S3Error } from "../errors";
import { isNotFound } from "../storage/fs-util";
import { commitObject, deleteObject as removeObject, objectDataPath, preconditionFailed, readObject, type ObjectMeta } from "../storage/objects";
import { paths } from "../storage/paths";
import { checkReadConditions } from "./conditions";
import { sendEmpty, type OpContext } from "./context";
import { checksumHeaders, objectHeaders, storedAttributes } from "./object-headers";
import { resolveRange } from "./range";

/** PutObject: stream to a temp file, verify length and digests, then publish atomically. */
export async function putObject(ctx: OpContext): Promise<void> {
  const { req, root, bucket, key } = ctx;
  if (req.headers["x-amz-copy-source"] !== undefined) {
    throw new S3Error("NotImplemented", "CopyObject is not implemented by this local S3.");
  }
  const createOnly = requireCreateOnly(req.headers["if-none-match"]);
  if (createOnly && (await readObject(root, bucket, key)) !== null) throw preconditionFailed();
  const attributes = storedAttributes(req);
  const tmp = paths.tmp(root);
  const digests = await receiveToFile(ctx, tmp);
  const meta = await commitObject(root, bucket, tmp, { key, size: digests.size, etag: `"${digests.md5Hex}"`, ...attributes, checksums: digests.checksums }, createOnly);
  sendEmpty(ctx.res, 200, { ETag: meta.etag, ...checksumHeaders(meta.checksums) });
}

/** S3 conditional writes support only `If-None-Match: *`. */
export function requireCreateOnly(header: string | undefined): boolean {
  if (header === undefined) return false;
  if (header.trim() === "*") return true;
  throw new S3Error("NotImplemented", "A header you provided implies functionality that is not implemented", { Header: "If-None-Match" });
}

/** GetObject, with Range, conditional headers and response-* overrides. */
export async function getObject(ctx: OpContext): Promise<void> {
  await readOut(ctx, true);
}

/** HeadObject: GetObject's headers without the body. */
export async function headObject(ctx: OpContext): Promise<void> {
  await readOut(ctx, false);
}

/** DeleteObject: 204 whether or not the key existed. */
export async function deleteObject(ctx: OpContext): Promise<void> {
  await removeObject(ctx.root, ctx.bucket, ctx.key);
  sendEmpty(ctx.res, 204);
}

async function readOut(ctx: OpContext, withBody: boolean): Promise<void> {
  const { meta, file } = await openObject(ctx);
  try {
    checkReadConditions(ctx.req.headers, meta);
    const range = resolveRange(ctx.req.headers.range, meta.size);
    const checksumMode = String(ctx.req.headers["x-amz-checksum-mode"]).toUpperCase() === "ENABLED";
    const headers: Record<string, string | number> = objectHeaders(meta, ctx.query, checksumMode && range === null);
    if (range !== null) headers["Content-Range"] = `bytes ${range.start}-${range.end}/${meta.size}`;
    headers["Content-Length"] = range === null ? meta.size : range.end - range.start + 1;
    ctx.res.writeHead(range === null ? 200 : 206, headers);
    if (!withBody || headers["Content-Length"] === 0) {
      ctx.res.end();
      return;
    }
    const stream = file.createReadStream({ start: range?.start ?? 0, end: range?.end ?? meta.size - 1, autoClose: false });
    // A client that hangs up mid-download is not a server error.
    await pipeline(stream, ctx.res).catch(() => undefined);
  } finally {
    await file.close();
  }
}

/** Opens the current version; retries once if a concurrent overwrite removed the data file in between. */
async function openObject(ctx: OpContext): Promise<{ meta: ObjectMeta; file: FileHandle }> {
  for (let attempt = 0; ; attempt++) {
    const meta = await readObject(ctx.root, ctx.bucket, ctx.key);
    if (meta === null) throw notFound.key();
    try {
      return { meta, file: await open(objectDataPath(ctx.root, ctx.bucket, meta)) };
    } catch (error) {
      if (!isNotFound(error) || attempt > 0) throw error;
    }
  }
}
