import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openTestDb } from "@hoist/db/testing";
import { startLocalS3 } from "@hoist/local-s3";
import { storageFromConfig } from "@hoist/s3-core";
import { createAuth, issueToken } from "../../src/auth";
import { apiOptions, createContextFactory } from "../../src/context";
import type { ApiDeps, ApiOptions } from "../../src/context";
import { startEventHub } from "../../src/events/event-hub";
import type { EventHubOptions } from "../../src/events/event-hub";
import { createCaller } from "../../src/root";
import type { RouteTable } from "../../src/routes";
import { routesWithFloor, TEST_SECRET, testClock, testLog } from "./test-config";
import type { TestClock } from "./test-config";

/** What `createCaller` returns: `caller.upload.create(input)` and so on. */
export type Caller = ReturnType<typeof createCaller>;

/** The part floor of the kit's routes: 1 KiB, which its local-s3 is told to accept, so tests stay small. */
export const TEST_PART_FLOOR = 1024;

/** Options of {@link startTestApi}. */
export interface TestApiOptions {
  /** Default: `routesWithFloor(TEST_PART_FLOOR)`. */
  routes?: RouteTable;
  api?: Partial<ApiOptions>;
  /** The event hub's page size and per-subscriber buffer (defaults: the server's). */
  events?: Omit<EventHubOptions, "log">;
}

/** Real deps for procedure tests, see {@link startTestApi}. */
export interface TestApi {
  deps: ApiDeps;
  clock: TestClock;
  /** A caller for `userId`: each call carries a fresh HS256 bearer token, verified as an HTTP request's is. */
  callerFor(userId: string): Caller;
  /** Stops the store and the database and removes their files. */
  close(): Promise<void>;
}

const BUCKET = "hoist-test";
const credentials = { accessKeyId: "api-kit-key", secretAccessKey: "api-kit-secret-0123456789abcdef" };

/**
 * Real `ApiDeps` for one test file: a migrated in-memory PGlite, local-s3 on 127.0.0.1 and a free port (temp dir),
 * the storage, auth and options the server would build, and a movable clock. No HTTP: procedures run in-process.
 */
export async function startTestApi(opts: TestApiOptions = {}): Promise<TestApi> {
  const dataDir = await mkdtemp(join(tmpdir(), "hoist-api-kit-"));
  const store = await startLocalS3({ dataDir, port: 0, credentials, buckets: [BUCKET], minPartSize: 1 });
  const database = await openTestDb("pglite").catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const clock = testClock();
  const deps: ApiDeps = {
    db: database.hoist.db,
    storage: storageFromConfig({ endpoint: store.endpoint, region: "us-east-1", bucket: BUCKET, provider: "local", forcePathStyle: true, ...credentials }),
    routes: opts.routes ?? routesWithFloor(TEST_PART_FLOOR),
    auth: createAuth({ jwtSecret: TEST_SECRET }),
    options: apiOptions({ now: clock.now, ...opts.api }),
    log: testLog,
  };
  deps.events = await startEventHub(database.hoist, { log: testLog, ...opts.events });
  const context = createContextFactory(deps);
  return {
    deps,
    clock,
    callerFor: (userId) => createCaller(async () => context(`Bearer ${await issueToken(TEST_SECRET, userId, 3600)}`)),
    async close() {
      deps.storage.client.destroy();
      await deps.events?.close(new Error("test API closed"));
      await database.stop();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
