import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateMultipartUploadCommand } from "@aws-sdk/client-s3";
import { startSweeper, sweep } from "@hoist/api";
import { testRoutes } from "./support/harness";
import { holdStorage } from "./support/hold-storage";
import { startStack } from "./support/matrix";
import type { Stack } from "./support/matrix";
import { storageCalls } from "./support/storage-calls";

// A shutdown stops the sweeper between steps: the step under way finishes (no abort or delete cut in half), the
// rest waits for the next sweep, and the database and store stay open until the step is done.
describe("stopping the sweeper", () => {
  let stack: Stack;
  const deps = () => stack.api.server.deps;

  beforeAll(async () => {
    stack = await startStack("pglite", {
      routes: (s3) => testRoutes(s3, {
        first: { maxSize: "1GB", types: ["*/*"], minPartSize: 1024 },
        second: { maxSize: "1GB", types: ["*/*"], minPartSize: 1024 },
      }),
    });
  });
  afterAll(() => stack.close());

  it("an aborted signal leaves the work for the next sweep", async () => {
    const { client, bucket } = deps().storage;
    await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: "second/nobody/orphan.bin" }));
    const calls = await storageCalls(client, async () => {
      expect(await sweep(deps(), { graceSeconds: 0, signal: AbortSignal.abort() })).toEqual({ expired: 0, orphans: 0, objects: 0, rateWindows: 0, events: 0 });
    });
    expect(calls).toEqual([]);
    expect((await sweep(deps(), { graceSeconds: 0 })).orphans).toBe(1);
  });

  it("stop() lets the running step finish, takes no further step, and resolves once the sweep has returned", async () => {
    const { client } = deps().storage;
    const held = holdStorage(client, "ListMultipartUploadsCommand");
    let resolved = false;
    const calls = await storageCalls(client, async () => {
      const stop = startSweeper(deps(), 1, { graceSeconds: 0 });
      await held.reached;
      const stopped = stop().then(() => (resolved = true));
      // The sweep is held inside its first step: stop() cannot have resolved.
      await Promise.resolve();
      expect(resolved).toBe(false);
      held.release();
      await stopped;
    });
    // One listing of the first route's uploads; neither its objects nor the second route were read.
    expect(calls).toEqual(["ListMultipartUploadsCommand"]);
  });
});
