import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import type { ApiDeps } from "@hoist/api";
import { ping } from "@hoist/db";
import { isStorageThrottling } from "@hoist/s3-core";

type Check = "database" | "storage";

/** Probes come every few seconds: their request lines would drown the log, so only their warnings are kept. */
export const PROBE_LOG = { logLevel: "warn" } as const;
type Outcome = "ok" | "throttled" | "unreachable" | "timeout";

/** Runs `probe`, giving up after `timeoutMs`; the cause goes to the log, never to the (unauthenticated) caller. */
async function outcome(log: FastifyBaseLogger, name: Check, probe: () => Promise<unknown>, timeoutMs: number): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"timeout">((resolve) => {
    timer = setTimeout(resolve, timeoutMs, "timeout");
  });
  try {
    const result = await Promise.race([probe().then(() => "ok" as const), late]);
    if (result === "timeout") log.warn({ check: name, timeoutMs }, "readiness check timed out");
    return result;
  } catch (error) {
    log.warn({ check: name, err: error }, "readiness check failed");
    return isStorageThrottling(error) ? "throttled" : "unreachable";
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One ListObjectsV2 of at most one key under the first route's prefix: the bucket exists and these credentials may
 * list it (the sweeper must). Under a prefix, because the key's least-privilege policy (`pnpm setup-storage`) allows
 * listing only the routes' prefixes.
 */
async function listOneKey(deps: ApiDeps): Promise<void> {
  const first = Object.keys(deps.routes)[0];
  const pages = deps.storage.listObjectPages({ maxKeys: 1, ...(first !== undefined && { prefix: `${first}/` }) });
  await pages.next();
  await pages.return();
}

/**
 * `/healthz`: the process is up (no I/O, for liveness probes). `/readyz`: the database answers `select 1` and the
 * bucket can be listed (or storage answers that it is throttling), each within `timeoutMs`; else 503 naming the
 * check that failed (for load balancers).
 */
export function registerHealth(app: FastifyInstance, deps: ApiDeps, timeoutMs: number): void {
  app.get("/healthz", PROBE_LOG, () => ({ ok: true }));
  app.get("/readyz", PROBE_LOG, async (request, reply) => {
    const [database, storage] = await Promise.all([
      outcome(request.log, "database", () => ping(deps.db), timeoutMs),
      outcome(request.log, "storage", () => listOneKey(deps), timeoutMs),
    ]);
    // Throttled storage answered: every instance on the bucket is throttled alike, so taking this one out of
    // rotation would only move its load to the others, or (all of them out) turn a slowdown into an outage.
    const ok = database === "ok" && (storage === "ok" || storage === "throttled");
    return reply.code(ok ? 200 : 503).send({ ok, checks: { database, storage } });
  });
}
