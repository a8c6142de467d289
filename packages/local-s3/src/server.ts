import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { createHandler } from "./handler";
import { createBucket, initStore, readBucket, writeBucket } from "./storage/bucket-config";
import { isBucketName } from "./storage/paths";
import type { BucketConfig, CorsRule, LocalS3, LocalS3Options } from "./types";

const FIVE_MIB = 5 * 1024 * 1024;
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/**
 * A client has `ms` to send its header block, and a connection on which nothing moves for `ms` is closed: a slow
 * but steady 5 GiB part is never cut, a stalled one is. Node checks header deadlines every
 * `connectionsCheckingInterval` (30 s by default), so that runs at a quarter of the timeout, at most every second.
 */
function timeouts(ms: number) {
  if (!Number.isInteger(ms) || ms <= 0) throw new Error(`local-s3: requestTimeoutMs must be a positive integer, got ${ms}`);
  return {
    requestTimeout: 0,
    headersTimeout: ms,
    keepAliveTimeout: Math.min(5_000, ms),
    connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(ms / 4))),
  };
}

/** Starts the server: prepares the data directory and configured buckets, then listens. */
export async function startLocalS3(opts: LocalS3Options): Promise<LocalS3> {
  const root = resolve(opts.dataDir);
  await initStore(root);
  for (const entry of opts.buckets ?? []) await ensureBucket(root, typeof entry === "string" ? { name: entry } : entry, opts.cors);
  const credentials = Array.isArray(opts.credentials) ? opts.credentials : [opts.credentials];
  const handler = createHandler({
    root,
    minPartSize: opts.minPartSize ?? FIVE_MIB,
    auth: {
      region: opts.region ?? "us-east-1",
      secrets: new Map(credentials.map((c) => [c.accessKeyId, c.secretAccessKey])),
      tokens: new Map(credentials.flatMap((c) => (c.sessionToken === undefined ? [] : [[c.accessKeyId, c.sessionToken] as const]))),
    },
  });
  const requestTimeoutMs = opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const server = createServer(timeouts(requestTimeoutMs), handler);
  // With no 'timeout' listener, Node destroys a socket idle for this long (no byte read or written).
  server.setTimeout(requestTimeoutMs);
  // Handled like any request; the body reader sends 100 Continue only once the request passed every check.
  server.on("checkContinue", handler);
  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", fail);
      ok();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((ok, fail) => {
        server.close((error) => {
          if (error) fail(error);
          else ok();
        });
        server.closeIdleConnections();
      }),
  };
}

// Config given at start wins over what is on disk, so a changed option takes effect on restart.
async function ensureBucket(root: string, config: BucketConfig, defaultCors: CorsRule[] | undefined): Promise<void> {
  if (!isBucketName(config.name)) throw new Error(`local-s3: invalid bucket name ${JSON.stringify(config.name)}`);
  const wanted = { public: config.public ?? false, cors: config.cors ?? defaultCors ?? null };
  if (await createBucket(root, config.name, wanted)) return;
  const current = await readBucket(root, config.name);
  if (current !== null) await writeBucket(root, config.name, { ...current, ...wanted });
}
