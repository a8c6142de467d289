import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { fileFor, newUserId, sessionRow } from "../../test/fixtures";
import type { FileRow } from "../schema";
import { DIALECTS, openTestDb, skipPostgres, type TestDb } from "../testing";
import { completeSession } from "./complete-session";
import { deleteFileForUser, getFileBySession, getFileForUser } from "./files";
import { insertSession } from "./sessions";

describe.each(DIALECTS)("%s", (dialect) => {
  describe.skipIf(dialect === "postgres" && skipPostgres())("files", () => {
    let t: TestDb;
    beforeAll(async () => (t = await openTestDb(dialect)));
    afterAll(() => t.stop());

    async function uploadedFile(): Promise<FileRow> {
      const session = await insertSession(t.hoist.db, sessionRow(newUserId(), { status: "completing" }));
      const file = await completeSession(t.hoist.db, { sessionId: session.id, file: fileFor(session) });
      if (!file) throw new Error("fixture: completeSession returned no file");
      return file;
    }

    it("returns a file only to its owner", async () => {
      const file = await uploadedFile();
      expect(await getFileForUser(t.hoist.db, file.id, file.userId)).toEqual(file);
      expect(await getFileForUser(t.hoist.db, file.id, newUserId())).toBeUndefined();
      expect(await getFileForUser(t.hoist.db, "file_missing", file.userId)).toBeUndefined();
    });

    it("finds a file by the session that produced it", async () => {
      const file = await uploadedFile();
      expect(await getFileBySession(t.hoist.db, file.sessionId!)).toEqual(file);
      expect(await getFileBySession(t.hoist.db, "ses_missing")).toBeUndefined();
    });

    it("deletes only the owner's file, once", async () => {
      const file = await uploadedFile();
      expect(await deleteFileForUser(t.hoist.db, file.id, newUserId())).toBeUndefined();
      expect(await getFileForUser(t.hoist.db, file.id, file.userId)).toEqual(file);
      expect(await deleteFileForUser(t.hoist.db, file.id, file.userId)).toEqual(file);
      expect(await deleteFileForUser(t.hoist.db, file.id, file.userId)).toBeUndefined();
      expect(await getFileForUser(t.hoist.db, file.id, file.userId)).toBeUndefined();
    });
  });
});
