import { listKeys, readObject } from "../storage/objects";
import type { OpContext } from "./context";
import { parseNonNegative } from "./multipart";

/** Where a listing resumes: after this key, or after every key under this common prefix. */
export interface Cursor {
  /** Last key or common prefix returned. */
  last: string;
  /** True when `last` was a common prefix: every key under it was already summarised. */
  prefix: boolean;
}

/** Query arguments ListObjects V1 and V2 share. */
export interface ListArgs {
  prefix: string;
  delimiter: string;
  maxKeys: number;
  /** Encodes a key, prefix or delimiter for the response (`encoding-type=url`). */
  enc: (s: string) => string;
  urlEncode: boolean;
}

/** One page: object entries, common prefixes, and the cursor of its last entry. */
export interface ListPage {
  contents: { Key: string; LastModified: string; ETag: string; Size: number; StorageClass: string }[];
  prefixes: string[];
  truncated: boolean;
  last: Cursor | null;
}

/** Reads prefix, delimiter, max-keys (capped at 1000 as S3 does) and encoding-type. */
export function listArgs(ctx: OpContext): ListArgs {
  const urlEncode = ctx.query.get("encoding-type") === "url";
  return {
    prefix: ctx.query.get("prefix") ?? "",
    delimiter: ctx.query.get("delimiter") ?? "",
    maxKeys: Math.min(parseNonNegative(ctx.query.get("max-keys"), "max-keys", 1000), 1000),
    enc: (s) => (urlEncode ? encodeURIComponent(s).replace(/%2F/g, "/") : s),
    urlEncode,
  };
}

/** The page of keys after `cursor`, in UTF-8 binary order, with delimiter roll-up. */
export async function listPage(ctx: OpContext, args: ListArgs, cursor: Cursor | null): Promise<ListPage> {
  const page = rollUp(await keysAfter(ctx, args.prefix, cursor), args.prefix, args.delimiter, args.maxKeys);
  const contents: ListPage["contents"] = [];
  for (const key of page.keys) {
    const meta = await readObject(ctx.root, ctx.bucket, key);
    if (meta !== null) contents.push({ Key: args.enc(key), LastModified: meta.lastModified, ETag: meta.etag, Size: meta.size, StorageClass: "STANDARD" });
  }
  return { contents, prefixes: page.prefixes, truncated: page.truncated, last: page.last };
}

interface RolledUp {
  keys: string[];
  prefixes: string[];
  truncated: boolean;
  last: Cursor | null;
}

// Keys sharing a prefix up to the delimiter count once, as one CommonPrefix, towards max-keys.
function rollUp(candidates: string[], prefix: string, delimiter: string, maxKeys: number): RolledUp {
  const page: RolledUp = { keys: [], prefixes: [], truncated: false, last: null };
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
