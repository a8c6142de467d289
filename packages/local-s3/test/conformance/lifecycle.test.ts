import { createHash } from "node:crypto";
import {
  DeleteBucketLifecycleCommand,
  GetBucketLifecycleConfigurationCommand,
  PutBucketLifecycleConfigurationCommand,
  type LifecycleRule,
} from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseS3Error } from "../support/clients.js";
import { rawRequest } from "../../src/testing/index.js";
import { signHeaderAuth } from "../support/sigv4.js";
import { gapTitle, getTarget, profile, type Target } from "../support/target.js";

let t: Target;
beforeAll(async () => {
  t = await getTarget("lifecycle");
});
afterAll(() => t.close());

const abortRule: LifecycleRule = {
  ID: "abort-incomplete",
  Filter: { Prefix: "" },
  Status: "Enabled",
  AbortIncompleteMultipartUpload: { DaysAfterInitiation: 3 },
};
const expireRule: LifecycleRule = { ID: "expire-tmp", Filter: { Prefix: "tmp/" }, Status: "Enabled", Expiration: { Days: 30 } };

const legacyPrefix = profile.lifecycleFilter === "legacy-prefix";

/** A rule as the provider answers it: AWS as sent; a legacy-prefix store moves an empty `Filter.Prefix` up to `Prefix`. */
function answered(rule: LifecycleRule): LifecycleRule {
  if (!legacyPrefix || rule.Filter?.Prefix !== "") return rule;
  const { Filter: _filter, ...rest } = rule;
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- the legacy element is what this provider answers
  return { ...rest, Prefix: "" };
}

/** The S3 error a call ends with (status and code), or "ok". */
async function outcome(call: Promise<unknown>): Promise<{ status?: number; code?: string } | "ok"> {
  return call.then(
    () => "ok" as const,
    (error: unknown) => {
      const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
      return { status: e.$metadata?.httpStatusCode, code: e.name };
    },
  );
}

/** PUT ?lifecycle with a hand-written body (header auth, Content-MD5 as S3 requires), on `bucket`. */
async function putRaw(bucket: string, body: string) {
  const md5 = createHash("md5").update(body).digest("base64");
  const req = await signHeaderAuth({ ...t, bucket }, { method: "PUT", key: "", query: { lifecycle: "" }, body, headers: { "content-md5": md5 } });
  const res = await rawRequest(req.url, { method: "PUT", headers: req.headers, body });
  return { status: res.status, code: parseS3Error(res.text).code };
}

describe("bucket lifecycle configuration (?lifecycle)", () => {
  it("GetBucketLifecycleConfiguration of a bucket without one is 404 NoSuchLifecycleConfiguration", async () => {
    const bucket = await t.createScratchBucket("lc-none");
    const got = await outcome(t.s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket })));
    expect(got).toEqual({ status: 404, code: "NoSuchLifecycleConfiguration" });
  });

  it(gapTitle(legacyPrefix,
    "Put stores the rules and Get answers them as sent; a second Put replaces them all",
    "Get answers a rule filtered on the empty prefix with a legacy top-level <Prefix/>; a second Put replaces them all"), async () => {
    const bucket = await t.createScratchBucket("lc-put");
    await t.s3.send(new PutBucketLifecycleConfigurationCommand({ Bucket: bucket, LifecycleConfiguration: { Rules: [abortRule, expireRule] } }));
    const got = await t.s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }));
    expect(got.Rules).toEqual([abortRule, expireRule].map(answered));
    await t.s3.send(new PutBucketLifecycleConfigurationCommand({ Bucket: bucket, LifecycleConfiguration: { Rules: [expireRule] } }));
    expect((await t.s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }))).Rules).toEqual([expireRule].map(answered));
  });

  it("DeleteBucketLifecycle is 204 and removes every rule", async () => {
    const bucket = await t.createScratchBucket("lc-delete");
    await t.s3.send(new PutBucketLifecycleConfigurationCommand({ Bucket: bucket, LifecycleConfiguration: { Rules: [abortRule] } }));
    const deleted = await t.s3.send(new DeleteBucketLifecycleCommand({ Bucket: bucket }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    const got = await outcome(t.s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket })));
    expect(got).toEqual({ status: 404, code: "NoSuchLifecycleConfiguration" });
  });

  it("a body that is not XML is 400 MalformedXML and the rules stay", async () => {
    const bucket = await t.createScratchBucket("lc-bad");
    await t.s3.send(new PutBucketLifecycleConfigurationCommand({ Bucket: bucket, LifecycleConfiguration: { Rules: [abortRule] } }));
    expect(await putRaw(bucket, "<LifecycleConfiguration><Rule>")).toEqual({ status: 400, code: "MalformedXML" });
    expect((await t.s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }))).Rules).toEqual([abortRule].map(answered));
  });

  it("a rule without Status is 400 MalformedXML", async () => {
    const bucket = await t.createScratchBucket("lc-status");
    const body = "<LifecycleConfiguration><Rule><ID>x</ID><Filter><Prefix></Prefix></Filter>" +
      "<AbortIncompleteMultipartUpload><DaysAfterInitiation>1</DaysAfterInitiation></AbortIncompleteMultipartUpload></Rule></LifecycleConfiguration>";
    expect(await putRaw(bucket, body)).toEqual({ status: 400, code: "MalformedXML" });
  });

  it("a lifecycle call on a bucket that does not exist is 404 NoSuchBucket", async () => {
    const got = await outcome(t.s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: t.uniqueBucketName("lc-absent") })));
    expect(got).toEqual({ status: 404, code: "NoSuchBucket" });
  });
});
