import { skipPostgres, startPostgres } from "@hoist/db/testing";
import type { PostgresServer } from "@hoist/db/testing";
import type { S3Provider } from "@hoist/s3-core";
import { startHarness } from "./harness";
import type { Harness, HarnessOptions } from "./harness";
import { startS3Target } from "./s3-target";
import type { S3Target } from "./s3-target";

/** The databases every API suite runs on: embedded PGlite and a real Postgres (skippable only by env). */
export const DATABASES = skipPostgres() ? (["pglite"] as const) : (["pglite", "postgres"] as const);

/** One API under test with everything it stands on, for `beforeAll`/`afterAll`. */
export interface Stack {
  api: Harness;
  s3: S3Target;
  postgres?: PostgresServer;
  close(): Promise<void>;
}

/** Starts S3, the database and the server; `close()` stops all three. */
export async function startStack(
  database: (typeof DATABASES)[number],
  opts: Omit<HarnessOptions, "s3" | "database" | "routes"> & {
    routes?: (s3: S3Target) => HarnessOptions["routes"];
    /** Run the API with this provider's profile against the store under test (e.g. `b2`: no conditional PUTs). */
    provider?: S3Provider;
  } = {},
): Promise<Stack> {
  const started = await startS3Target();
  const { routes, provider, ...rest } = opts;
  const s3 = provider === undefined ? started : { ...started, storage: { ...started.storage, provider } };
  const postgres = database === "postgres" ? await startPostgres() : undefined;
  const api = await startHarness({
    ...rest,
    s3,
    database: postgres ? { url: postgres.url } : "pglite",
    ...(routes && { routes: routes(s3) }),
  });
  return {
    api,
    s3,
    ...(postgres && { postgres }),
    async close() {
      await api.close();
      await postgres?.stop();
      await s3.close();
    },
  };
}
