import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { fileFor, newUserId, sessionRow, violatedConstraint } from "../../test/fixtures";
import { fileEvents } from "../schema";
import { DIALECTS, openTestDb, skipPostgres, type TestDb } from "../testing";
import { completeSession } from "./complete-session";
import { lastIssuedFileEventId, latestFileEventId, listFileEventsAfter, pruneFileEvents } from "./file-events";
import { insertSession } from "./sessions";

describe.each(DIALECTS)("%s", (dialect) => {
  describe.skipIf(dialect === "postgres" && skipPostgres())("file events (the outbox of files.onCompleted)", () => {
    let t: TestDb;
    beforeAll(async () => (t = await openTestDb(dialect)));
    afterAll(() => t.stop());

    const complete = async (userId: string, completedAt = new Date()) => {
      const session = await insertSession(t.hoist.db, sessionRow(userId, { status: "completing" }));
      const file = await completeSession(t.hoist.db, {
        sessionId: session.id,
        file: fileFor(session, { completedAt }),
        event: (row) => ({ id: row.id, key: row.key }),
      });
      if (file === undefined) throw new Error("not completed");
      return file;
    };
    const eventsOf = (userId: string) => t.hoist.db.select().from(fileEvents).where(eq(fileEvents.userId, userId));

    it("records one event with the payload in the transaction that records the file", async () => {
      const user = newUserId();
      const file = await complete(user);
      const events = await eventsOf(user);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ userId: user, file: { id: file.id, key: file.key }, createdAt: file.completedAt });
      expect(await latestFileEventId(t.hoist.db)).toBe(events[0]?.id);
    });

    it("records no second event on a repeated complete, and none when the file cannot be recorded", async () => {
      const user = newUserId();
      const session = await insertSession(t.hoist.db, sessionRow(user, { status: "completing" }));
      await completeSession(t.hoist.db, { sessionId: session.id, file: fileFor(session) });
      await completeSession(t.hoist.db, { sessionId: session.id, file: fileFor(session) });
      expect(await eventsOf(user)).toHaveLength(1);
      const clash = await insertSession(t.hoist.db, sessionRow(user, { status: "completing" }));
      const failed = completeSession(t.hoist.db, { sessionId: clash.id, file: fileFor(clash, { key: session.key }) });
      expect(await violatedConstraint(failed)).toBe("files_key_unique");
      expect(await eventsOf(user)).toHaveLength(1);
    });

    it("lists events after an id, oldest first, paged, for some users or all", async () => {
      const [me, other] = [newUserId(), newUserId()];
      const before = await latestFileEventId(t.hoist.db);
      const mine = [await complete(me), await complete(other), await complete(me)].filter((f) => f.userId === me);
      const page1 = await listFileEventsAfter(t.hoist.db, { after: before, userIds: [me], limit: 1 });
      const page2 = await listFileEventsAfter(t.hoist.db, { after: page1[0]?.id ?? 0, userIds: [me], limit: 10 });
      expect([...page1, ...page2].map((e) => (e.file as { id: string }).id)).toEqual(mine.map((f) => f.id));
      const all = await listFileEventsAfter(t.hoist.db, { after: before, limit: 10 });
      expect(all.map((e) => e.userId)).toEqual([me, other, me]);
      expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((a, b) => a - b));
    });

    it("prunes events created before a time, a batch at a time", async () => {
      const user = newUserId();
      const old = new Date("2001-01-01T00:00:00.000Z");
      await complete(user, old);
      await complete(user, old);
      const kept = await complete(user);
      expect(await pruneFileEvents(t.hoist.db, new Date("2001-01-02T00:00:00.000Z"), 1)).toBe(1);
      expect(await pruneFileEvents(t.hoist.db, new Date("2001-01-02T00:00:00.000Z"), 10)).toBe(1);
      expect((await eventsOf(user)).map((e) => (e.file as { id: string }).id)).toEqual([kept.id]);
    });

    it("remembers the last id handed out even when every event was pruned", async () => {
      await complete(newUserId());
      const issued = await latestFileEventId(t.hoist.db);
      expect(await pruneFileEvents(t.hoist.db, new Date(Date.now() + 60_000), 100_000)).toBeGreaterThan(0);
      expect(await latestFileEventId(t.hoist.db)).toBe(0);
      expect(await lastIssuedFileEventId(t.hoist.db)).toBe(issued);
    });
  });
});
