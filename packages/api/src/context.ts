import type { Db } from "@hoist/db";
import type { Storage } from "@hoist/s3-core";
import type { Auth } from "./auth";
import type { EventHub } from "./events/event-hub";
import type { Logger, Observer } from "./observe";
import type { RouteTable } from "./routes";

/** The storage the API signs for and verifies against: one bucket on one provider (`createStorage`). */
export type { Storage };

/** Limits that are config, not constants (DESIGN: "every other limit is config with a default"). */
export interface ApiOptions {
  /** Most parts `upload.signParts` signs per call (default 500). */
  signBatchMax: number;
  /** Most sessions/multipart uploads the sweeper handles per page (default 100). */
  sweepPageSize: number;
  /**
   * How long a complete owns its session (seconds, default 900): the sweeper and `upload.abort` leave a
   * `completing` session alone until then. Longer than any complete takes (a 10,000-part Complete takes minutes).
   */
  completeLeaseSeconds: number;
  /** Most API calls per user per rate window, over all instances (`HOIST_RATE_LIMIT`, default 600); 0 is no limit. */
  rateLimit: number;
  /** Length of a rate window in seconds (default 60: `rateLimit` is per minute). */
  rateWindowSeconds: number;
  /** Most sessions a user may have `uploading` at once (`HOIST_QUOTA_OPEN_UPLOADS`, default 100). */
  quotaOpenUploads: number | undefined;
  /** Most bytes a user may hold in files plus open sessions (`HOIST_QUOTA_BYTES`, default no limit). */
  quotaBytes: number | undefined;
  /** Users who receive every user's `files.onCompleted` events (`HOIST_EVENT_SUBJECTS`: service accounts). */
  eventSubjects: readonly string[];
  /** The sweeper deletes events older than this (`HOIST_EVENT_RETENTION_HOURS`, default 168 = a week). */
  eventRetentionHours: number;
  /** Clock; tests move it to expire sessions without sleeping. */
  now: () => Date;
}

/** Everything a procedure needs; built once at start-up and shared by all requests. */
export interface ApiDeps {
  db: Db;
  /** Bound to its bucket and provider profile, so a service passes only keys and upload ids. */
  storage: Storage;
  routes: RouteTable;
  auth: Auth;
  options: ApiOptions;
  /**
   * Process-wide at start-up (sweeps, hook failures); per request the context swaps in the request's logger, with
   * its request id, and procedures bind the upload id (see trpc.ts).
   */
  log: Logger;
  /** This instance's listener for `files.onCompleted` (`startEventHub`); absent: the subscription is refused. */
  events?: EventHub;
  /** Counts uploads, signed URLs and sweeps for metrics; absent: nothing is counted. */
  observe?: Observer;
}

/** Per-request context: the shared deps plus the caller's `Authorization` header, verified lazily. */
export interface ApiContext {
  deps: ApiDeps;
  authorization: string | undefined;
}

/** Defaults for {@link ApiOptions}. */
export function apiOptions(overrides: Partial<ApiOptions> = {}): ApiOptions {
  return {
    signBatchMax: 500,
    sweepPageSize: 100,
    completeLeaseSeconds: 900,
    rateLimit: 600,
    rateWindowSeconds: 60,
    quotaOpenUploads: 100,
    quotaBytes: undefined,
    eventSubjects: [],
    eventRetentionHours: 168,
    now: () => new Date(),
    ...overrides,
  };
}

/**
 * Builds the context for one request from its `Authorization` header (any transport: Fastify, fetch, tests) and,
 * when the transport has one, the request's own logger (Fastify's `request.log`, which carries the request id).
 */
export function createContextFactory(deps: ApiDeps): (authorization: string | undefined, log?: Logger) => ApiContext {
  return (authorization, log) => ({ deps: log === undefined ? deps : { ...deps, log }, authorization });
}
