import type { IncomingMessage, ServerResponse } from "node:http";
import type { AuthResult } from "../auth/authenticate";
import type { BucketSettings } from "../storage/bucket-config";
import { buildXml, type XmlNode } from "../xml";

/** What every operation handler receives. */
export interface OpContext {
  req: IncomingMessage;
  res: ServerResponse;
  /** Data directory. */
  root: string;
  bucket: string;
  key: string;
  query: Map<string, string>;
  auth: AuthResult;
  /** null only for operations that run before the bucket exists (CreateBucket, ListBuckets). */
  settings: BucketSettings | null;
  region: string;
  minPartSize: number;
}

/** An operation: answers the request or throws an S3Error. */
export type Operation = (ctx: OpContext) => Promise<void>;

/** Sends an XML document body. */
export function sendXml(res: ServerResponse, status: number, root: string, body: Record<string, XmlNode | undefined>): void {
  const xml = buildXml(root, body);
  res.writeHead(status, { "Content-Type": "application/xml", "Content-Length": Buffer.byteLength(xml) });
  res.end(xml);
}

/** Sends a body-less answer. */
export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string | number> = {}): void {
  res.writeHead(status, { ...headers, "Content-Length": 0 });
  res.end();
}
