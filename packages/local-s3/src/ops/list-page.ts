import { objectKeys, readObject } from "../storage/objects";
import type { SortedList } from "../storage/sorted-list";
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
  const page = walk(await objectKeys(ctx.root, ctx.bucket), args, cursor);
  // The page's sidecars are read at once (libuv's pool bounds the parallel reads), in the page's order.
  const metas = await Promise.all(page.keys.map((key) => readObject(ctx.root, ctx.bucket, key)));
  const contents: ListPage["contents"] = [];
  for (const meta of metas) {
    if (meta !== null) contents.push({ Key: args.enc(meta.key), LastModified: meta.lastModified, ETag: meta.etag, Size: meta.size, StorageClass: "STANDARD" });
  }
  return { contents, prefixes: page.prefixes, truncated: page.truncated, last: page.last };
}

interface RolledUp {
  keys: string[];
  prefixes: string[];
  truncated: boolean;
  last: Cursor | null;
}

/** The first byte string after every string that starts with `prefix` (null: there is none). */
function pastPrefix(prefix: Buffer): Buffer | null {
  let end = prefix.length;
  while (end > 0 && prefix[end - 1] === 0xff) end -= 1;
  if (end === 0) return null;
  const next = Buffer.from(prefix.subarray(0, end));
  next[end - 1] = (next[end - 1] as number) + 1;
  return next;
}

/** Index of the first key at or after `bound` (past the end for null). */
function seekTo(keys: SortedList<Buffer>, bound: Buffer | null, strict = false): number {
  if (bound === null) return keys.length;
  return keys.seek((key) => (strict ? Buffer.compare(key, bound) > 0 : Buffer.compare(key, bound) >= 0));
}

// Seeks to the cursor (past every key under it when it was a common prefix) and the prefix, then reads on: keys
// sharing a prefix up to the delimiter count once, as one CommonPrefix, and are skipped in one seek.
function walk(keys: SortedList<Buffer>, args: ListArgs, cursor: Cursor | null): RolledUp {
  const { prefix, delimiter, maxKeys } = args;
  const page: RolledUp = { keys: [], prefixes: [], truncated: false, last: null };
  const from = cursor === null ? 0 : cursor.prefix ? seekTo(keys, pastPrefix(Buffer.from(cursor.last))) : seekTo(keys, Buffer.from(cursor.last), true);
  const wanted = Buffer.from(prefix);
  for (let i = Math.max(from, seekTo(keys, wanted)); i < keys.length; ) {
    const bytes = keys.at(i) as Buffer;
    if (!bytes.subarray(0, wanted.length).equals(wanted)) break;
    if (page.keys.length + page.prefixes.length >= maxKeys) {
      page.truncated = true;
      break;
    }
    const key = bytes.toString();
    const cut = delimiter === "" ? -1 : key.indexOf(delimiter, prefix.length);
    if (cut === -1) {
      page.keys.push(key);
      page.last = { last: key, prefix: false };
      i += 1;
    } else {
      const common = key.slice(0, cut + delimiter.length);
      page.prefixes.push(common);
      page.last = { last: common, prefix: true };
      i = seekTo(keys, pastPrefix(Buffer.from(common)));
    }
  }
  return page;
}
