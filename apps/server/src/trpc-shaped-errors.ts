import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import type { FastifyError, FastifyInstance } from "fastify";

/**
 * A request body over the limit is refused by Fastify before tRPC sees it; answer in tRPC's error shape with a
 * `hoistCode`, like every other API error, instead of Fastify's own. Codes and status come from tRPC's own tables,
 * so the body says PAYLOAD_TOO_LARGE in every field a client may read.
 */
export function trpcShapedErrors(scope: FastifyInstance): void {
  scope.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.code !== "FST_ERR_CTP_BODY_TOO_LARGE") return reply.send(error);
    const path = request.url.replace(/^\/trpc\//, "").split("?")[0];
    const refused = new TRPCError({
      code: "PAYLOAD_TOO_LARGE",
      message: "request body is over the API's size limit; send fewer parts per call",
    });
    const httpStatus = getHTTPStatusCodeFromError(refused);
    return reply.status(httpStatus).send({
      error: {
        message: refused.message,
        code: TRPC_ERROR_CODES_BY_KEY[refused.code],
        data: { code: refused.code, httpStatus, path, hoistCode: "SIZE_OVER_LIMIT", zodError: null },
      },
    });
  });
}
