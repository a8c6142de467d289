import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { newUserId, sessionRow } from "../../test/fixtures";
import type { Db } from "../db";
import { files, type FileInsert } from "../schema";
import { DIALECTS, openTestDb, skipPostgres, type TestDb } from "../testing";
import { InvalidCursorError, type Page } from "./cursor";
import { listFilesForUser } from "./files";
import { insertSession, listSessionsForUser } from "./sessions";

type Lister = (cursor: string | undefined) => Promise<Page<{ id: string }>>;

/** Follows nextCursor to the end, returning ids in order and the page sizes seen. */
async function drain(list: Lister): Promise<{ ids: string[]; sizes: number[] }> {
  const ids: string[] = [];
  const sizes: number[] = [];
  let cursor: string | undefined;
  do {
    const page = await list(cursor);
    ids.push(...page.items.map((r) => r.id));
    sizes.push(page.items.length);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return { ids, sizes };
}

/**
 * `count` timestamps in groups of three equal ones (ties on created_at), newest first. Ids are fixed-width
 * lowercase, so they sort alike under C and ICU/glibc collations.
 */
function tiedRows(prefix: string, count: number): { id: string; createdAt: Date }[] {
  const base = Date.parse("2030-01-01T00:00:00.000Z");
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}${String(i).padStart(3, "0")}`,
    createdAt: new Date(base - Math.floor(i / 3) * 1_000 + 7),
  }));
}

/** Newest first, ties broken by id descending: the order the lists promise. */
const expectedOrder = (rows: { id: string; createdAt: Date }[]) =>
  [...rows].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1)).map((r) => r.id);

/** Inserts files for `userId` in one statement; rows without `createdAt` get the statement's now(). */
async function insertFiles(db: Db, userId: string, rows: { id: string; createdAt?: Date }[]) {
  const values: FileInsert[] = rows.map((r) => ({
    ...r,
    userId,
    name: "f",
    size: 1,
    type: "text/plain",
    route: "default",
    key: `${userId}/${r.id}`,
    etag: '"e"',
  }));
  await db.insert(files).values(values);
}

describe.each(DIALECTS)("%s", (dialect) => {
  describe.skipIf(dialect === "postgres" && skipPostgres())("keyset paging", () => {
    let t: TestDb;
    beforeAll(async () => (t = await openTestDb(dialect)));
    afterAll(() => t.stop());

    it("pages 45 sessions with tied timestamps exactly once, in order, and never another user's", async () => {
      const user = newUserId();
      const rows = tiedRows("s", 45);
      for (const r of rows) await insertSession(t.hoist.db, sessionRow(user, r));
      for (const r of tiedRows("o", 10)) await insertSession(t.hoist.db, sessionRow(newUserId(), r));
      const { ids, sizes } = await drain((cursor) => listSessionsForUser(t.hoist.db, user, { cursor, limit: 20 }));
      expect(sizes).toEqual([20, 20, 5]);
      expect(ids).toEqual(expectedOrder(rows));
    });

    it("pages only the requested status", async () => {
      const user = newUserId();
      const rows = tiedRows("a", 30);
      for (const [i, r] of rows.entries()) {
        await insertSession(t.hoist.db, sessionRow(user, { ...r, status: i % 2 ? "aborted" : "uploading" }));
      }
      const list: Lister = (cursor) => listSessionsForUser(t.hoist.db, user, { status: "uploading", cursor, limit: 4 });
      const { ids } = await drain(list);
      expect(ids).toEqual(expectedOrder(rows.filter((_, i) => i % 2 === 0)));
    });

    // Guards the millisecond column precision: with microseconds a cursor never equals its row. Only real
    // Postgres catches a regression here; PGlite's clock ticks in milliseconds.
    it("pages rows created in one statement (all with the same now()) by id", async () => {
      const user = newUserId();
      const ids = Array.from({ length: 45 }, (_, i) => `n${String(i).padStart(3, "0")}`);
      await insertFiles(t.hoist.db, user, ids.map((id) => ({ id })));
      const drained = await drain((cursor) => listFilesForUser(t.hoist.db, user, { cursor, limit: 20 }));
      expect(drained.ids).toEqual([...ids].reverse());
    });

    it("pages 40 files with tied timestamps, ending without an empty page", async () => {
      const user = newUserId();
      const rows = tiedRows("f", 40);
      await insertFiles(t.hoist.db, user, rows);
      await insertFiles(t.hoist.db, newUserId(), tiedRows("g", 5));
      const { ids, sizes } = await drain((cursor) => listFilesForUser(t.hoist.db, user, { cursor, limit: 20 }));
      expect(sizes).toEqual([20, 20]);
      expect(ids).toEqual(expectedOrder(rows));
    });

    it("rejects a cursor it did not issue", async () => {
      const user = newUserId();
      const crafted = (position: unknown) => Buffer.from(JSON.stringify(position)).toString("base64url");
      // Each passes a lenient check (JSON with two strings, a date JS can parse) but is no cursor this package
      // wrote; Postgres must never see it (a cast or encoding error there would be a 500 with SQL in the log).
      const cursors = [
        "not-base64-json",
        crafted({ createdAt: "x", id: "y" }),
        crafted({ createdAt: "1", id: "y" }),
        crafted({ createdAt: "2030-01-01", id: "y" }),
        crafted({ createdAt: "0000-01-01T00:00:00.000Z", id: "y" }),
        crafted({ createdAt: "+275760-09-13T00:00:00.000Z", id: "y" }),
        crafted({ createdAt: "2030-01-01T00:00:00.000Z", id: "nul\u0000" }),
        crafted({ createdAt: "2030-01-01T00:00:00.000Z", id: "x".repeat(201) }),
        crafted({ createdAt: "2030-01-01T00:00:00.000Z", id: "y", extra: 1 }),
      ];
      for (const cursor of cursors) {
        await expect(listFilesForUser(t.hoist.db, user, { cursor, limit: 5 })).rejects.toThrow(InvalidCursorError);
      }
    });
  });
});
