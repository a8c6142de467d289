import { S3Error } from "../errors";
import { listKeys, readObject } from "../storage/objects";
import { sendXml, type OpContext } from "./context";
import { parseNonNegative } from "./multipart";

interface Cursor {
  /** Last key or common prefix returned. */
  last: string;
  /** True when `last` was a common prefix: every key under it was already summarised. */
  prefix: boolean;
}

/** ListObjectsV2 (GET ?list-type=2): UTF-8 binary order, delimiter roll-up, cursor-based continuation. */
export async function listObjectsV2(ctx: OpContext): Promise<void> {
  const prefix = ctx.query.get("prefix") ?? "";
  const delimiter = ctx.query.get("delimiter") ?? "";
  const maxKeys = Math.min(parseNonNegative(ctx.query.get("max-keys"), "max-keys", 1000), 1000);
  const token = ctx.query.get("continuation-token");
  const startAfter = ctx.query.get("start-after");
  const cursor = token !== undefined ? decodeToken(token) : startAfter ? { last: startAfter, prefix: false } : null;
  const urlEncode = ctx.query.get("encoding-type") === "url";
  const enc = (s: string): string => (urlEncode ? encodeURIComponent(s).replace(/%2F/g, "/") : s);

  const { keys, prefixes, truncated, last } = rollUp(await keysAfter(ctx, prefix, cursor), prefix, delimiter, maxKeys);
  const contents = [];
  for (const key of keys) {
    const meta = await readObject(ctx.root, ctx.bucket, key);
    if (meta !== null) contents.push({ Key: enc(key), LastModified: meta.lastModified, ETag: meta.etag, Size: meta.size, StorageClass: "STANDARD" });
  }
  sendXml(ctx.res, 200, "ListBucketResult", {
    Name: ctx.bucket,
    Prefix: enc(prefix),
    Delimiter: delimiter === "" ? undefined : enc(delimiter),
    StartAfter: startAfter === undefined ? undefined : enc(startAfter),
    ContinuationToken: token,
    NextContinuationToken: truncated && last !== null ? encodeToken(last) : undefined,
    KeyCount: keys.length + prefixes.length,
    MaxKeys: maxKeys,
    EncodingType: urlEncode ? "url" : undefined,
    IsTruncated: truncated,
    Contents: contents,
    CommonPrefixes: prefixes.map((p) => ({ Prefix: enc(p) })),
  });
}

interface Page {
  keys: string[];
  prefixes: string[];
  truncated: boolean;
  last: Cursor | null;
}

// Keys sharing a prefix up to the delimiter count once, as one CommonPrefix, towards max-keys.
function rollUp(candidates: string[], prefix: string, delimiter: string, maxKeys: number): Page {
  const page: Page = { keys: [], prefixes: [], truncated: false, last: null };
  for (const key of candidates) {
    const cut = delimiter === "" ? -1 : key.indexOf(delimiter, prefix.length);
    const common = cut === -1 ? null : key.slice(0, cut + delimiter.length);
    if (common !== null && common === page.prefixes.at(-1)) continue;
    if (page.keys.length + page.prefixes.length >= maxKeys) {
      page.truncated = true;
      break;
    }
    if (common === null) page.keys.push(key);
    else page.prefixes.push(common);
    page.last = { last: common ?? key, prefix: common !== null };
  }
  return page;
}

async function keysAfter(ctx: OpContext, prefix: string, cursor: Cursor | null): Promise<string[]> {
  const from = cursor === null ? null : Buffer.from(cursor.last);
  return (await listKeys(ctx.root, ctx.bucket))
    .filter((key) => from === null || (Buffer.compare(key, from) > 0 && !(cursor?.prefix === true && key.subarray(0, from.length).equals(from))))
    .map((key) => key.toString())
    .filter((key) => key.startsWith(prefix));
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
