import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { newUserId, sessionRow, violatedConstraint } from "../../test/fixtures";
import { openDb } from "../open-db";
import { DIALECTS, openTestDb, skipPostgres, type TestDb } from "../testing";
import { listExpiredSessions } from "./lease";
import {
  getSession,
  getSessionForUser,
  insertSession,
  listLiveMultipartIds,
  transitionStatus,
} from "./sessions";

describe.each(DIALECTS)("%s", (dialect) => {
  describe.skipIf(dialect === "postgres" && skipPostgres())("sessions", () => {
    let t: TestDb;
    beforeAll(async () => (t = await openTestDb(dialect)));
    afterAll(() => t.stop());

    it("round-trips a row, including sizes past 2^32 and defaults", async () => {
      const user = newUserId();
      const size = Number.MAX_SAFE_INTEGER;
      const row = await insertSession(t.hoist.db, sessionRow(user, { size, lastModified: 1_700_000_000_123 }));
      expect(row.createdAt).toBeInstanceOf(Date);
      expect(await getSession(t.hoist.db, row.id)).toEqual(row);
      expect((await getSession(t.hoist.db, row.id))?.size).toBe(size);
      expect(await getSessionForUser(t.hoist.db, row.id, user)).toEqual(row);
    });

    it("hides another user's session and a missing one alike", async () => {
      const row = await insertSession(t.hoist.db, sessionRow(newUserId()));
      expect(await getSessionForUser(t.hoist.db, row.id, newUserId())).toBeUndefined();
      expect(await getSessionForUser(t.hoist.db, "ses_missing", row.userId)).toBeUndefined();
    });

    it("transitions only from the expected statuses", async () => {
      const row = await insertSession(t.hoist.db, sessionRow(newUserId()));
      expect(await transitionStatus(t.hoist.db, row.id, "completing", "complete")).toBeUndefined();
      const moved = await transitionStatus(t.hoist.db, row.id, ["uploading", "completing"], "aborted");
      expect(moved?.status).toBe("aborted");
      expect(moved!.updatedAt.getTime()).toBeGreaterThanOrEqual(row.updatedAt.getTime());
      expect(await transitionStatus(t.hoist.db, "ses_missing", "uploading", "aborted")).toBeUndefined();
    });

    it("lets exactly one of two concurrent transitions win", async () => {
      const other = t.server ? await openDb({ url: t.server.url }) : t.hoist;
      try {
        for (let round = 0; round < 10; round++) {
          const row = await insertSession(t.hoist.db, sessionRow(newUserId()));
          const results = await Promise.all([
            transitionStatus(t.hoist.db, row.id, "uploading", "completing"),
            transitionStatus(other.db, row.id, "uploading", "completing"),
          ]);
          expect(results.filter((r) => r !== undefined)).toHaveLength(1);
        }
      } finally {
        if (other !== t.hoist) await other.close();
      }
    });

    it("rejects values outside the CHECK constraints", async () => {
      const row = await insertSession(t.hoist.db, sessionRow(newUserId()));
      const badStatus = t.hoist.db.execute(sql`update upload_sessions set status = 'paused' where id = ${row.id}`);
      expect(await violatedConstraint(badStatus)).toBe("upload_sessions_status_check");
      const negative = insertSession(t.hoist.db, sessionRow(newUserId(), { size: -1 }));
      expect(await violatedConstraint(negative)).toBe("upload_sessions_size_check");
      const badStrategy = t.hoist.db.execute(sql`update upload_sessions set strategy = 'x' where id = ${row.id}`);
      expect(await violatedConstraint(badStrategy)).toBe("upload_sessions_strategy_check");
    });

    it("lists expired live sessions, oldest deadline first", async () => {
      const now = new Date("2030-01-01T00:00:00Z");
      const at = (min: number) => new Date(now.getTime() + min * 60_000);
      const user = newUserId();
      const late = await insertSession(t.hoist.db, sessionRow(user, { expiresAt: at(-5) }));
      const early = await insertSession(t.hoist.db, sessionRow(user, { expiresAt: at(-10), status: "completing" }));
      await insertSession(t.hoist.db, sessionRow(user, { expiresAt: at(-20), status: "aborted" }));
      await insertSession(t.hoist.db, sessionRow(user, { expiresAt: at(5) }));
      const expired = (await listExpiredSessions(t.hoist.db, now, 1000)).filter((s) => s.userId === user);
      expect(expired.map((s) => s.id)).toEqual([early.id, late.id]);
      expect(await listExpiredSessions(t.hoist.db, now, 1)).toHaveLength(1);
    });

    it("reports which S3 upload ids still have a live session", async () => {
      const user = newUserId();
      const live = await insertSession(t.hoist.db, sessionRow(user, { s3UploadId: `up-${user}-1` }));
      await insertSession(t.hoist.db, sessionRow(user, { s3UploadId: `up-${user}-2`, status: "aborted" }));
      const ids = [live.s3UploadId!, `up-${user}-2`, `up-${user}-unknown`];
      expect(await listLiveMultipartIds(t.hoist.db, ids)).toEqual([live.s3UploadId]);
      expect(await listLiveMultipartIds(t.hoist.db, [])).toEqual([]);
    });
  });
});
