import underPressure from "@fastify/under-pressure";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";

/** Seconds a refused client is asked to wait (`Retry-After`): under-pressure's own default. */
const RETRY_AFTER_SECONDS = 10;

/** Answered even under pressure: a liveness probe that failed on a busy loop would get a working process restarted. */
const EXEMPT = new Set(["/healthz"]);

/**
 * The overload answer, in tRPC's error shape like every other API refusal, so clients read it the same way:
 * 503, `Retry-After`, and a message that says what to do.
 */
function refuse(request: FastifyRequest, reply: FastifyReply, lagMs: number | undefined): void {
  if (EXEMPT.has(request.routeOptions.url ?? "")) return;
  const message = `the server is overloaded (event loop ${Math.round(lagMs ?? 0)} ms behind); retry in ${RETRY_AFTER_SECONDS} s`;
  void reply
    .status(503)
    .header("retry-after", String(RETRY_AFTER_SECONDS))
    .send({
      error: {
        message,
        code: TRPC_ERROR_CODES_BY_KEY.SERVICE_UNAVAILABLE,
        data: { code: "SERVICE_UNAVAILABLE", httpStatus: 503, path: request.url.replace(/^\/trpc\//, "").split("?")[0], retryAfterSeconds: RETRY_AFTER_SECONDS },
      },
    });
}

/**
 * `@fastify/under-pressure`: once the event loop lags more than `maxEventLoopDelayMs` (sampled each second),
 * requests are refused at once with 503 + `Retry-After` instead of queueing until every answer is late
 * (`HOIST_MAX_EVENT_LOOP_DELAY_MS`; 0 = off). Registered before the routes, so its hook covers all of them.
 */
export async function registerUnderPressure(app: FastifyInstance, maxEventLoopDelayMs: number): Promise<void> {
  if (maxEventLoopDelayMs === 0) return;
  await app.register(underPressure, {
    maxEventLoopDelay: maxEventLoopDelayMs,
    retryAfter: RETRY_AFTER_SECONDS,
    // A reply sent here ends the request; returning without one (an exempt route) lets it through.
    pressureHandler: (request, reply, _type, value) => {
      refuse(request, reply, value);
    },
  });
}
