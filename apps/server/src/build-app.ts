import cors from "@fastify/cors";
import Fastify from "fastify";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import type { Registry } from "prom-client";
import { fastifyTRPCPlugin } from "@trpc/server/adapters/fastify";
import type { FastifyTRPCPluginOptions } from "@trpc/server/adapters/fastify";
import { appRouter, createContextFactory } from "@hoist/api";
import type { ApiDeps, AppRouter } from "@hoist/api";
import { registerDevToken } from "./dev-token";
import { registerHealth } from "./health";
import { requestId } from "./logger";
import { registerMetrics } from "./metrics";
import { retryAfterHeader } from "./retry-after";
import { httpTimeouts } from "./http-timeouts";
import { trpcShapedErrors } from "./trpc-shaped-errors";
import { registerUnderPressure } from "./under-pressure";
import { registerWebApp, webAppBuilt } from "./web-app";

/** Options of {@link buildApp}. */
export interface AppOptions {
  deps: ApiDeps;
  /** Origins allowed to call the API from browsers; `*` for any. */
  corsOrigins: readonly string[];
  /** Largest JSON request body in bytes (default 2 MiB: a 10,000-part complete is ~0.6 MiB). */
  bodyLimit?: number;
  /** The server's logger (`createLogger`); absent: nothing is logged. */
  logger?: FastifyBaseLogger;
  /** Served at `GET /metrics` (`createMetrics`); absent: no such route. */
  metrics?: Registry;
  /** `HOIST_METRICS_TOKEN`: when set, `/metrics` wants it as a bearer token. */
  metricsToken?: string;
  /** How long each `/readyz` check may take before it counts as failed (default 2 s). */
  readyTimeoutMs?: number;
  /** Dev auth mode only: the demo token served at `GET /dev/token` (absent: no such route). */
  demoToken?: string;
  /** The built web app (Vite's `dist`) to serve at `/`; ignored while it holds no `index.html`. */
  webRoot?: string;
  /** Most calls in one batched tRPC request (`HOIST_MAX_BATCH`, default 10); a larger batch is refused whole. */
  maxBatch?: number;
  /** How long a request may take to arrive (`HOIST_REQUEST_TIMEOUT_MS`, default 30 s); then its socket is closed. */
  requestTimeoutMs?: number;
  /** Event-loop lag past which requests get 503 + `Retry-After` (`HOIST_MAX_EVENT_LOOP_DELAY_MS`, default 1 s; 0 = off). */
  maxEventLoopDelayMs?: number;
}

/**
 * A browser's EventSource cannot send headers: `httpSubscriptionLink({ connectionParams: { token } })` sends the token
 * in the URL instead (never logged: log lines drop URL queries). Verified exactly like the header.
 */
function fromConnectionParams(params: Record<string, string | undefined> | null): string | undefined {
  const token = params?.token;
  return typeof token === "string" && token !== "" ? `Bearer ${token}` : undefined;
}

/** Every response names its request id, so a caller can quote it and it can be found in the logs. */
function echoRequestId(app: FastifyInstance): void {
  app.addHook("onRequest", (request, reply, done) => {
    reply.header("x-request-id", request.id);
    done();
  });
}

/**
 * The Fastify host: tRPC at `/trpc`, `/healthz`, `/readyz`, `/metrics`, `/dev/token` in dev mode and the web app at `/`. No business
 * rules here; tests drive it with `inject` or real HTTP. The tRPC plugin is registered in its own scope (never
 * wrapped in fastify-plugin).
 */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(opts.logger !== undefined && { loggerInstance: opts.logger }),
    genReqId: requestId,
    bodyLimit: opts.bodyLimit ?? 2 * 1024 * 1024,
    routerOptions: { maxParamLength: 5000 },
    ...httpTimeouts(opts.requestTimeoutMs ?? 30_000),
  });
  const origins = opts.corsOrigins.includes("*") ? true : [...opts.corsOrigins];
  echoRequestId(app);
  await app.register(cors, { origin: origins, methods: ["GET", "POST", "OPTIONS"], maxAge: 3600, exposedHeaders: ["x-request-id"] });
  // After CORS, so a browser can read the 503 (its headers are already set on the reply).
  await registerUnderPressure(app, opts.maxEventLoopDelayMs ?? 1000);
  registerHealth(app, opts.deps, opts.readyTimeoutMs ?? 2000);
  if (opts.metrics !== undefined) registerMetrics(app, opts.metrics, opts.metricsToken);
  if (opts.demoToken !== undefined) registerDevToken(app, opts.demoToken);
  if (opts.webRoot !== undefined && webAppBuilt(opts.webRoot)) await registerWebApp(app, opts.webRoot);
  const createContext = createContextFactory(opts.deps);
  await app.register(
    async (scope) => {
      trpcShapedErrors(scope);
      await scope.register(fastifyTRPCPlugin, {
        prefix: "/trpc",
        trpcOptions: {
          router: appRouter,
          // tRPC's own check on the URL's list of procedures: an oversized batch is refused before any call is authorised or run.
          maxBatchSize: opts.maxBatch ?? 10,
          // Internal errors are logged by the procedures themselves (packages/api trpc.ts), with the upload id.
          createContext: ({ req, info }) => createContext(req.headers.authorization ?? fromConnectionParams(info.connectionParams), req.log),
          responseMeta: retryAfterHeader,
        } satisfies FastifyTRPCPluginOptions<AppRouter>["trpcOptions"],
      });
    },
  );
  return app;
}
