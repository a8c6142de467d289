import { randomBytes } from "node:crypto";
import { receiveSmall } from "../body";
import { S3Error } from "../errors";
import { requireBucket, writeBucket } from "../storage/bucket-config";
import type { LifecycleRule } from "../types";
import { parseXml, type XmlNode } from "../xml";
import { sendEmpty, sendXml, type OpContext } from "./context";

// S3's limit; the actions are those of AWS's LifecycleRule schema (a rule needs at least one).
const MAX_RULES = 1000;
const ACTIONS = ["Expiration", "Transition", "NoncurrentVersionExpiration", "NoncurrentVersionTransition", "AbortIncompleteMultipartUpload"];

/** PutBucketLifecycleConfiguration (PUT ?lifecycle): replaces every rule, as S3 does. */
export async function putBucketLifecycle(ctx: OpContext): Promise<void> {
  const body = await receiveSmall(ctx);
  const rules = parseLifecycleXml(body.toString("utf8"));
  const settings = await requireBucket(ctx.root, ctx.bucket);
  await writeBucket(ctx.root, ctx.bucket, { ...settings, lifecycle: rules });
  sendEmpty(ctx.res, 200);
}

/** GetBucketLifecycleConfiguration (GET ?lifecycle): the rules as stored, or 404 NoSuchLifecycleConfiguration. */
export async function getBucketLifecycle(ctx: OpContext): Promise<void> {
  const rules = (await requireBucket(ctx.root, ctx.bucket)).lifecycle;
  if (rules === undefined || rules === null || rules.length === 0) {
    throw new S3Error("NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist", { BucketName: ctx.bucket });
  }
  sendXml(ctx.res, 200, "LifecycleConfiguration", { Rule: rules });
}

/** DeleteBucketLifecycle (DELETE ?lifecycle): 204, also when there was none. */
export async function deleteBucketLifecycle(ctx: OpContext): Promise<void> {
  const settings = await requireBucket(ctx.root, ctx.bucket);
  await writeBucket(ctx.root, ctx.bucket, { ...settings, lifecycle: null });
  sendEmpty(ctx.res, 204);
}

function malformed(): S3Error {
  return new S3Error("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema");
}

/**
 * Parses and validates a LifecycleConfiguration document. Rules are kept as sent (elements this store does not act
 * on included), so a client reading them back gets what it wrote; a rule without an ID gets a random one, as on AWS.
 */
export function parseLifecycleXml(text: string): LifecycleRule[] {
  const doc = parseXml(text).LifecycleConfiguration as { Rule?: unknown[] } | undefined;
  if (typeof doc !== "object" || !Array.isArray(doc.Rule) || doc.Rule.length === 0 || doc.Rule.length > MAX_RULES) throw malformed();
  const rules = doc.Rule.map((raw) => checkRule(raw));
  const ids = rules.map((rule) => rule.ID);
  if (new Set(ids).size !== ids.length) {
    throw new S3Error("InvalidArgument", "Rule ID must be unique. Found same ID for more than one rule", { ArgumentName: "ID" });
  }
  return rules;
}

function checkRule(raw: unknown): LifecycleRule {
  if (typeof raw !== "object" || raw === null) throw malformed();
  const rule = raw as Record<string, XmlNode | undefined>;
  if (rule.Status !== "Enabled" && rule.Status !== "Disabled") throw malformed();
  if (rule.Filter !== undefined && rule.Prefix !== undefined) throw malformed();
  if (!ACTIONS.some((action) => rule[action] !== undefined)) {
    throw new S3Error("InvalidRequest", "At least one action needs to be specified in a rule");
  }
  const id = rule.ID ?? randomBytes(24).toString("base64url");
  if (typeof id !== "string" || id.length > 255) {
    throw new S3Error("InvalidArgument", "ID length should not exceed allowed limit of 255", { ArgumentName: "ID" });
  }
  checkDays(rule.AbortIncompleteMultipartUpload, "DaysAfterInitiation", "AbortIncompleteMultipartUpload");
  checkDays(rule.Expiration, "Days", "Expiration");
  // ID first, as S3 lists it; a rule that had one keeps it (same value, same place).
  return { ID: id, ...rule };
}

/** `Days` of Expiration is optional (a Date may stand instead); DaysAfterInitiation is the whole of its action. */
function checkDays(action: XmlNode | undefined, field: string, name: string): void {
  if (action === undefined) return;
  const days = typeof action === "object" && !Array.isArray(action) ? action[field] : undefined;
  if (days === undefined) {
    if (name === "AbortIncompleteMultipartUpload") throw malformed();
    return;
  }
  if (typeof days !== "string" || !/^\d+$/.test(days) || Number(days) < 1) {
    throw new S3Error("InvalidArgument", `'${field}' for ${name} action must be a positive integer`, { ArgumentName: field, ArgumentValue: typeof days === "string" ? days : JSON.stringify(days) });
  }
}
