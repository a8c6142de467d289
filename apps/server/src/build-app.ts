import cors from "@fastify/cors";
import Fastify from "fastify";
import type { FastifyInstance } from "fastify";
import { fastifyTRPCPlugin } from "@trpc/server/adapters/fastify";
import type { FastifyTRPCPluginOptions } from "@trpc/server/adapters/fastify";
import { appRouter, createContextFactory } from "@hoist/api";
import type { ApiDeps, AppRouter } from "@hoist/api";
import { registerDevToken } from "./dev-token";
import { retryAfterHeader } from "./retry-after";
import { httpTimeouts } from "./http-timeouts";
import { trpcShapedErrors } from "./trpc-shaped-errors";
import { registerWebApp, webAppBuilt } from "./web-app";

/** Options of {@link buildApp}. */
export interface AppOptions {
  deps: ApiDeps;
  /** Origins allowed to call the API from browsers; `*` for any. */
  corsOrigins: readonly string[];
  /** Largest JSON request body in bytes (default 2 MiB: a 10,000-part complete is ~0.6 MiB). */
  bodyLimit?: number;
  logger?: boolean;
  /** Dev auth mode only: the demo token served at `GET /dev/token` (absent: no such route). */
  demoToken?: string;
  /** The built web app (Vite's `dist`) to serve at `/`; ignored while it holds no `index.html`. */
  webRoot?: string;
  /** Most calls in one batched tRPC request (`HOIST_MAX_BATCH`, default 10); a larger batch is refused whole. */
  maxBatch?: number;
  /** How long a request may take to arrive (`HOIST_REQUEST_TIMEOUT_MS`, default 30 s); then its socket is closed. */
  requestTimeoutMs?: number;
}

/**
 * The Fastify host: tRPC at `/trpc`, `/healthz`, `/dev/token` in dev mode and the web app at `/`. No business
 * rules here; tests drive it with `inject` or real HTTP. The tRPC plugin is registered in its own scope (never
 * wrapped in fastify-plugin).
 */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: opts.bodyLimit ?? 2 * 1024 * 1024,
    routerOptions: { maxParamLength: 5000 },
    ...httpTimeouts(opts.requestTimeoutMs ?? 30_000),
  });
  const origins = opts.corsOrigins.includes("*") ? true : [...opts.corsOrigins];
  await app.register(cors, { origin: origins, methods: ["GET", "POST", "OPTIONS"], maxAge: 3600 });
  app.get("/healthz", () => ({ ok: true }));
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
          createContext: ({ req }) => createContext(req.headers.authorization),
          responseMeta: retryAfterHeader,
          onError: ({ error, path }) => {
            if (error.code === "INTERNAL_SERVER_ERROR") opts.deps.options.log(`internal error in ${path ?? "?"}`, error.cause ?? error);
          },
        } satisfies FastifyTRPCPluginOptions<AppRouter>["trpcOptions"],
      });
    },
  );
  return app;
}
