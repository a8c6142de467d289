import { GetObjectCommand, PutBucketCorsCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exchange, parseS3Error } from "../support/clients.js";
import { expectOk } from "../support/expect-s3.js";
import { rawRequest, type RawResponse } from "../../src/testing/index.js";
import { gapTitle, getTarget, profile, type Target } from "../support/target.js";

const ORIGIN = "https://app.example.com";
let t: Target;
let withCors: string;
let withoutCors: string;
beforeAll(async () => {
  t = await getTarget("cors");
  withCors = await t.createScratchBucket("cors-on");
  withoutCors = await t.createScratchBucket("cors-off");
  await t.s3.send(new PutBucketCorsCommand({
    Bucket: withCors,
    CORSConfiguration: {
      CORSRules: [{ AllowedOrigins: [ORIGIN], AllowedMethods: ["GET", "PUT"], AllowedHeaders: ["*"], ExposeHeaders: ["ETag"], MaxAgeSeconds: 600 }],
    },
  }));
  await t.s3.send(new PutObjectCommand({ Bucket: withCors, Key: "object.txt", Body: "cors" }));
});
afterAll(() => t.close());

function preflight(bucket: string, origin: string, method: string, headers = "content-type"): Promise<RawResponse> {
  return rawRequest(`${t.endpoint}/${bucket}/object.txt`, {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": method, "access-control-request-headers": headers },
  });
}

/** A rejected preflight: 403 with the provider's XML error code and no CORS grant. */
function expectForbidden(res: RawResponse): void {
  expect({ status: res.status, code: parseS3Error(res.text).code }).toEqual({ status: 403, code: profile.corsRejectCode });
  expect(res.headers["access-control-allow-origin"]).toBeUndefined();
}

function list(value: string | undefined): string[] {
  return (value ?? "").split(",").map((s) => s.trim().toLowerCase()).filter((s) => s !== "");
}

const corsGap = profile.corsRejectCode !== "AccessForbidden";

describe("CORS preflight (OPTIONS, unauthenticated)", () => {
  it("a configured origin and method is 200 with Access-Control-Allow-Origin and -Allow-Methods", async () => {
    const res = await preflight(withCors, ORIGIN, "PUT");
    expect(res.status).toBe(200);
    expect(res.headers["access-control-allow-origin"]).toBe(ORIGIN);
    expect(list(res.headers["access-control-allow-methods"])).toContain("put");
    expect(list(res.headers["access-control-allow-headers"])).toContain("content-type");
    expect(list(res.headers["access-control-expose-headers"])).toContain("etag");
    expect(res.headers["access-control-max-age"]).toBe("600");
  });

  it(gapTitle(corsGap,
    "an origin that no rule allows is 403 AccessForbidden",
    "a preflight from an origin that no rule allows is 403 AccessDenied (AWS: AccessForbidden)"), async () => {
    const res = await preflight(withCors, "https://evil.example.com", "PUT");
    expectForbidden(res);
  });

  it(gapTitle(corsGap,
    "a method that no rule allows is 403 AccessForbidden",
    "a preflight for a method that no rule allows is 403 AccessDenied (AWS: AccessForbidden)"), async () => {
    const res = await preflight(withCors, ORIGIN, "DELETE");
    expectForbidden(res);
  });

  it(gapTitle(corsGap,
    "a bucket without CORS configuration is 403 AccessForbidden",
    "a preflight to a bucket without CORS is 403 AccessDenied (AWS: AccessForbidden)"), async () => {
    const res = await preflight(withoutCors, ORIGIN, "GET");
    expectForbidden(res);
  });
});

describe("CORS on actual requests (presigned, with an Origin header)", () => {
  it("a GET from an allowed origin carries Access-Control-Allow-Origin and exposes ETag", async () => {
    const out = await exchange(t.s3, "presigned", new GetObjectCommand({ Bucket: withCors, Key: "object.txt" }), { headers: { origin: ORIGIN } });
    expectOk(out);
    expect(out.headers["access-control-allow-origin"]).toBe(ORIGIN);
    expect(list(out.headers["access-control-expose-headers"])).toContain("etag");
  });

  it("a PUT from an allowed origin carries Access-Control-Allow-Origin and exposes ETag", async () => {
    const out = await exchange(t.s3, "presigned", new PutObjectCommand({ Bucket: withCors, Key: "put.txt", Body: "x" }), { headers: { origin: ORIGIN } });
    expectOk(out);
    expect(out.headers["access-control-allow-origin"]).toBe(ORIGIN);
    expect(list(out.headers["access-control-expose-headers"])).toContain("etag");
    expect(out.headers.etag).toBeTruthy();
  });

  it("a GET from another origin succeeds without CORS headers", async () => {
    const out = await exchange(t.s3, "presigned", new GetObjectCommand({ Bucket: withCors, Key: "object.txt" }), { headers: { origin: "https://evil.example.com" } });
    expectOk(out);
    expect(out.headers["access-control-allow-origin"]).toBeUndefined();
  });
});
