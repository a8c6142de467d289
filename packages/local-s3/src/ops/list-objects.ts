import { S3Error } from "../errors";
import { sendXml, type OpContext } from "./context";
import { listArgs, listPage, type Cursor } from "./list-page";

/** ListObjectsV2 (GET ?list-type=2): UTF-8 binary order, delimiter roll-up, cursor-based continuation. */
export async function listObjectsV2(ctx: OpContext): Promise<void> {
  const args = listArgs(ctx);
  const { enc } = args;
  const token = ctx.query.get("continuation-token");
  const startAfter = ctx.query.get("start-after");
  const cursor = token !== undefined ? decodeToken(token) : startAfter ? { last: startAfter, prefix: false } : null;
  const page = await listPage(ctx, args, cursor);
  sendXml(ctx.res, 200, "ListBucketResult", {
    Name: ctx.bucket,
    Prefix: enc(args.prefix),
    Delimiter: args.delimiter === "" ? undefined : enc(args.delimiter),
    StartAfter: startAfter === undefined ? undefined : enc(startAfter),
    ContinuationToken: token,
    NextContinuationToken: page.truncated && page.last !== null ? encodeToken(page.last) : undefined,
    KeyCount: page.contents.length + page.prefixes.length,
    MaxKeys: args.maxKeys,
    EncodingType: args.urlEncode ? "url" : undefined,
    IsTruncated: page.truncated,
    Contents: page.contents,
    CommonPrefixes: page.prefixes.map((p) => ({ Prefix: enc(p) })),
  });
}

/**
 * ListObjects, version 1 (GET on the bucket without list-type), still the default of several popular tools:
 * `marker` instead of a token. Like S3, NextMarker is sent only with a delimiter (clients otherwise resume after
 * the last key), and a marker that is a common prefix resumes after every key rolled into it.
 */
export async function listObjectsV1(ctx: OpContext): Promise<void> {
  const args = listArgs(ctx);
  const { enc, prefix, delimiter } = args;
  const marker = ctx.query.get("marker") ?? "";
  const page = await listPage(ctx, args, marker === "" ? null : { last: marker, prefix: isCommonPrefix(marker, prefix, delimiter) });
  const owner = { ID: ctx.auth.accessKeyId ?? "anonymous", DisplayName: ctx.auth.accessKeyId ?? "anonymous" };
  sendXml(ctx.res, 200, "ListBucketResult", {
    Name: ctx.bucket,
    Prefix: enc(prefix),
    Marker: enc(marker),
    NextMarker: page.truncated && delimiter !== "" && page.last !== null ? enc(page.last.last) : undefined,
    MaxKeys: args.maxKeys,
    Delimiter: delimiter === "" ? undefined : enc(delimiter),
    EncodingType: args.urlEncode ? "url" : undefined,
    IsTruncated: page.truncated,
    Contents: page.contents.map((c) => ({ ...c, Owner: owner })),
    CommonPrefixes: page.prefixes.map((p) => ({ Prefix: enc(p) })),
  });
}

// A marker ending at the first delimiter after the prefix names a whole roll-up, as NextMarker does.
function isCommonPrefix(marker: string, prefix: string, delimiter: string): boolean {
  if (delimiter === "" || !marker.startsWith(prefix)) return false;
  return marker.indexOf(delimiter, prefix.length) === marker.length - delimiter.length;
}

function encodeToken(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function decodeToken(token: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString()) as Partial<Cursor>;
    if (typeof parsed.last === "string" && typeof parsed.prefix === "boolean") return { last: parsed.last, prefix: parsed.prefix };
  } catch {
    // fall through to the S3 answer for a token we did not issue
  }
  throw new S3Error("InvalidArgument", "The continuation token provided is incorrect", { ArgumentName: "continuation-token" });
}
