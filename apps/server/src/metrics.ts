import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";
import type { Observer } from "@hoist/api";
import { PROBE_LOG } from "./health";

/** A server's metrics: its own registry (never prom-client's global one, so one process can run several servers). */
export interface Metrics {
  registry: Registry;
  /** What the API reports to (`ApiDeps.observe`). */
  observer: Observer;
}

/** Builds the registry with process metrics and Hoist's counters, and the observer that feeds them. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
    new Counter<L>({ name, help, labelNames, registers });
  const created = counter("hoist_uploads_created_total", "Upload sessions created", ["route"]);
  const completed = counter("hoist_uploads_completed_total", "Uploads completed and verified", ["route"]);
  const failed = counter("hoist_uploads_failed_total", "Uploads refused by policy at create or by verification at complete", ["route", "hoist_code"]);
  const bytes = counter("hoist_bytes_completed_total", "Bytes of completed uploads", ["route"]);
  const urls = counter("hoist_urls_signed_total", "Presigned URLs handed out (parts, single PUTs, downloads)");
  const swept = counter("hoist_sweeper_actions_total", "What the sweeper did: sessions expired, orphan uploads aborted, unowned objects deleted", ["action"]);
  const refused = counter("hoist_rate_limit_refusals_total", "Requests refused by the rate limiter");
  const signParts = new Histogram({
    name: "hoist_sign_parts_duration_seconds",
    help: "Time upload.signParts took to sign its batch",
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers,
  });
  const observer: Observer = {
    uploadCreated: (route) => { created.inc({ route }); },
    uploadCompleted: (route, size) => {
      completed.inc({ route });
      bytes.inc({ route }, size);
    },
    uploadFailed: (route, hoistCode) => { failed.inc({ route, hoist_code: hoistCode }); },
    signPartsTook: (seconds) => { signParts.observe(seconds); },
    urlsSigned: (count) => { urls.inc(count); },
    sweeperActed: (action, count) => { swept.inc({ action }, count); },
    rateLimitRefused: () => { refused.inc(); },
    checksumRead: checksumReadMetrics(registers),
  };
  return { registry, observer };
}

/**
 * What routes with `verify: "read"` pay where storage cannot check CRC64NVME: bytes read back and seconds per
 * object, per route, so the egress and time of the check show next to the uploads.
 */
function checksumReadMetrics(registers: Registry[]): Observer["checksumRead"] {
  const bytes = new Counter({
    name: "hoist_checksum_read_bytes_total",
    help: "Bytes the server read back from storage to check a CRC64NVME (verify: read)",
    labelNames: ["route"],
    registers,
  });
  const seconds = new Histogram({
    name: "hoist_checksum_read_duration_seconds",
    help: "Time reading one object back from storage to check its CRC64NVME (verify: read)",
    labelNames: ["route"],
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900],
    registers,
  });
  return (route, size, took) => {
    bytes.inc({ route }, size);
    seconds.observe({ route }, took);
  };
}

const digest = (text: string) => createHash("sha256").update(text).digest();

/**
 * `GET /metrics` in Prometheus' text format. Open unless `token` is set (`HOIST_METRICS_TOKEN`): then only
 * `Authorization: Bearer <token>` may scrape it (compared in constant time).
 */
export function registerMetrics(app: FastifyInstance, registry: Registry, token?: string): void {
  const expected = token === undefined ? undefined : digest(`Bearer ${token}`);
  app.get("/metrics", PROBE_LOG, async (request, reply) => {
    if (expected !== undefined && !timingSafeEqual(digest(request.headers.authorization ?? ""), expected)) {
      return reply.code(401).header("www-authenticate", "Bearer").send({ error: "send Authorization: Bearer <HOIST_METRICS_TOKEN>" });
    }
    return reply.header("content-type", registry.contentType).send(await registry.metrics());
  });
}
