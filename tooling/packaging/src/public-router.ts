/**
 * The source of `@hoist/client/router`'s declarations. `AppRouter` as @hoist/api declares it carries the server's
 * context type (database, storage, auth: types from drizzle, the AWS SDK, ...), which no client uses: a
 * `TRPCClient` reads only the procedures and the error shape. tsc writes out the types it infers for `record`
 * and `errorShape` in full (plain objects and @trpc/server's own types), and the router is rebuilt from them with
 * an empty context, so the published type needs nothing but @trpc/server. The build points `@hoist/api` here, so
 * types a library infers from the router (react's `useTRPC`) are written out without the context too.
 * @param apiSource the API's own index.ts, imported by path: `@hoist/api` means this file during the build
 */
export const publicRouterSource = (apiSource: string) => `import type { AppRouter as ServerRouter } from ${JSON.stringify(apiSource)};
import type { TRPCBuiltRouter } from "@trpc/server";

declare const server: ServerRouter;
const record = server._def.record;
const errorShape = server._def._config.$types.errorShape;

/** The Hoist API's router type, for \`createTRPCClient<AppRouter>\`: its procedures, inputs, outputs and errors. */
export type AppRouter = TRPCBuiltRouter<{ ctx: object; meta: object; errorShape: typeof errorShape; transformer: false }, typeof record>;
`;
