import { PutObjectCommand } from "@aws-sdk/client-s3";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweep } from "@hoist/api";
import { configFromEnv } from "../../src/config";
import { readEnv } from "../../src/env";
import { startServer } from "../../src/start";
import type { RunningServer } from "../../src/start";
import { expectHoistError } from "../support/bad-input-expect";
import { partFloor } from "../support/harness";
import { rawRequest } from "@hoist/local-s3/testing";
import { startStack } from "../support/matrix";
import type { Stack } from "../support/matrix";
import { testBytes, uploadFile } from "../support/upload";

/** The value of one sample in Prometheus' text format, e.g. `hoist_urls_signed_total` or `name{label="x"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("GET /metrics of a real server", () => {
  let stack: Stack;
  let clock = new Date();
  // Far above the counted user's few calls; the clock stands still, so every call falls in one rate window.
  const rateLimit = 30;

  beforeAll(async () => {
    stack = await startStack("pglite", { api: { now: () => clock, rateLimit } });
  });
  afterAll(() => stack.close());

  it("counts an upload, a failed complete, a refused create, signed URLs, a sweep and a rate-limit refusal; process metrics too", async () => {
    const client = await stack.api.client("counted");
    const bytes = testBytes(partFloor(stack.s3) * 2);
    const { created } = await uploadFile(client, { name: "two-parts.bin", type: "application/octet-stream", bytes });
    expect(created.partCount).toBe(2);
    // Storage holds 99 bytes where 100 were declared: complete refuses it (see bad-input/complete-verdict).
    const short = await client.upload.create.mutate({ name: "short.txt", size: 100, type: "text/plain" });
    const { client: s3, bucket } = stack.api.server.deps.storage;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: short.key, Body: testBytes(99), ContentType: "text/plain" }));
    await expectHoistError(client.upload.complete.mutate({ uploadId: short.uploadId }), "CONFLICT", "SIZE_MISMATCH");
    await expectHoistError(client.upload.create.mutate({ route: "image", name: "a.txt", size: 1, type: "text/plain" }), "UNSUPPORTED_MEDIA_TYPE", "TYPE_NOT_ALLOWED");
    // The short upload is still open (a single PUT may be sent again); past its expiry the sweeper ends it.
    clock = new Date(clock.getTime() + 30 * 24 * 3600_000);
    expect((await sweep(stack.api.server.deps, { graceSeconds: 0 })).expired).toBe(1);
    const hasty = await stack.api.client("hasty");
    for (let call = 0; call < rateLimit; call += 1) await hasty.upload.routes.query({});
    await expectHoistError(hasty.upload.routes.query({}), "TOO_MANY_REQUESTS", "RATE_LIMITED");

    const res = await rawRequest(`${stack.api.url}/metrics`, { method: "GET" });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.body.toString();
    expect(sample(text, 'hoist_uploads_created_total{route="default"}')).toBe(2);
    expect(sample(text, 'hoist_uploads_completed_total{route="default"}')).toBe(1);
    expect(sample(text, 'hoist_bytes_completed_total{route="default"}')).toBe(bytes.length);
    expect(sample(text, 'hoist_uploads_failed_total{route="default",hoist_code="SIZE_MISMATCH"}')).toBe(1);
    expect(sample(text, 'hoist_uploads_failed_total{route="image",hoist_code="TYPE_NOT_ALLOWED"}')).toBe(1);
    // Two part URLs in one signParts call, and the single PUT URL of the short upload.
    expect(sample(text, "hoist_urls_signed_total")).toBe(3);
    expect(sample(text, "hoist_sign_parts_duration_seconds_count")).toBe(1);
    expect(sample(text, 'hoist_sign_parts_duration_seconds_bucket{le="+Inf"}')).toBe(1);
    expect(sample(text, 'hoist_sweeper_actions_total{action="expired"}')).toBe(1);
    expect(sample(text, 'hoist_sweeper_actions_total{action="orphans"}')).toBe(0);
    expect(sample(text, "hoist_rate_limit_refusals_total")).toBe(1);
    expect(sample(text, "process_cpu_user_seconds_total")).toBeGreaterThan(0);
    expect(sample(text, "nodejs_heap_size_total_bytes")).toBeGreaterThan(0);
  });
});

describe("HOIST_METRICS_TOKEN", () => {
  let server: RunningServer;
  let dataDir: string;
  const token = "scrape-token-0123456789";

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "hoist-metrics-"));
    const env = { HOIST_PORT: "0", HOIST_DATA_DIR: dataDir, HOIST_LOG_LEVEL: "silent", HOIST_METRICS_TOKEN: token };
    server = await startServer(configFromEnv(readEnv(env)), { sweepIntervalMs: 0 });
  });
  afterAll(async () => {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("when set, /metrics answers only its bearer token", async () => {
    const scrape = (authorization?: string) =>
      rawRequest(`${server.url}/metrics`, { method: "GET", ...(authorization !== undefined && { headers: { authorization } }) });
    const without = await scrape();
    expect(without.status).toBe(401);
    expect(without.body.toString()).toContain("HOIST_METRICS_TOKEN");
    expect((await scrape(`Bearer ${token}x`)).status).toBe(401);
    const scraped = await scrape(`Bearer ${token}`);
    expect(scraped.status).toBe(200);
    expect(scraped.body.toString()).toContain("hoist_uploads_created_total");
  });
});
