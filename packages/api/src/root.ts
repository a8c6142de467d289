import { createTRPCRouter } from "./trpc";
import { filesRouter } from "./router/files";
import { uploadRouter } from "./router/upload";

/** The whole API as mounted at `/trpc`. */
export const appRouter = createTRPCRouter({
  upload: uploadRouter,
  files: filesRouter,
});

/** The router's type: clients import only this (`createTRPCClient<AppRouter>`), never server code. */
export type AppRouter = typeof appRouter;
