import { apiOptions, defaultRoutes } from "@hoist/api";
import type { ApiDeps, ApiOptions, Logger, Observer, RouteTable } from "@hoist/api";
import { openDb } from "@hoist/db";
import { setupAuth } from "./auth-setup";
import type { ServerConfig } from "./config";
import { routesTooSmallFor } from "./check-routes";
import { createLogger } from "./logger";
import { openStorage } from "./storage";

/** What the API runs on, opened from config; shared by the server and the one-off commands. */
export interface Runtime {
  deps: ApiDeps;
  s3Endpoint: string;
  demoToken?: string;
  close(): Promise<void>;
}

/** Opens the database (migrated) and storage, and prepares auth. `close()` releases both. */
export async function openRuntime(
  config: ServerConfig,
  opts: { routes?: RouteTable; api?: Partial<ApiOptions>; log?: Logger; observe?: Observer } = {},
): Promise<Runtime> {
  const log = opts.log ?? createLogger(config.logLevel ?? "info");
  // A restarted or failed-over Postgres ends idle pooled connections; the pool replaces them, the log says so.
  const onIdleError = (err: Error) => {
    log.warn({ err }, "an idle database connection failed (Postgres restarted or unreachable); the pool opens a new one when needed");
  };
  const database = await openDb("url" in config.database ? { url: config.database.url, onIdleError } : { dataDir: config.database.dataDir });
  const opened = await openStorage(config.storage, config.corsOrigins, config.requestTimeoutMs).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  const routes = opts.routes ?? defaultRoutes;
  // Code (tests, embedders) overrides what the environment said.
  const options = apiOptions({ ...config.limits, ...opts.api });
  const provider = config.storage.kind === "external" ? config.storage.provider : "the embedded store";
  const warning = routesTooSmallFor(routes, opened.storage.profile, provider);
  if (warning !== undefined) log.warn({}, warning);
  const { auth, demoToken } = await setupAuth(config);
  const deps: ApiDeps = {
    db: database.db,
    storage: opened.storage,
    routes,
    auth,
    options,
    log,
    ...(opts.observe !== undefined && { observe: opts.observe }),
  };
  return {
    deps,
    s3Endpoint: opened.endpoint,
    ...(demoToken !== undefined && { demoToken }),
    async close() {
      await opened.close();
      await database.close();
    },
  };
}
