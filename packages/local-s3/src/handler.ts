import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { authenticate, type AuthConfig } from "./auth/authenticate";
import { sendError } from "./error-response";
import { notFound, S3Error } from "./errors";
import { answerPreflight, applyCors } from "./ops/cors";
import { parseRequestTarget, type RequestTarget } from "./request-target";
import { route } from "./router";
import { readBucket, type BucketSettings } from "./storage/bucket-config";
import { isBucketName } from "./storage/paths";

/** Server-wide settings every request needs. */
export interface HandlerConfig {
  root: string;
  auth: AuthConfig;
  minPartSize: number;
}

/** The node:http request listener: parse, CORS, authenticate, route, answer (or answer S3's error). */
export function createHandler(config: HandlerConfig): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const requestId = randomBytes(8).toString("hex").toUpperCase();
    res.setHeader("x-amz-request-id", requestId);
    res.setHeader("Server", "LocalS3");
    let resource = (req.url ?? "/").split("?")[0] ?? "/";
    handle(req, res, config, (target) => (resource = target.rawPath)).catch((error: unknown) => {
      sendError(req, res, error, resource, requestId);
    });
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, config: HandlerConfig, onTarget: (t: RequestTarget) => void): Promise<void> {
  const target = parseRequestTarget(req.url ?? "/");
  onTarget(target);
  const settings = isBucketName(target.bucket) ? await readBucket(config.root, target.bucket) : null;
  const method = req.method ?? "GET";
  if (method === "OPTIONS") {
    if (settings === null) throw new S3Error("AccessForbidden", "CORSResponse: Bucket not found");
    answerPreflight(req, res, settings.cors);
    return;
  }
  applyCors(req, res, settings?.cors ?? null);
  const auth = await authenticate(req, target, config.auth);
  const { op, needsBucket } = route(method, target);
  if (needsBucket && settings === null) throw notFound.bucket();
  if (auth.accessKeyId === null && !anonymousAllowed(method, target, settings)) {
    throw new S3Error("AccessDenied", "Access Denied");
  }
  await op({ req, res, root: config.root, bucket: target.bucket, key: target.key, query: target.query, auth, settings, region: config.auth.region, minPartSize: config.minPartSize });
}

// Public buckets take anonymous reads and object writes, never configuration changes.
function anonymousAllowed(method: string, target: RequestTarget, settings: BucketSettings | null): boolean {
  if (settings?.public !== true || target.query.has("cors")) return false;
  return method === "GET" || method === "HEAD" || (method === "PUT" && target.key !== "");
}
