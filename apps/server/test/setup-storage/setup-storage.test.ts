import { PutBucketCorsCommand, PutBucketLifecycleConfigurationCommand } from "@aws-sdk/client-s3";
import type { CORSRule, LifecycleRule } from "@aws-sdk/client-s3";
import type { S3Target } from "@hoist/local-s3/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SETUP_EXIT } from "../../src/setup-storage/setup-storage";
import { s3Provider } from "../support/s3-target";
import { bucketConfig, ORIGIN, printedPolicy, runSetup, startSetupTarget } from "./setup-kit";

let target: S3Target;
beforeAll(async () => {
  target = await startSetupTarget();
});
afterAll(() => target.close());

const foreignCors: CORSRule = { ID: "other-tool", AllowedOrigins: ["https://other.example.com"], AllowedMethods: ["GET"], AllowedHeaders: ["*"] };
const foreignLifecycle: LifecycleRule = { ID: "other-expire", Filter: { Prefix: "tmp/" }, Status: "Enabled", Expiration: { Days: 30 } };

// Ceph RGW answers a rule's methods and origins in an order of its own, hence arrayContaining.
describe(`pnpm setup-storage on ${s3Provider}`, () => {
  it("a dry run on a bare bucket names what is missing, exits not-ready and changes nothing", async () => {
    const bucket = await target.createScratchBucket("setup-dry");
    const result = await runSetup(target, bucket);
    expect(result.exitCode).toBe(SETUP_EXIT.notReady);
    expect(result.missing).toEqual({ corsOrigins: [ORIGIN], lifecycleRoutes: ["default", "image"] });
    expect(result.output).toMatch(/CORS +missing for https:\/\/app\.example\.com/);
    expect(result.output).toMatch(/Lifecycle +missing for default\/, image\//);
    expect(result.output).toContain("run `pnpm setup-storage --apply`");
    expect(await bucketConfig(target, bucket)).toEqual({ cors: [], lifecycle: [] });
  });

  it("--apply sets CORS and the lifecycle rules; a dry run after it exits ready", async () => {
    const bucket = await target.createScratchBucket("setup-apply");
    expect((await runSetup(target, bucket, { apply: true })).exitCode).toBe(SETUP_EXIT.ready);
    const { cors, lifecycle } = await bucketConfig(target, bucket);
    expect(cors).toEqual([expect.objectContaining({ AllowedOrigins: [ORIGIN], AllowedMethods: expect.arrayContaining(["PUT", "GET", "HEAD"]) as unknown, ExposeHeaders: ["ETag"] })]);
    expect(lifecycle.map((rule) => rule.AbortIncompleteMultipartUpload?.DaysAfterInitiation)).toEqual([7, 7]);
    const again = await runSetup(target, bucket);
    expect(again.exitCode).toBe(SETUP_EXIT.ready);
    expect(again.output).toMatch(/CORS +ok/);
    expect(again.output).toMatch(/Lifecycle +ok/);
  });

  it("--apply keeps the bucket's other CORS and lifecycle rules", async () => {
    const bucket = await target.createScratchBucket("setup-keep");
    await target.s3.send(new PutBucketCorsCommand({ Bucket: bucket, CORSConfiguration: { CORSRules: [foreignCors] } }));
    await target.s3.send(new PutBucketLifecycleConfigurationCommand({ Bucket: bucket, LifecycleConfiguration: { Rules: [foreignLifecycle] } }));
    expect((await runSetup(target, bucket, { apply: true })).exitCode).toBe(SETUP_EXIT.ready);
    const { cors, lifecycle } = await bucketConfig(target, bucket);
    expect(cors).toHaveLength(2);
    expect(cors).toContainEqual(foreignCors);
    expect(lifecycle).toHaveLength(3);
    expect(lifecycle).toContainEqual(foreignLifecycle);
  });

  it("a broader foreign rule that would answer first without exposing ETag is not enough; Hoist's rule goes before it", async () => {
    const bucket = await target.createScratchBucket("setup-shadow");
    const shadowing: CORSRule = { ID: "wide-open", AllowedOrigins: ["*"], AllowedMethods: ["PUT", "GET", "HEAD"], AllowedHeaders: ["*"] };
    await target.s3.send(new PutBucketCorsCommand({ Bucket: bucket, CORSConfiguration: { CORSRules: [shadowing] } }));
    expect((await runSetup(target, bucket)).missing.corsOrigins).toEqual([ORIGIN]);
    expect((await runSetup(target, bucket, { apply: true })).exitCode).toBe(SETUP_EXIT.ready);
    expect((await bucketConfig(target, bucket)).cors.map((rule) => rule.ID)).toEqual(["hoist-browser-uploads", "wide-open"]);
  });

  it("a new origin in HOIST_CORS_ORIGINS is not ready until applied, and Hoist's rule is replaced, not repeated", async () => {
    const bucket = await target.createScratchBucket("setup-origin");
    await runSetup(target, bucket, { apply: true });
    const origins = [ORIGIN, "https://admin.example.com"];
    expect((await runSetup(target, bucket, { origins })).missing.corsOrigins).toEqual(["https://admin.example.com"]);
    expect((await runSetup(target, bucket, { origins, apply: true })).exitCode).toBe(SETUP_EXIT.ready);
    expect((await bucketConfig(target, bucket)).cors).toEqual([expect.objectContaining({ AllowedOrigins: expect.arrayContaining(origins) as unknown })]);
  });

  it("prints the IAM policy as valid JSON naming only the bucket and the routes' prefixes", async () => {
    const bucket = await target.createScratchBucket("setup-policy");
    const { output, policy } = await runSetup(target, bucket);
    expect(printedPolicy(output)).toEqual(policy);
    const resources = policy.Statement.flatMap((s) => [s.Resource].flat());
    expect(new Set(resources)).toEqual(new Set([`arn:aws:s3:::${bucket}/default/*`, `arn:aws:s3:::${bucket}/image/*`, `arn:aws:s3:::${bucket}`]));
    expect(policy.Statement.find((s) => s.Action.includes("s3:ListBucket"))?.Condition).toEqual({
      StringLike: { "s3:prefix": ["default/*", "image/*"] },
    });
    expect(policy.Statement.flatMap((s) => s.Action).filter((action) => /Cors|Lifecycle|\*/i.test(action))).toEqual([]);
  });
});

describe("pnpm setup-storage refusals say what to do", () => {
  it("a missing bucket", async () => {
    await expect(runSetup(target, target.uniqueBucketName("setup-absent"))).rejects.toThrow(/bucket "hoist-setup-absent-[^"]+" does not exist at .*create it/);
  });

  it("a key the store refuses", async () => {
    const storage = { secretAccessKey: "not-the-secret-0123456789abcdef" };
    await expect(runSetup(target, target.bucket, { storage })).rejects.toThrow(/access denied: HeadBucket on bucket "[^"]+" was refused/);
  });

  it("storage that does not answer", async () => {
    const storage = { endpoint: "http://127.0.0.1:9" };
    await expect(runSetup(target, target.bucket, { storage })).rejects.toThrow(/storage unreachable at http:\/\/127\.0\.0\.1:9/);
  });
});
