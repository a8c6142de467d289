import { apiOptions, defaultRoutes, startEventHub } from "@hoist/api";
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

/** The API's options: what the environment said, then what code (tests, embedders) overrides. */
function optionsFrom(config: ServerConfig, api: Partial<ApiOptions> | undefined): ApiOptions {
  const events = config.events && { eventSubjects: config.events.subjects, eventRetentionHours: config.events.retentionHours };
  return apiOptions({ ...config.limits, ...events, ...api });
}

/** Opens the database (migrated) and storage, and prepares auth. `close()` releases both. */
export async function openRuntime(
  config: ServerConfig,
  opts: { routes?: RouteTable; api?: Partial<ApiOptions>; log?: Logger; observe?: Observer; events?: boolean } = {},
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
  const options = optionsFrom(config, opts.api);
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
  const release = async () => {
    await deps.events?.close(new Error("the server is closing"));
    await opened.close();
    await database.close();
  };
  // Only a server streams events; one-off commands (sweep) need no LISTEN connection.
  if (opts.events === true) deps.events = await startEventHub(database, { log }).catch((error: unknown) => release().then(() => Promise.reject(error as Error)));
  return { deps, s3Endpoint: opened.endpoint, ...(demoToken !== undefined && { demoToken }), close: release };
}
