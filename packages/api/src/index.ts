/**
 * @hoist/api: the tRPC routers (`upload.*`, `files.*`), context, auth, route policies and the sweeper.
 * Transport-free: apps/server mounts `appRouter` on Fastify; `createCaller` calls the same procedures in-process
 * (the package's own router tests, through `@hoist/api/testing`).
 */
export { appRouter, createCaller, type AppRouter } from "./root";
export { createTRPCRouter } from "./trpc";
export { retryAfterOf } from "./errors";
export { noObserver, silentLogger, type Logger, type Observer, type SweepAction } from "./observe";
export { apiOptions, createContextFactory, type ApiContext, type ApiDeps, type ApiOptions, type Storage } from "./context";
export { authenticate, createAuth, issueToken, jwksUrlProblem, type Auth, type AuthClaims, type AuthConfig, type AuthUser } from "./auth";
export {
  defaultRoutes,
  defineRoutes,
  resolveRoute,
  routesFor,
  type RouteInput,
  type RoutePolicy,
  type RouteTable,
  type SniffMode,
} from "./routes";
export { startEventHub, type EventHub, type EventHubOptions } from "./events/event-hub";
export { sweep, startSweeper, type SweepOptions, type SweepReport } from "./services/sweep";
