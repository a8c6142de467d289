import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { connectionParamsClient, eventClient, recordEvents, subscribed } from "./support/events";
import { startHarness } from "./support/harness";
import type { Harness } from "./support/harness";
import { startS3Target } from "./support/s3-target";
import type { S3Target } from "./support/s3-target";
import { testBytes, uploadFile } from "./support/upload";

const REQUEST_TIMEOUT_MS = 300;

// The zero-config default: PGlite's listen/notify on one instance, over real HTTP and SSE.
describe("files.onCompleted on the embedded database", () => {
  let s3: S3Target;
  let h: Harness;
  beforeAll(async () => {
    s3 = await startS3Target();
    h = await startHarness({ s3, database: "pglite", requestTimeoutMs: REQUEST_TIMEOUT_MS });
  });
  afterEach(() => subscribed(h, 0));
  afterAll(async () => {
    await h.close();
    await s3.close();
  });

  const on = async (user: string) => eventClient(h.url, await h.token(user));

  it("streams the caller's completed file, after the stream has been open longer than HOIST_REQUEST_TIMEOUT_MS", async () => {
    const log = recordEvents(await on("alice"));
    await subscribed(h, 1);
    // Not a timing assertion: the stream must still be there once the request timeout has long passed.
    await sleep(3 * REQUEST_TIMEOUT_MS);
    const { record } = await uploadFile(await h.client("alice"), { name: "a.bin", type: "application/octet-stream", bytes: testBytes(10) });
    await log.until(() => log.events.length === 1);
    expect(log.events[0]?.file).toEqual(record);
    log.stop();
  });

  it.each([
    ["not a number", "abc", /lastEventId must be the id of an event/],
    ["newer than any event", "999999999", /lastEventId 999999999 is newer than any event/],
  ])("a lastEventId that is %s is BAD_REQUEST / INVALID_INPUT with a message naming it", async (_what, lastEventId, message) => {
    const log = recordEvents(await on("alice"), lastEventId);
    await log.until(() => false).catch(() => undefined);
    expect(log.error?.data).toMatchObject({ code: "BAD_REQUEST", hoistCode: "INVALID_INPUT" });
    expect(log.error?.message).toMatch(message);
  });

  it.each([
    ["in the Authorization header", eventClient],
    ["in connectionParams (a browser's EventSource)", connectionParamsClient],
  ])("a subscription without a valid token %s is UNAUTHORIZED, like every other call", async (_where, client) => {
    const log = recordEvents(client(h.url, "not-a-jwt"));
    await log.until(() => false).catch(() => undefined);
    expect(log.error?.data).toMatchObject({ code: "UNAUTHORIZED", hoistCode: "UNAUTHORIZED" });
  });

  it("a browser-style subscription authenticates with the token in connectionParams", async () => {
    const log = recordEvents(connectionParamsClient(h.url, await h.token("bob")));
    await subscribed(h, 1);
    const { record } = await uploadFile(await h.client("bob"), { name: "b.bin", type: "application/octet-stream", bytes: testBytes(10) });
    await log.until(() => log.events.length === 1);
    expect(log.events[0]?.file).toEqual(record);
    log.stop();
  });
});

describe("shutdown with open event streams", () => {
  it("closing the server ends its streams instead of waiting for them", async () => {
    const s3 = await startS3Target();
    const h = await startHarness({ s3, database: "pglite" });
    try {
      const log = recordEvents(eventClient(h.url, await h.token("alice")));
      await subscribed(h, 1);
      await h.close();
      expect(h.server.deps.events?.subscribers).toBe(0);
      log.stop();
    } finally {
      await s3.close();
    }
  });
});
