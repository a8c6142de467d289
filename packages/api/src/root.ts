import { createCallerFactory, createTRPCRouter } from "./trpc";
import { filesRouter } from "./router/files";
import { uploadRouter } from "./router/upload";

/** The whole API as mounted at `/trpc`. */
export const appRouter = createTRPCRouter({
  upload: uploadRouter,
  files: filesRouter,
});

/** The router's type: clients import only this (`createTRPCClient<AppRouter>`), never server code. */
export type AppRouter = typeof appRouter;

/**
 * Calls procedures in-process: `createCaller(ctx)` (or a function returning the context) gives
 * `caller.upload.create(input)`. Tests and embedders use it; errors are the `TRPCError`s HTTP callers get.
 */
export const createCaller = createCallerFactory(appRouter);
