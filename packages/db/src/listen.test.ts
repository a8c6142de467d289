import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Listener } from "./listen";
import { DIALECTS, openTestDb, skipPostgres, testDatabaseUrl, type TestDb } from "./testing";

/** A listener that queues what it hears, so a test can wait for the next notification or (re)connect. */
function recorder() {
  const heard: string[] = [];
  let listening = 0;
  const waiters: (() => void)[] = [];
  const poke = () => {
    for (const wake of waiters.splice(0)) wake();
  };
  const until = async (done: () => boolean) => {
    while (!done()) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  const handlers = {
    onNotify: (payload: string) => {
      heard.push(payload);
      poke();
    },
    onListening: () => {
      listening += 1;
      poke();
    },
  };
  return { heard, handlers, listened: () => listening, until };
}

describe.each(DIALECTS)("%s", (dialect) => {
  describe.skipIf(dialect === "postgres" && skipPostgres())("listen", () => {
    let t: TestDb;
    let listener: Listener;
    const r = recorder();
    beforeAll(async () => {
      t = await openTestDb(dialect);
      listener = await t.hoist.listen("hoist_test_channel", r.handlers);
      await r.until(() => r.listened() === 1);
    });
    afterAll(async () => {
      await listener.close();
      await t.stop();
    });

    it("hears a NOTIFY once its transaction commits, and nothing from one rolled back", async () => {
      await t.hoist.db
        .transaction(async (tx) => {
          await tx.execute(sql`select pg_notify('hoist_test_channel', 'rolled-back')`);
          throw new Error("roll back");
        })
        .catch(() => undefined);
      await t.hoist.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_notify('hoist_test_channel', 'committed')`);
      });
      await r.until(() => r.heard.length > 0);
      expect(r.heard).toEqual(["committed"]);
    });

    it.skipIf(dialect === "pglite" || testDatabaseUrl() !== undefined)("listens again after the database restarts", async () => {
      await t.server?.restart();
      await r.until(() => r.listened() === 2);
      await t.hoist.db.execute(sql`select pg_notify('hoist_test_channel', 'after restart')`);
      await r.until(() => r.heard.includes("after restart"));
    });
  });
});
