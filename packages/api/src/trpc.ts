import { initTRPC, TRPCError } from "@trpc/server";
import { isHoistError } from "@hoist/contract";
import { z, ZodError } from "zod";
import type { ApiContext } from "./context";
import { hoistCodeOf, isPublicError, toTRPCError } from "./errors";
import { authenticate } from "./auth";

const t = initTRPC.context<ApiContext>().create({
  // Stack traces are never sent, whatever NODE_ENV says.
  isDev: false,
  errorFormatter({ shape, error }) {
    const zodError = error.cause instanceof ZodError ? z.flattenError(error.cause) : null;
    const message = isPublicError(error) ? shape.message : "internal error; the request was not completed, try again";
    return {
      ...shape,
      message,
      data: { ...shape.data, hoistCode: hoistCodeOf(error), zodError, stack: undefined },
    };
  },
});

/** Router factory; routers are plain objects `satisfies TRPCRouterRecord` (see router/). */
export const createTRPCRouter = t.router;

/** Turns a domain `HoistError` thrown anywhere below into a `TRPCError` with its tRPC code. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && !(result.error.cause instanceof TRPCError) && isHoistError(result.error.cause)) {
    throw toTRPCError(result.error.cause);
  }
  return result;
});

/** For procedures anyone may call (none today but health-style probes). */
export const publicProcedure = t.procedure.use(domainErrors);

/** Every Hoist procedure: requires a valid bearer token and puts `user` in the context. */
export const protectedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const user = await authenticate(ctx.deps.auth, ctx.authorization);
  return next({ ctx: { ...ctx, user } });
});
