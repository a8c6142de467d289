import { escapeKeyPath, escapeUri } from "./uri-escape.js";

/** Everything about an object URL that does not depend on the key; computed once per signer. */
export interface RequestBase {
  readonly protocol: string;
  readonly hostname: string;
  readonly port: number | undefined;
  /** `host` header value: hostname plus a non-default port, as the SDK signs it. */
  readonly host: string;
  /** Escaped path in front of the key: endpoint path, plus `/bucket` in path style. */
  readonly pathPrefix: string;
}

/** Options of {@link createRequestBase}. */
export interface RequestBaseOptions {
  endpoint: string;
  bucket: string;
  forcePathStyle: boolean;
}

const IP_ADDRESS = /^\d+\.\d+\.\d+\.\d+$/;
const DNS_BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * Mirrors the SDK's S3 endpoint rule: a bucket goes into the hostname only when it is a valid DNS label and,
 * over TLS, has no dot (the wildcard certificate would not match). Anything else falls back to path style.
 */
function useVirtualHost(bucket: string, protocol: string, forcePathStyle: boolean): boolean {
  if (forcePathStyle || !DNS_BUCKET.test(bucket) || IP_ADDRESS.test(bucket)) return false;
  if (bucket.includes("..") || bucket.includes(".-") || bucket.includes("-.")) return false;
  return !(protocol === "https:" && bucket.includes("."));
}

/**
 * Parses the endpoint once, so signing a URL is string work only: no URL parsing and no SDK endpoint resolution
 * per call (which is what makes `getSignedUrl` slow).
 *
 * @throws TypeError when `endpoint` is not an absolute URL
 */
export function createRequestBase(options: RequestBaseOptions): RequestBase {
  const url = new URL(options.endpoint);
  const virtual = useVirtualHost(options.bucket, url.protocol, options.forcePathStyle);
  const hostname = virtual ? `${options.bucket}.${url.hostname}` : url.hostname;
  const port = url.port === "" ? undefined : Number(url.port);
  const endpointPath = url.pathname.replace(/\/+$/, "");
  return {
    protocol: url.protocol,
    hostname,
    port,
    host: port === undefined ? hostname : `${hostname}:${port}`,
    pathPrefix: virtual ? endpointPath : `${endpointPath}/${escapeUri(options.bucket)}`,
  };
}

/**
 * A function giving the escaped request path of a key under `base`. It remembers the last key because a batch
 * of part URLs is signed for one object, and escaping a long unicode key is a visible share of signing time.
 */
export function objectPathFor(base: RequestBase): (key: string) => string {
  let lastKey: string | undefined;
  let lastPath = "";
  return (key) => {
    if (key !== lastKey) {
      lastPath = `${base.pathPrefix}/${escapeKeyPath(key)}`;
      lastKey = key;
    }
    return lastPath;
  };
}
