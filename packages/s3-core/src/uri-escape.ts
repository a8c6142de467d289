/**
 * RFC 3986 escaping exactly as the SDK does it (`escapeUri` in @smithy/core): encodeURIComponent plus `!'()*`.
 * Signed URLs must be byte-identical to the SDK's, and SigV4 canonicalisation depends on the same escaping.
 */
export function escapeUri(value: string): string {
  // Most signed values (dates, hex signatures, numbers) are already unreserved; skipping them is the hot path.
  if (UNRESERVED.test(value)) return value;
  return encodeURIComponent(value).replace(/[!'()*]/g, hexEncode);
}

const UNRESERVED = /^[A-Za-z0-9_.~-]*$/;

function hexEncode(char: string): string {
  return `%${char.charCodeAt(0).toString(16).toUpperCase()}`;
}

/** Escapes an object key segment by segment, keeping `/` as the SDK does for S3's greedy `{Key+}` label. */
export function escapeKeyPath(key: string): string {
  return key.split("/").map(escapeUri).join("/");
}

/** A query string with keys sorted by code unit, as the SDK's `formatUrl` renders a presigned request. */
export function buildQueryString(query: Readonly<Record<string, string>>): string {
  return Object.keys(query)
    .sort()
    .map((name) => `${escapeUri(name)}=${escapeUri(query[name] ?? "")}`)
    .join("&");
}
