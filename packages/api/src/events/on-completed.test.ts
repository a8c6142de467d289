import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FileCompletedEvent, FileRecord } from "@hoist/contract";
import { listFileEventsAfter } from "@hoist/db";
import { putSigned, rejection, startTestApi } from "../../test/support";
import type { Caller, TestApi } from "../../test/support";
import { sweep } from "../services/sweep";

/** The events of a `files.onCompleted` stream from `createCaller`, which yields tRPC's tracked envelopes. */
async function subscribe(caller: Caller, lastEventId?: string) {
  const stream = await caller.files.onCompleted(lastEventId === undefined ? {} : { lastEventId });
  const iterator = stream[Symbol.asyncIterator]();
  return {
    async next(): Promise<FileCompletedEvent> {
      const result: IteratorResult<unknown> = await iterator.next();
      if (result.done === true) throw new Error("the stream ended");
      const [id, event] = result.value as [string, FileCompletedEvent];
      expect(event.id).toBe(id);
      return event;
    },
    stop: async () => {
      await iterator.return?.(undefined);
    },
  };
}

async function completeOne(caller: Caller): Promise<FileRecord> {
  const bytes = randomBytes(10);
  const created = await caller.upload.create({ name: "e.bin", size: bytes.length, type: "application/octet-stream" });
  if (created.single === undefined) throw new Error("expected a single PUT");
  await putSigned(created.single, bytes);
  return (await caller.upload.complete({ uploadId: created.uploadId })).file;
}

/** Subscribes, completes one file and returns its event: a last id to resume from. */
async function firstLiveEvent(caller: Caller): Promise<FileCompletedEvent> {
  const live = await subscribe(caller);
  const pending = live.next();
  await completeOne(caller);
  const seen = await pending;
  await live.stop();
  return seen;
}

// Embedded default: PGlite's listen/notify, one instance, through createCaller (HTTP and two instances: apps/server).
describe("files.onCompleted (createCaller, PGlite)", () => {
  let api: TestApi;
  beforeAll(async () => (api = await startTestApi({ api: { eventSubjects: ["indexer"] } })));
  afterAll(() => api.close());

  it("streams the caller's own completed files live, and a subject's stream has everyone's", async () => {
    const [alice, bob] = [api.callerFor("alice"), api.callerFor("bob")];
    const mine = await subscribe(alice);
    const all = await subscribe(api.callerFor("indexer"));
    const first = mine.next();
    const everyone = all.next();
    await completeOne(bob);
    const file = await completeOne(alice);
    expect((await first).file).toEqual(file);
    expect((await everyone).file.id).not.toBe(file.id);
    expect((await all.next()).file).toEqual(file);
    await Promise.all([mine.stop(), all.stop()]);
  });

  it("resumes after lastEventId with every missed event, in order, then live ones", async () => {
    const carol = api.callerFor("carol");
    const seen = await firstLiveEvent(carol);
    const missed = [await completeOne(carol), await completeOne(api.callerFor("dave")), await completeOne(carol)];
    const resumed = await subscribe(carol, seen.id);
    expect((await resumed.next()).file).toEqual(missed[0]);
    expect((await resumed.next()).file).toEqual(missed[2]);
    const after = resumed.next();
    const later = await completeOne(carol);
    expect((await after).file).toEqual(later);
    await resumed.stop();
  });

  it("refuses a lastEventId newer than any event with BAD_REQUEST / INVALID_INPUT", async () => {
    const stream = await subscribe(api.callerFor("erin"), "999999999");
    const shape = await rejection(stream.next());
    expect(shape.data).toMatchObject({ code: "BAD_REQUEST", hoistCode: "INVALID_INPUT" });
    expect(shape.message).toMatch(/lastEventId 999999999 is newer than any event/);
  });

  it("the sweeper prunes events past HOIST_EVENT_RETENTION_HOURS; a subscriber's last id stays valid after", async () => {
    const frank = api.callerFor("frank");
    const seen = await firstLiveEvent(frank);
    expect((await sweep(api.deps, { graceSeconds: 3600 })).events).toBe(0);
    api.clock.advance(169 * 3_600_000);
    expect((await sweep(api.deps, { graceSeconds: 3600 })).events).toBeGreaterThan(0);
    expect(await listFileEventsAfter(api.deps.db, { after: 0, limit: 10 })).toEqual([]);
    // Back to the real time, or storage would refuse URLs signed in its future.
    api.clock.advance(-169 * 3_600_000);
    const resumed = await subscribe(frank, seen.id);
    const next = resumed.next();
    const later = await completeOne(frank);
    expect((await next).file).toEqual(later);
    await resumed.stop();
  });
});
