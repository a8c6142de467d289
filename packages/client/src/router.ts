/**
 * `@hoist/client/router`: the API's router type for `createTRPCClient<AppRouter>`, from the same release as the
 * engine whose `trpc` option takes that client. Types only: the published build writes it out in full, without
 * the server's context (see tooling/packaging).
 */
export type { AppRouter } from "@hoist/api";
