import { S3Error } from "./errors";

/** The addressed resource of a path-style request, plus its query both as pairs and by name. */
export interface RequestTarget {
  /** Path exactly as received: SigV4 signs this encoding, not the decoded key. */
  rawPath: string;
  bucket: string;
  /** Decoded object key; "" for bucket-level requests. */
  key: string;
  /** Every query parameter in order, decoded; repeated names kept (the signature covers them all). */
  pairs: [string, string][];
  /** First value of each parameter, for routing and operation arguments. */
  query: Map<string, string>;
}

const MAX_KEY_BYTES = 1024;

/** Splits `/bucket/key?query` (path-style addressing) into its parts; bad percent-encoding is InvalidURI. */
export function parseRequestTarget(url: string): RequestTarget {
  const q = url.indexOf("?");
  const rawPath = q === -1 ? url : url.slice(0, q);
  const pairs = q === -1 ? [] : parseQuery(url.slice(q + 1));
  const slash = rawPath.indexOf("/", 1);
  const bucket = decode(slash === -1 ? rawPath.slice(1) : rawPath.slice(1, slash));
  const key = slash === -1 ? "" : decode(rawPath.slice(slash + 1));
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) {
    throw new S3Error("KeyTooLongError", "Your key is too long");
  }
  const query = new Map<string, string>();
  for (const [name, value] of pairs) if (!query.has(name)) query.set(name, value);
  return { rawPath, bucket, key, pairs, query };
}

// Not URLSearchParams: it turns "+" into a space, which would change what the signature is checked over.
function parseQuery(raw: string): [string, string][] {
  return raw
    .split("&")
    .filter((part) => part !== "")
    .map((part) => {
      const eq = part.indexOf("=");
      return eq === -1 ? [decode(part), ""] : [decode(part.slice(0, eq)), decode(part.slice(eq + 1))];
    });
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new S3Error("InvalidURI", "Couldn't parse the specified URI.");
  }
}
