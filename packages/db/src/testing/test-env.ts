/** The only place the test helpers read the environment. */

/** A Postgres server to use instead of starting a throwaway cluster (`HOIST_TEST_DATABASE_URL`). */
export function testDatabaseUrl(): string | undefined {
  const url = process.env.HOIST_TEST_DATABASE_URL;
  return url === undefined || url === "" ? undefined : url;
}

/** True when `HOIST_TEST_SKIP_POSTGRES=1`: run only the PGlite variants (machines without Postgres). */
export function skipPostgres(): boolean {
  return process.env.HOIST_TEST_SKIP_POSTGRES === "1";
}
