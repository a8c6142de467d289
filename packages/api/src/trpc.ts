import { initTRPC, TRPCError } from "@trpc/server";
import { isHoistError } from "@hoist/contract";
import { isDatabaseUnavailable } from "@hoist/db";
import { isStorageThrottling } from "@hoist/s3-core";
import { z, ZodError } from "zod";
import type { ApiContext } from "./context";
import { databaseUnavailable, deriveHoistCode, isPublicError, retryAfterOf, storageThrottled, toTRPCError } from "./errors";
import { authenticate } from "./auth";
import { checkRateLimit } from "./rate-limit";
import { logOutcome, subjectOf } from "./procedure-log";

/** tRPC's text when a batch is over the server's `maxBatchSize`; it says neither the limit nor what to do. */
const BATCH_TOO_LARGE = "Batch call exceeds maximum size";

/** The message sent for `error`: internal ones hidden, tRPC's batch refusal made into something a person can act on. */
function publicMessage(error: TRPCError, message: string): string {
  if (!isPublicError(error)) return "internal error; the request was not completed, try again";
  if (error.code === "BAD_REQUEST" && error.message === BATCH_TOO_LARGE) {
    return "too many calls batched in one HTTP request (the server's limit is HOIST_MAX_BATCH, 10 by default); nothing was run: send fewer calls per request, e.g. a lower httpBatchLink maxItems";
  }
  return message;
}

/**
 * SSE subscriptions (`files.onCompleted`) send a ping this often, so proxies and load balancers (idle timeouts of
 * 60 s are common) keep the stream open; clients reconnect after three missed pings.
 */
const SSE_PING_MS = 15_000;

const t = initTRPC.context<ApiContext>().create({
  // Stack traces are never sent, whatever NODE_ENV says.
  isDev: false,
  sse: { ping: { enabled: true, intervalMs: SSE_PING_MS }, client: { reconnectAfterInactivityMs: 3 * SSE_PING_MS } },
  errorFormatter({ shape, error }) {
    const zodError = error.cause instanceof ZodError ? z.flattenError(error.cause) : null;
    const retryAfterSeconds = retryAfterOf(error);
    return {
      ...shape,
      message: publicMessage(error, shape.message),
      data: {
        ...shape.data,
        hoistCode: deriveHoistCode(error),
        zodError,
        stack: undefined,
        // Also in the Retry-After header; here too because one batched response may carry several calls' errors.
        ...(retryAfterSeconds !== undefined && { retryAfterSeconds }),
      },
    };
  },
});

/** Router factory; routers are plain objects `satisfies TRPCRouterRecord` (see router/). */
export const createTRPCRouter = t.router;

/** Server-side callers of a router: the same procedures, middleware and errors, without a transport. */
export const createCallerFactory = t.createCallerFactory;

/**
 * Turns a domain `HoistError` thrown anywhere below into a `TRPCError` with its tRPC code, and a database that is
 * down or storage that throttles into one that says so (any procedure may meet them, so they are named here rather
 * than in each service; else the caller would read only "internal error").
 */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok || result.error.cause instanceof TRPCError) return result;
  const { cause } = result.error;
  if (isHoistError(cause)) throw toTRPCError(cause);
  if (isDatabaseUnavailable(cause)) throw toTRPCError(databaseUnavailable(cause));
  if (isStorageThrottling(cause)) throw toTRPCError(storageThrottled(cause));
  return result;
});

/**
 * Every call logs one closing line; every line it writes (services log through `deps.log`) carries the request
 * id (from the transport's logger) and the upload id it concerns.
 */
const logged = t.middleware(async ({ ctx, path, getRawInput, next }) => {
  const started = performance.now();
  const input = await getRawInput().catch(() => undefined);
  const subject = subjectOf(path, input);
  const log = ctx.deps.log.child(subject);
  const result = await next({ ctx: { ...ctx, deps: { ...ctx.deps, log } } });
  // upload.create learns its upload id only from its result.
  const created = result.ok && subject.uploadId === undefined ? subjectOf(path, undefined, result.data).uploadId : undefined;
  logOutcome(created === undefined ? log : log.child({ uploadId: created }), result.ok ? undefined : result.error, performance.now() - started);
  return result;
});

/** For procedures anyone may call (none today but health-style probes). */
export const publicProcedure = t.procedure.use(logged).use(domainErrors);

/**
 * Every Hoist procedure: requires a valid bearer token, counts the call against the user's rate limit and puts
 * `user` in the context.
 */
export const protectedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const user = await authenticate(ctx.deps.auth, ctx.authorization);
  await checkRateLimit(ctx.deps, user);
  return next({ ctx: { ...ctx, user } });
});
