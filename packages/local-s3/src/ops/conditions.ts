import type { IncomingHttpHeaders } from "node:http";
import { S3Error } from "../errors";
import type { ObjectMeta } from "../storage/objects";

/** Applies If-Match / If-None-Match / If-(Un)Modified-Since to a read, in the precedence RFC 9110 gives them. */
export function checkReadConditions(headers: IncomingHttpHeaders, meta: ObjectMeta): void {
  const modified = Math.floor(new Date(meta.lastModified).getTime() / 1000) * 1000;
  const ifMatch = headers["if-match"];
  const ifNoneMatch = headers["if-none-match"];
  if (ifMatch !== undefined && !etagListMatches(ifMatch, meta.etag)) throw failed("If-Match");
  if (ifMatch === undefined && olderThan(headers["if-unmodified-since"], modified, false)) throw failed("If-Unmodified-Since");
  if (ifNoneMatch !== undefined && etagListMatches(ifNoneMatch, meta.etag)) throw notModified(meta);
  if (ifNoneMatch === undefined && olderThan(headers["if-modified-since"], modified, true)) throw notModified(meta);
}

function etagListMatches(list: string, etag: string): boolean {
  const bare = etag.replace(/"/g, "");
  return list.split(",").some((item) => {
    const candidate = item.trim().replace(/^W\//, "").replace(/"/g, "");
    return candidate === "*" || candidate === bare;
  });
}

// For If-Modified-Since "true" means "not modified since"; for If-Unmodified-Since, "modified since".
function olderThan(value: string | undefined, modified: number, notModifiedSince: boolean): boolean {
  if (value === undefined) return false;
  const since = Date.parse(value);
  if (Number.isNaN(since)) return false;
  return notModifiedSince ? modified <= since : modified > since;
}

function failed(condition: string): S3Error {
  return new S3Error("PreconditionFailed", "At least one of the pre-conditions you specified did not hold", { Condition: condition });
}

function notModified(meta: ObjectMeta): S3Error {
  return new S3Error("NotModified", "Not Modified", {}, { ETag: meta.etag, "Last-Modified": new Date(meta.lastModified).toUTCString() });
}
