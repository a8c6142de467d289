import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { fileFor, newUserId, sessionRow } from "../../test/fixtures";
import type { HoistDb } from "../db";
import { openDb } from "../open-db";
import { openTestDb, skipPostgres, type TestDb } from "../testing";
import { completeSession } from "./complete-session";
import { appendFileEvent, listFileEventsAfter } from "./file-events";
import { insertSession } from "./sessions";

/** Resolves once some session waits on an advisory lock (the event-order lock): no sleeping, no timing. */
async function someoneWaitsOnAdvisoryLock(db: HoistDb["db"]): Promise<void> {
  for (;;) {
    const [waiting] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(sql`pg_locks`)
      .where(sql`locktype = 'advisory' and not granted`);
    if ((waiting?.n ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// Two transactions completing at once on two connections: the one that commits last must get the higher id, or a
// subscriber that saw the higher id first would resume past the lower one and never see it.
describe.skipIf(skipPostgres())("event ids follow commit order (postgres)", () => {
  let t: TestDb;
  let other: HoistDb;
  beforeAll(async () => {
    t = await openTestDb("postgres");
    other = await openDb({ url: t.server?.url ?? "" });
  });
  afterAll(async () => {
    await other.close();
    await t.stop();
  });

  it("a completion waits for an open one to commit, then takes the next id", async () => {
    const user = newUserId();
    const session = await insertSession(t.hoist.db, sessionRow(user, { status: "completing" }));
    let commit: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (commit = resolve));
    let firstId = 0;
    let started: () => void = () => undefined;
    const appended = new Promise<void>((resolve) => (started = resolve));
    const first = t.hoist.db.transaction(async (tx) => {
      firstId = (await appendFileEvent(tx, { userId: user, file: { n: 1 }, createdAt: new Date() })).id;
      started();
      await held;
    });
    await appended;
    const second = completeSession(other.db, { sessionId: session.id, file: fileFor(session) });
    await someoneWaitsOnAdvisoryLock(t.hoist.db);
    // While the first is open, a reader sees neither event: nothing later than an uncommitted id can be delivered.
    expect(await listFileEventsAfter(other.db, { after: firstId - 1, userIds: [user], limit: 10 })).toEqual([]);
    commit();
    await first;
    await second;
    const events = await listFileEventsAfter(other.db, { after: firstId - 1, userIds: [user], limit: 10 });
    expect(events.map((e) => e.id)).toEqual([firstId, firstId + 1]);
  });
});
