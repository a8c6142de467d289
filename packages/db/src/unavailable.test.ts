import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { openDb } from "./open-db";
import { skipPostgres, startPostgres, testDatabaseUrl, type PostgresServer } from "./testing";
import { DatabaseUnavailableError, isDatabaseUnavailable } from "./unavailable";

const refused = () => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" });
const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

describe("isDatabaseUnavailable", () => {
  it("counts a refused socket only when the pool tagged it: storage's would look the same", () => {
    expect(isDatabaseUnavailable(refused())).toBe(false);
    expect(isDatabaseUnavailable(new DatabaseUnavailableError("could not connect", { cause: refused() }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Failed query", { cause: new Error("Connection terminated unexpectedly") }))).toBe(true);
    expect(isDatabaseUnavailable("ECONNREFUSED")).toBe(false);
  });
});

describe.skipIf(skipPostgres())("a Postgres that restarts under an open pool", () => {
  let server: PostgresServer;
  beforeAll(async () => (server = await startPostgres()));
  afterAll(() => server.stop());

  it("queries and transactions fail as unavailable while it is down, an idle connection's end is reported, and it recovers", async ({ skip }) => {
    skip(testDatabaseUrl() !== undefined, "an external server is not ours to restart");
    let idleFailed!: (error: Error) => void;
    const idleError = new Promise<Error>((resolve) => (idleFailed = resolve));
    const hoist = await openDb({ url: server.url, onIdleError: (error) => {
      idleFailed(error);
    } });
    const one = () => hoist.db.select({ n: sql<number>`1` }).from(sql`(values (1)) as one(x)`);
    try {
      await one(); // leaves an idle connection in the pool, which the shutdown cuts
      await server.restart(async () => {
        expect(isDatabaseUnavailable(await idleError)).toBe(true);
        expect(isDatabaseUnavailable(await failure(one()))).toBe(true);
        expect(isDatabaseUnavailable(await failure(hoist.db.transaction(() => one())))).toBe(true);
      });
      expect(await one()).toEqual([{ n: 1 }]);
      expect(isDatabaseUnavailable(await failure(hoist.db.execute(sql`select nonsense from nowhere`)))).toBe(false);
    } finally {
      await hoist.close();
    }
  });
});
