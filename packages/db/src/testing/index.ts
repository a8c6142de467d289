export { startPostgres, type PostgresServer } from "./postgres";
export { DIALECTS, openTestDb, type TestDb } from "./test-db";
export { skipPostgres, testDatabaseUrl } from "./test-env";
