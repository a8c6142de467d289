import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIN_PART_SIZE } from "@hoist/contract";
import { startStack } from "./support/matrix";
import type { Stack } from "./support/matrix";
import { testRoutes } from "./support";

const MiB = 1024 * 1024;

// A route may lower its part floor (1 MiB parts for tests and small links), but never below what the provider
// accepts: AWS and Ceph RGW refuse parts under 5 MiB only at CompleteMultipartUpload (EntityTooSmall), after every
// byte was sent, which reached the client as INTERNAL. The aws profile is set against whatever store runs the suite.
describe("a route's part floor below the provider's minimum (aws profile, pglite)", () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack("pglite", {
      provider: "aws",
      routes: (s3) => testRoutes(s3, { default: { maxSize: "5TB", types: ["*/*"], minPartSize: MiB } }),
    });
  });
  afterAll(() => stack.close());

  it("plans parts of the provider's minimum, not the route's", async () => {
    const client = await stack.api.client("floor-user");
    const created = await client.upload.create.mutate({ name: "a.bin", size: 12 * MiB, type: "application/octet-stream" });
    expect(created).toMatchObject({ strategy: "multipart", partSize: MIN_PART_SIZE, partCount: 3 });
    await client.upload.abort.mutate({ uploadId: created.uploadId });
  });
});
