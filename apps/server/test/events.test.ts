import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { skipPostgres, startPostgres, testDatabaseUrl } from "@hoist/db/testing";
import type { PostgresServer } from "@hoist/db/testing";
import { eventClient, recordEvents, subscribed } from "./support/events";
import { startHarness } from "./support/harness";
import type { Harness } from "./support/harness";
import { startS3Target } from "./support/s3-target";
import type { S3Target } from "./support/s3-target";
import { testBytes, uploadFile } from "./support/upload";

// files.onCompleted across instances: completed through B, delivered by A (LISTEN/NOTIFY), resumable by event id.
describe.skipIf(skipPostgres())("files.onCompleted on two instances sharing one Postgres", () => {
  let s3: S3Target;
  let postgres: PostgresServer;
  let a: Harness;
  let b: Harness;
  const api = { rateLimit: 0, eventSubjects: ["indexer"] };

  beforeAll(async () => {
    s3 = await startS3Target();
    postgres = await startPostgres();
    // A's request timeout is short: a stream outlives it (the timeout is for requests arriving, not responses).
    [a, b] = await Promise.all([
      startHarness({ s3, database: { url: postgres.url }, api, requestTimeoutMs: 1000 }),
      startHarness({ s3, database: { url: postgres.url }, api }),
    ]);
  });
  // Every test stops its streams; the next one counts its own from zero.
  afterEach(() => subscribed(a, 0));
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    await postgres.stop();
    await s3.close();
  });

  const on = async (h: Harness, user: string) => eventClient(h.url, await h.token(user));
  const complete = async (user: string, name = "e.bin") => {
    const { record } = await uploadFile(await b.client(user), { name, type: "application/octet-stream", bytes: testBytes(64) });
    return record;
  };

  it("a subscriber on A sees a file completed through B", async () => {
    const log = recordEvents(await on(a, "alice"));
    await subscribed(a, 1);
    const file = await complete("alice");
    await log.until(() => log.events.length === 1);
    expect(log.events[0]?.file).toEqual(file);
    log.stop();
  });

  it("one disconnected during 100 completions resumes with its last id: all 100, in order, once each; others' never, a subject's all", async () => {
    const first = recordEvents(await on(a, "carol"));
    const bob = recordEvents(await on(a, "bob"));
    const indexer = recordEvents(await on(a, "indexer"));
    await subscribed(a, 3);
    await complete("carol");
    await first.until(() => first.events.length === 1);
    first.stop();
    const missed = [];
    for (let i = 0; i < 100; i += 1) missed.push(await complete("carol", `m${i}.bin`));
    const resumed = recordEvents(await on(a, "carol"), first.events[0]?.id);
    await resumed.until(() => resumed.events.length >= 100);
    expect(resumed.events.map((e) => e.file.id)).toEqual(missed.map((f) => f.id));
    const live = await complete("carol", "live.bin");
    const bobs = await complete("bob", "bobs.bin");
    await resumed.until(() => resumed.events.length === 101);
    expect(resumed.events[100]?.file).toEqual(live);
    await bob.until(() => bob.events.length > 0);
    await indexer.until(() => indexer.events.some((e) => e.file.id === bobs.id));
    expect(bob.events.map((e) => e.file)).toEqual([bobs]);
    expect(indexer.events.map((e) => e.file.id)).toEqual([first.events[0]?.file.id, ...missed.map((f) => f.id), live.id, bobs.id]);
    for (const log of [resumed, bob, indexer]) log.stop();
  });

  it("one whose instance goes away resumes on another with its last id: nothing completed meanwhile is lost", async () => {
    const c = await startHarness({ s3, database: { url: postgres.url }, api });
    const before = recordEvents(await on(c, "erin"));
    await subscribed(c, 1);
    await complete("erin");
    await before.until(() => before.events.length === 1);
    await c.close();
    before.stop();
    const missed = [];
    for (let i = 0; i < 20; i += 1) missed.push(await complete("erin", `gone${i}.bin`));
    const after = recordEvents(await on(a, "erin"), before.events[0]?.id);
    await after.until(() => after.events.length >= missed.length);
    expect(after.events.map((e) => e.file.id)).toEqual(missed.map((f) => f.id));
    after.stop();
  });

  it.skipIf(testDatabaseUrl() !== undefined)("A listens again after Postgres restarts and delivers what was completed since", async () => {
    const log = recordEvents(await on(a, "dora"));
    await subscribed(a, 1);
    await postgres.restart();
    // B's pool may still hold a connection the restart cut: the first call can fail as unavailable; repeat it.
    const file = await complete("dora").catch(() => complete("dora"));
    await log.until(() => log.events.length === 1);
    expect(log.events[0]?.file).toEqual(file);
    log.stop();
  });
});
