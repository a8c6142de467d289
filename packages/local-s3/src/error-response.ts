import type { IncomingMessage, ServerResponse } from "node:http";
import { S3Error } from "./errors";
import { buildErrorXml } from "./xml";

// Past this many unread body bytes, draining costs more than a reconnect: close the connection instead.
const DRAIN_LIMIT = 8 * 1024 * 1024;

/** Answers with S3's XML error document (no body for HEAD or 304); unexpected errors become a bare 500. */
export function sendError(req: IncomingMessage, res: ServerResponse, error: unknown, resource: string, requestId: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const s3 = error instanceof S3Error ? error : internal(error);
  const headers: Record<string, string | number> = { ...s3.headers };
  if (!req.complete && Number(req.headers["content-length"] ?? 0) > DRAIN_LIMIT) headers.Connection = "close";
  if (req.method === "HEAD" || s3.status === 304) {
    res.writeHead(s3.status, headers);
    res.end();
    return;
  }
  const xml = buildErrorXml({ Code: s3.code, Message: s3.message, ...s3.extra, Resource: resource, RequestId: requestId });
  res.writeHead(s3.status, { ...headers, "Content-Type": "application/xml", "Content-Length": Buffer.byteLength(xml) });
  res.end(xml);
}

function internal(error: unknown): S3Error {
  // Logged here and nowhere else: the client only learns that something failed.
  console.error("local-s3: internal error", error);
  return new S3Error("InternalError", "We encountered an internal error. Please try again.");
}
