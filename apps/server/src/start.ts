import { apiOptions, defaultRoutes } from "@hoist/api";
import type { ApiDeps, ApiOptions, RouteTable } from "@hoist/api";
import { openDb } from "@hoist/db";
import { setupAuth } from "./auth-setup";
import { buildApp } from "./build-app";
import type { ServerConfig } from "./config";
import { openStorage } from "./storage";

/** Options of {@link startServer} beyond the config: what tests and embedders change in code. */
export interface StartOptions {
  routes?: RouteTable;
  api?: Partial<ApiOptions>;
  bodyLimit?: number;
  logger?: boolean;
}

/** A running server. */
export interface RunningServer {
  url: string;
  /** Where the store lives (the embedded store's URL in zero-config mode). */
  s3Endpoint: string;
  deps: ApiDeps;
  /** Dev mode only: a token for the demo user. */
  demoToken?: string;
  close(): Promise<void>;
}

/** Opens the database and storage, builds the app and listens. Everything opened is closed by `close()`. */
export async function startServer(config: ServerConfig, opts: StartOptions = {}): Promise<RunningServer> {
  const database = await openDb("url" in config.database ? { url: config.database.url } : { dataDir: config.database.dataDir });
  const opened = await openStorage(config.storage, config.corsOrigins).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  const { auth, demoToken } = await setupAuth(config);
  const deps: ApiDeps = {
    db: database.db,
    storage: opened.storage,
    routes: opts.routes ?? defaultRoutes,
    auth,
    options: apiOptions(opts.api),
  };
  const app = await buildApp({ deps, corsOrigins: config.corsOrigins, ...opts });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === "object" && address !== null ? address.port : config.port;
  return {
    url: `http://${config.host === "0.0.0.0" ? "127.0.0.1" : config.host}:${port}`,
    s3Endpoint: opened.endpoint,
    deps,
    ...(demoToken !== undefined && { demoToken }),
    async close() {
      await app.close();
      await opened.close();
      await database.close();
    },
  };
}
