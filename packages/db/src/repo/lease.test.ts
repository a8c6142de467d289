import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { fileFor, newUserId, sessionRow } from "../../test/fixtures";
import { DIALECTS, openTestDb, skipPostgres, type TestDb } from "../testing";
import { completeSession } from "./complete-session";
import { deleteFileForUser } from "./files";
import { claimCompleting, endUnleasedSession, listExpiredSessions } from "./lease";
import { insertSession } from "./sessions";
import { listOwnedKeys } from "./stored-keys";

const now = new Date("2030-01-01T00:00:00Z");
const at = (min: number) => new Date(now.getTime() + min * 60_000);

describe.each(DIALECTS)("%s", (dialect) => {
  describe.skipIf(dialect === "postgres" && skipPostgres())("complete leases", () => {
    let t: TestDb;
    beforeAll(async () => (t = await openTestDb(dialect)));
    afterAll(() => t.stop());

    it("claims an uploading or completing session with a lease, nothing else", async () => {
      const row = await insertSession(t.hoist.db, sessionRow(newUserId()));
      expect(await claimCompleting(t.hoist.db, row.id, at(5))).toMatchObject({ status: "completing", leaseExpiresAt: at(5) });
      expect(await claimCompleting(t.hoist.db, row.id, at(9))).toMatchObject({ status: "completing", leaseExpiresAt: at(9) });
      const aborted = await insertSession(t.hoist.db, sessionRow(newUserId(), { status: "aborted" }));
      expect(await claimCompleting(t.hoist.db, aborted.id, at(5))).toBeUndefined();
    });

    it("never ends a session under a running lease, and ends it once the lease is over", async () => {
      const row = await insertSession(t.hoist.db, sessionRow(newUserId(), { expiresAt: at(-10) }));
      await claimCompleting(t.hoist.db, row.id, at(5));
      expect((await listExpiredSessions(t.hoist.db, now, 1000)).map((s) => s.id)).not.toContain(row.id);
      expect(await endUnleasedSession(t.hoist.db, row.id, "expired", { now, expiredOnly: true })).toBeUndefined();
      expect(await endUnleasedSession(t.hoist.db, row.id, "aborted", { now })).toBeUndefined();
      expect((await listExpiredSessions(t.hoist.db, at(6), 1000)).map((s) => s.id)).toContain(row.id);
      const ended = await endUnleasedSession(t.hoist.db, row.id, "expired", { now: at(6), expiredOnly: true });
      expect(ended).toMatchObject({ status: "expired", leaseExpiresAt: null });
    });

    it("ends an uploading session only past its expiry when asked to", async () => {
      const row = await insertSession(t.hoist.db, sessionRow(newUserId(), { expiresAt: at(10) }));
      expect(await endUnleasedSession(t.hoist.db, row.id, "expired", { now, expiredOnly: true })).toBeUndefined();
      expect(await endUnleasedSession(t.hoist.db, row.id, "aborted", { now })).toMatchObject({ status: "aborted" });
      expect(await endUnleasedSession(t.hoist.db, row.id, "aborted", { now })).toBeUndefined();
    });

    it("names the keys a file or a live session owns, and no others", async () => {
      const user = newUserId();
      const live = await insertSession(t.hoist.db, sessionRow(user));
      const dead = await insertSession(t.hoist.db, sessionRow(user, { status: "expired" }));
      const done = await insertSession(t.hoist.db, sessionRow(user, { status: "completing" }));
      await completeSession(t.hoist.db, { sessionId: done.id, file: fileFor(done) });
      const deleted = await insertSession(t.hoist.db, sessionRow(user, { status: "completing" }));
      const gone = await completeSession(t.hoist.db, { sessionId: deleted.id, file: fileFor(deleted) });
      await deleteFileForUser(t.hoist.db, gone!.id, user);
      const keys = [live.key, dead.key, done.key, deleted.key, `default/${user}/unknown`];
      expect((await listOwnedKeys(t.hoist.db, keys)).sort()).toEqual([live.key, done.key].sort());
      expect(await listOwnedKeys(t.hoist.db, [])).toEqual([]);
    });
  });
});
