import type { FastifyInstance } from "fastify";

// Loopback host names, with or without a port: the only names a dev-mode server (bound to 127.0.0.1) is reached by.
const LOOPBACK_HOST = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/i;

/**
 * `GET /dev/token` (dev auth mode only): the demo token, so the web app can sign in without a login page.
 * The page is same-origin (served by this server, or through Vite's proxy), so the route sends no CORS headers:
 * another site open in the same browser cannot read the token. A Host other than loopback is refused, which
 * stops DNS rebinding from making a foreign page "same-origin".
 */
export function registerDevToken(app: FastifyInstance, token: string): void {
  app.get("/dev/token", { config: { cors: false } }, (request, reply) => {
    void reply.header("cache-control", "no-store");
    if (!LOOPBACK_HOST.test(request.headers.host ?? "")) {
      return reply.status(403).send({ error: "the demo token is only served to loopback host names (localhost, 127.0.0.1)" });
    }
    return { token };
  });
}
