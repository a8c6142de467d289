import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { pino } from "pino";
import type { DestinationStream, Logger } from "pino";

/** pino's levels; `HOIST_LOG_LEVEL` takes one of them. */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

// A URL's query is where presigned URLs keep X-Amz-Signature and X-Amz-Credential, and where tokens travel.
const URL_QUERY = /(\b[a-z][a-z\d+.-]*:\/\/[^\s?#"'<>]*|^\/[^\s?#]*)\?[^\s#"'<>]*/gi;

/** `text` with every URL's query string replaced by `[redacted]`. */
export function withoutQueries(text: string): string {
  return text.replace(URL_QUERY, "$1?[redacted]");
}

/**
 * Errors as log fields: name, message, stack and codes, each scrubbed of URL queries, and their causes. Nothing
 * else: SDK errors carry requests and responses whose URLs may be presigned.
 */
function serializeError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error)) return typeof error === "string" ? withoutQueries(error) : error;
  const { code, hoistCode } = error as { code?: unknown; hoistCode?: unknown };
  return {
    type: error.name,
    message: withoutQueries(error.message),
    ...(error.stack !== undefined && { stack: withoutQueries(error.stack) }),
    ...(typeof code === "string" && { code }),
    ...(typeof hoistCode === "string" && { hoistCode }),
    ...(error.cause !== undefined && depth < 5 && { cause: serializeError(error.cause, depth + 1) }),
  };
}

/** A request as logged: method, path without its query, and the peer. Headers are never logged. */
function serializeRequest(req: { method?: string; url?: string; ip?: string }) {
  return { method: req.method, url: withoutQueries(req.url ?? ""), remoteAddress: req.ip };
}

/**
 * The server's logger: JSON lines (pino) at `level`, to stdout unless a destination is given (tests capture it).
 * Authorization headers are censored wherever they appear and URL queries never reach a line.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: {
      paths: ["authorization", "*.authorization", "headers.authorization", "*.headers.authorization", "*.headers.cookie"],
      censor: "[redacted]",
    },
    serializers: { req: serializeRequest, err: serializeError, error: serializeError },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}

// A caller's request id is kept only if it is short and plain: it is written into every log line of the request.
const SAFE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * Fastify's request id: the caller's `x-request-id` when safe (so a proxy's or client's id follows the request
 * into our logs), else a fresh UUID (unique across instances, unlike Fastify's per-process counter).
 */
export function requestId(req: IncomingMessage): string {
  const given = req.headers["x-request-id"];
  return typeof given === "string" && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
}
