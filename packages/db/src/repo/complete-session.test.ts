import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { fileFor, newUserId, sessionRow, violatedConstraint } from "../../test/fixtures";
import { openDb } from "../open-db";
import { files } from "../schema";
import { DIALECTS, openTestDb, skipPostgres, type TestDb } from "../testing";
import { completeSession } from "./complete-session";
import { getFileBySession } from "./files";
import { getSession, insertSession } from "./sessions";

describe.each(DIALECTS)("%s", (dialect) => {
  describe.skipIf(dialect === "postgres" && skipPostgres())("completeSession", () => {
    let t: TestDb;
    beforeAll(async () => (t = await openTestDb(dialect)));
    afterAll(() => t.stop());

    const completing = () => insertSession(t.hoist.db, sessionRow(newUserId(), { status: "completing" }));

    it("marks the session complete, records the file and links it", async () => {
      const session = await completing();
      const file = await completeSession(t.hoist.db, { sessionId: session.id, file: fileFor(session) });
      expect(file).toMatchObject({ sessionId: session.id, userId: session.userId, key: session.key });
      expect(await getSession(t.hoist.db, session.id)).toMatchObject({ status: "complete" });
      expect(await getFileBySession(t.hoist.db, session.id)).toEqual(file);
    });

    it("a stream's session (max_size) takes the stored size; a declared size stays as it was", async () => {
      const stream = await insertSession(t.hoist.db, sessionRow(newUserId(), { status: "completing", size: 5000, maxSize: 5000 }));
      await completeSession(t.hoist.db, { sessionId: stream.id, file: { ...fileFor(stream), size: 1234 } });
      expect(await getSession(t.hoist.db, stream.id)).toMatchObject({ size: 1234, maxSize: 5000 });
      const known = await completing();
      await completeSession(t.hoist.db, { sessionId: known.id, file: fileFor(known) });
      expect(await getSession(t.hoist.db, known.id)).toMatchObject({ size: known.size, maxSize: null });
    });

    it("returns the recorded file on a repeated call instead of a second one", async () => {
      const session = await completing();
      const first = await completeSession(t.hoist.db, { sessionId: session.id, file: fileFor(session) });
      const again = await completeSession(t.hoist.db, { sessionId: session.id, file: fileFor(session) });
      expect(again).toEqual(first);
    });

    it("gives concurrent completions the same single file", async () => {
      const other = t.server ? await openDb({ url: t.server.url }) : t.hoist;
      try {
        const session = await completing();
        const results = await Promise.all([
          completeSession(t.hoist.db, { sessionId: session.id, file: fileFor(session) }),
          completeSession(other.db, { sessionId: session.id, file: fileFor(session) }),
        ]);
        expect(results[0]).toBeDefined();
        expect(results[1]).toEqual(results[0]);
        const rows = await t.hoist.db.select().from(files).where(eq(files.sessionId, session.id));
        expect(rows).toHaveLength(1);
      } finally {
        if (other !== t.hoist) await other.close();
      }
    });

    it("does nothing for a session that is not completing", async () => {
      const uploading = await insertSession(t.hoist.db, sessionRow(newUserId()));
      expect(await completeSession(t.hoist.db, { sessionId: uploading.id, file: fileFor(uploading) })).toBeUndefined();
      expect((await getSession(t.hoist.db, uploading.id))?.status).toBe("uploading");
      expect(await getFileBySession(t.hoist.db, uploading.id)).toBeUndefined();
      expect(await completeSession(t.hoist.db, { sessionId: "ses_missing", file: fileFor(uploading) })).toBeUndefined();
    });

    it("rolls the status back when the file cannot be recorded", async () => {
      const taken = await completing();
      await completeSession(t.hoist.db, { sessionId: taken.id, file: fileFor(taken) });
      const session = await completing();
      const clash = completeSession(t.hoist.db, { sessionId: session.id, file: fileFor(session, { key: taken.key }) });
      expect(await violatedConstraint(clash)).toBe("files_key_unique");
      expect(await getSession(t.hoist.db, session.id)).toMatchObject({ status: "completing" });
    });
  });
});
