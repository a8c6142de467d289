import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { fileFor, newUserId, sessionRow } from "../../test/fixtures";
import { openDb } from "../open-db";
import { DIALECTS, openTestDb, skipPostgres, type TestDb } from "../testing";
import { completeSession } from "./complete-session";
import { insertSessionWithinQuota } from "./quota";
import { countRequest, pruneRequestCounts } from "./request-counts";
import { getSession, insertSession, listSessionsForUser } from "./sessions";

const now = new Date("2030-01-01T00:00:00Z");
const minute = (n: number) => new Date(now.getTime() + n * 60_000);
/** A session still open at `now`. */
const open = (user: string, size = 10) => sessionRow(user, { size, expiresAt: minute(60) });

describe.each(DIALECTS)("%s", (dialect) => {
  describe.skipIf(dialect === "postgres" && skipPostgres())("rate-limit counts and quotas", () => {
    let t: TestDb;
    beforeAll(async () => (t = await openTestDb(dialect)));
    afterAll(() => t.stop());

    it("counts each request once per user and window, even when they arrive together", async () => {
      const [alice, bob] = [newUserId(), newUserId()];
      const counts = await Promise.all(Array.from({ length: 20 }, () => countRequest(t.hoist.db, alice, minute(0))));
      expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(await countRequest(t.hoist.db, bob, minute(0))).toBe(1);
      expect(await countRequest(t.hoist.db, alice, minute(1))).toBe(1);
    });

    it("prunes windows that started before a time, and only those", async () => {
      const user = newUserId();
      await countRequest(t.hoist.db, user, minute(-10));
      await countRequest(t.hoist.db, user, minute(10));
      expect(await pruneRequestCounts(t.hoist.db, minute(0))).toBeGreaterThanOrEqual(1);
      expect(await countRequest(t.hoist.db, user, minute(-10))).toBe(1);
      expect(await countRequest(t.hoist.db, user, minute(10))).toBe(2);
    });

    it("refuses a session past the open-sessions quota; expired and finished ones do not count", async () => {
      const user = newUserId();
      await insertSession(t.hoist.db, sessionRow(user, { expiresAt: minute(-1) }));
      await insertSession(t.hoist.db, sessionRow(user, { status: "aborted", expiresAt: minute(60) }));
      const quota = { maxOpen: 2, now };
      expect(await insertSessionWithinQuota(t.hoist.db, open(user), quota)).toMatchObject({ ok: true });
      expect(await insertSessionWithinQuota(t.hoist.db, open(user), quota)).toMatchObject({ ok: true });
      const refused = open(user);
      expect(await insertSessionWithinQuota(t.hoist.db, refused, quota)).toEqual({ ok: false, quota: "open", open: 2 });
      expect(await getSession(t.hoist.db, refused.id)).toBeUndefined();
      expect(await insertSessionWithinQuota(t.hoist.db, open(newUserId()), quota)).toMatchObject({ ok: true });
    });

    it("counts files and live sessions' sizes against the bytes quota", async () => {
      const user = newUserId();
      const done = await insertSession(t.hoist.db, sessionRow(user, { size: 300, status: "completing", expiresAt: minute(-5) }));
      await completeSession(t.hoist.db, { sessionId: done.id, file: fileFor(done) });
      await insertSession(t.hoist.db, open(user, 200));
      await insertSession(t.hoist.db, sessionRow(user, { size: 5_000, expiresAt: minute(-1) }));
      const quota = { maxBytes: 1_000, now };
      expect(await insertSessionWithinQuota(t.hoist.db, open(user, 501), quota)).toEqual({ ok: false, quota: "bytes", usedBytes: 500 });
      expect(await insertSessionWithinQuota(t.hoist.db, open(user, 500), quota)).toMatchObject({ ok: true });
      expect(await insertSessionWithinQuota(t.hoist.db, open(user, 0), quota)).toMatchObject({ ok: true });
      expect(await insertSessionWithinQuota(t.hoist.db, open(user, 1), quota)).toMatchObject({ ok: false, quota: "bytes" });
    });

    it("lets no more sessions than the quota through when creates race", async () => {
      const user = newUserId();
      // On Postgres the racers use two pools, as two instances would.
      const other = t.server ? await openDb({ url: t.server.url }) : undefined;
      try {
        const dbs = [t.hoist.db, other?.db ?? t.hoist.db];
        const results = await Promise.all(
          Array.from({ length: 12 }, (_, i) => insertSessionWithinQuota(dbs[i % 2]!, open(user), { maxOpen: 5, now })),
        );
        expect(results.filter((r) => r.ok)).toHaveLength(5);
        expect((await listSessionsForUser(t.hoist.db, user, { limit: 100 })).items).toHaveLength(5);
      } finally {
        await other?.close();
      }
    });
  });
});
