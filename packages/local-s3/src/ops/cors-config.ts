import { receiveSmall } from "../body";
import { S3Error } from "../errors";
import { requireBucket, writeBucket } from "../storage/bucket-config";
import type { CorsRule } from "../types";
import { parseXml } from "../xml";
import { sendEmpty, sendXml, type OpContext } from "./context";

const METHODS = new Set(["GET", "PUT", "HEAD", "POST", "DELETE"]);

/** PutBucketCors (PUT ?cors). */
export async function putBucketCors(ctx: OpContext): Promise<void> {
  const body = await receiveSmall(ctx);
  const rules = parseCorsXml(body.toString("utf8"));
  const settings = await requireBucket(ctx.root, ctx.bucket);
  await writeBucket(ctx.root, ctx.bucket, { ...settings, cors: rules });
  sendEmpty(ctx.res, 200);
}

/** GetBucketCors (GET ?cors). */
export async function getBucketCors(ctx: OpContext): Promise<void> {
  const rules = (await requireBucket(ctx.root, ctx.bucket)).cors;
  if (rules === null || rules.length === 0) {
    throw new S3Error("NoSuchCORSConfiguration", "The CORS configuration does not exist", { BucketName: ctx.bucket });
  }
  sendXml(ctx.res, 200, "CORSConfiguration", {
    CORSRule: rules.map((r) => ({
      ID: r.id,
      AllowedHeader: r.allowedHeaders,
      AllowedMethod: r.allowedMethods,
      AllowedOrigin: r.allowedOrigins,
      ExposeHeader: r.exposeHeaders,
      MaxAgeSeconds: r.maxAgeSeconds,
    })),
  });
}

/** DeleteBucketCors (DELETE ?cors): 204. */
export async function deleteBucketCors(ctx: OpContext): Promise<void> {
  const settings = await requireBucket(ctx.root, ctx.bucket);
  await writeBucket(ctx.root, ctx.bucket, { ...settings, cors: null });
  sendEmpty(ctx.res, 204);
}

/** Parses and validates a CORSConfiguration document. */
export function parseCorsXml(text: string): CorsRule[] {
  const malformed = (): S3Error =>
    new S3Error("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema");
  const doc = parseXml(text).CORSConfiguration as { CORSRule?: unknown[] } | undefined;
  if (typeof doc !== "object" || !Array.isArray(doc.CORSRule) || doc.CORSRule.length === 0) throw malformed();
  return doc.CORSRule.map((raw) => {
    const r = raw as Record<string, unknown>;
    const list = (name: string): string[] | undefined => (Array.isArray(r[name]) ? (r[name] as unknown[]).map(String) : undefined);
    const allowedOrigins = list("AllowedOrigin");
    const allowedMethods = list("AllowedMethod");
    if (!allowedOrigins?.length || !allowedMethods?.length) throw malformed();
    const unsupported = allowedMethods.find((m) => !METHODS.has(m));
    if (unsupported !== undefined) {
      throw new S3Error("InvalidRequest", `Found unsupported HTTP method in CORS config. Unsupported method is ${unsupported}`);
    }
    const maxAge = typeof r.MaxAgeSeconds === "string" ? Number(r.MaxAgeSeconds) : undefined;
    const id = typeof r.ID === "string" ? { id: r.ID } : {};
    return { ...id, allowedOrigins, allowedMethods, allowedHeaders: list("AllowedHeader"), exposeHeaders: list("ExposeHeader"), maxAgeSeconds: maxAge };
  });
}
