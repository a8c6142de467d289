import { startSweeper } from "@hoist/api";
import { HoistError } from "@hoist/contract";
import type { ApiDeps, ApiOptions, RouteTable } from "@hoist/api";
import type { DestinationStream } from "pino";
import { buildApp } from "./build-app";
import type { ServerConfig } from "./config";
import { lastResponsesOnClose } from "./drain";
import { createLogger } from "./logger";
import { createMetrics } from "./metrics";
import { webAppBuilt } from "./web-app";
import { openRuntime } from "./runtime";

/** Options of {@link startServer} beyond the config: what tests and embedders change in code. */
export interface StartOptions {
  routes?: RouteTable;
  api?: Partial<ApiOptions>;
  bodyLimit?: number;
  /** Where the JSON log lines go (default stdout); tests capture them here. */
  logStream?: DestinationStream;
  /** How often the sweeper runs in this process (default 10 min); 0 turns it off. */
  sweepIntervalMs?: number;
  /** The built web app to serve at `/` (`apps/web/dist` for `pnpm start`); not served while it is not built. */
  webRoot?: string;
  /** Called once `close()` has begun refusing new requests (503), before those in flight have finished. */
  onClosing?: () => void;
}

/** A running server. */
export interface RunningServer {
  url: string;
  /** Where the store lives (the embedded store's URL in zero-config mode). */
  s3Endpoint: string;
  deps: ApiDeps;
  /** Dev mode only: a token for the demo user (also served at `GET /dev/token`). */
  demoToken?: string;
  /** Set when the web app is served at `/`: the directory it is served from. */
  webRoot?: string;
  /** New requests get 503 at once; resolves once requests in flight and a running sweep step have finished and all is closed. */
  close(): Promise<void>;
}

const SHUTTING_DOWN = new HoistError("INTERNAL", "this server is shutting down: subscribe again with the last event id you received (httpSubscriptionLink does so itself)");

/** Opens the database and storage, builds the app, listens and sweeps. `close()` stops all of it. */
export async function startServer(config: ServerConfig, opts: StartOptions = {}): Promise<RunningServer> {
  const logger = createLogger(config.logLevel ?? "info", opts.logStream);
  const metrics = createMetrics();
  const runtime = await openRuntime(config, { ...opts, log: logger, observe: metrics.observer, events: true });
  const { deps, demoToken } = runtime;
  const limits = {
    ...(config.maxBatch !== undefined && { maxBatch: config.maxBatch }),
    ...(config.requestTimeoutMs !== undefined && { requestTimeoutMs: config.requestTimeoutMs }),
    ...(config.maxEventLoopDelayMs !== undefined && { maxEventLoopDelayMs: config.maxEventLoopDelayMs }),
    ...(config.metricsToken !== undefined && { metricsToken: config.metricsToken }),
  };
  const observed = { logger, metrics: metrics.registry };
  const app = await buildApp({ deps, corsOrigins: config.corsOrigins, ...limits, ...opts, ...observed, ...(demoToken !== undefined && { demoToken }) });
  const lastResponses = lastResponsesOnClose(app.server);
  // preClose runs once Fastify answers new requests with 503 and before it stops listening.
  app.addHook("preClose", async () => {
    lastResponses();
    opts.onClosing?.();
    // Event streams never finish by themselves: end them (clients resume elsewhere with their last event id).
    await deps.events?.close(SHUTTING_DOWN);
  });
  await app.listen({ port: config.port, host: config.host });
  const interval = opts.sweepIntervalMs ?? 10 * 60_000;
  const sweepOptions = config.sweepGraceSeconds === undefined ? {} : { graceSeconds: config.sweepGraceSeconds };
  const stopSweeper = interval > 0 ? startSweeper(deps, interval, sweepOptions) : () => Promise.resolve();
  const address = app.server.address();
  const port = typeof address === "object" && address !== null ? address.port : config.port;
  return {
    url: `http://${config.host === "0.0.0.0" ? "127.0.0.1" : config.host}:${port}`,
    s3Endpoint: runtime.s3Endpoint,
    deps,
    ...(demoToken !== undefined && { demoToken }),
    ...(opts.webRoot !== undefined && webAppBuilt(opts.webRoot) && { webRoot: opts.webRoot }),
    async close() {
      // The database and store stay open until the last request and the sweep's current step are done with them.
      await Promise.all([stopSweeper(), app.close()]);
      await runtime.close();
    },
  };
}
