import { listExpiredSessions, listLiveMultipartIds, pruneFileEvents, pruneRequestCounts } from "@hoist/db";
import type { PendingUpload } from "@hoist/s3-core";
import type { ApiDeps } from "../context";
import { endSession } from "./abort-upload";
import { removeUnownedObjects } from "./reconcile";

/** What one sweep did. */
export interface SweepReport {
  /** Sessions past their expiry, aborted in storage and marked `expired`. */
  expired: number;
  /** Multipart uploads in the bucket with no live session (left by crashes or other tools), aborted. */
  orphans: number;
  /** Objects under the routes' prefixes with no file row and no live session, deleted. */
  objects: number;
  /** Rate-limit windows that had ended, deleted. */
  rateWindows: number;
  /** `files.onCompleted` events older than `eventRetentionHours`, deleted. */
  events: number;
}

/** Options of {@link sweep}. */
export interface SweepOptions {
  /**
   * Leave orphan uploads and unowned objects younger than this alone (seconds, default 3600): a create may be
   * between S3 and the database. `HOIST_SWEEP_GRACE_SECONDS`.
   */
  graceSeconds?: number;
  /**
   * Checked between steps (a page of sessions, a batch of uploads, a page of objects): once aborted the sweep stops
   * there and returns what it did, so a shutdown never cuts a step in half; the next sweep picks up the rest.
   */
  signal?: AbortSignal;
}

/** Deletes events past their retention, a page at a time (a long backlog never becomes one huge delete). */
async function pruneEvents(deps: ApiDeps, signal: AbortSignal | undefined): Promise<number> {
  const before = new Date(deps.options.now().getTime() - deps.options.eventRetentionHours * 3_600_000);
  let count = 0;
  while (signal?.aborted !== true) {
    const deleted = await pruneFileEvents(deps.db, before, deps.options.sweepPageSize);
    count += deleted;
    if (deleted < deps.options.sweepPageSize) break;
  }
  return count;
}

async function sweepExpired(deps: ApiDeps, signal: AbortSignal | undefined): Promise<number> {
  let count = 0;
  while (signal?.aborted !== true) {
    const page = await listExpiredSessions(deps.db, deps.options.now(), deps.options.sweepPageSize);
    for (const session of page) if (await endSession(deps, session, "expired", true)) count += 1;
    if (page.length < deps.options.sweepPageSize) break;
  }
  return count;
}

async function abortOrphans(deps: ApiDeps, batch: PendingUpload[]): Promise<number> {
  const live = new Set(await listLiveMultipartIds(deps.db, batch.map((upload) => upload.uploadId)));
  const orphans = batch.filter((upload) => !live.has(upload.uploadId));
  await Promise.all(orphans.map((o) => deps.storage.abortMultipart({ key: o.key, uploadId: o.uploadId })));
  return orphans.length;
}

/** Only keys under a route's prefix are Hoist's: a bucket shared with other tools keeps their uploads. */
async function sweepOrphans(deps: ApiDeps, prefix: string, graceSeconds: number, signal?: AbortSignal): Promise<number> {
  const cutoff = deps.options.now().getTime() - graceSeconds * 1000;
  let count = 0;
  let batch: PendingUpload[] = [];
  for await (const upload of deps.storage.listMultipartUploads({ prefix })) {
    if (signal?.aborted === true) return count;
    if ((upload.initiated?.getTime() ?? 0) > cutoff) continue;
    batch.push(upload);
    if (batch.length === deps.options.sweepPageSize) {
      count += await abortOrphans(deps, batch);
      batch = [];
    }
  }
  return batch.length > 0 && signal?.aborted !== true ? count + (await abortOrphans(deps, batch)) : count;
}

/**
 * One sweep: deletes ended rate-limit windows and events past their retention, expires sessions past `expiresAt` that no complete holds (freeing
 * their parts and objects), then, under the routes' prefixes, aborts multipart uploads no live session owns and
 * deletes objects no file row or live session owns. Paged throughout, so its memory does not grow with the bucket.
 */
export async function sweep(deps: ApiDeps, opts: SweepOptions = {}): Promise<SweepReport> {
  const stopped = () => opts.signal?.aborted === true;
  const { signal } = opts;
  const windowEnded = deps.options.now().getTime() - deps.options.rateWindowSeconds * 1000;
  const rateWindows = stopped() ? 0 : await pruneRequestCounts(deps.db, new Date(windowEnded));
  const events = await pruneEvents(deps, signal);
  const report = { expired: await sweepExpired(deps, signal), orphans: 0, objects: 0, rateWindows, events };
  const grace = opts.graceSeconds ?? 3600;
  deps.observe?.sweeperActed("expired", report.expired);
  for (const route of Object.keys(deps.routes)) {
    if (stopped()) break;
    const orphans = await sweepOrphans(deps, `${route}/`, grace, signal);
    deps.observe?.sweeperActed("orphans", orphans);
    report.orphans += orphans;
    if (stopped()) break;
    const objects = await removeUnownedObjects(deps, `${route}/`, grace, signal);
    deps.observe?.sweeperActed("objects", objects);
    report.objects += objects;
  }
  return report;
}

/**
 * Runs {@link sweep} every `intervalMs` (never two at once); failures are logged. The returned stop function stops
 * the timer, asks a running sweep to stop after its current step and resolves once it has.
 */
export function startSweeper(deps: ApiDeps, intervalMs: number, opts: SweepOptions = {}): () => Promise<void> {
  const stop = new AbortController();
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    running ??= sweep(deps, { ...opts, signal: stop.signal })
      .then(
        (report) => {
          if (report.expired + report.orphans + report.objects > 0) deps.log.info({ ...report }, "sweep done");
        },
        (error: unknown) => {
          deps.log.error({ err: error }, "sweep failed");
        },
      )
      .finally(() => {
        running = undefined;
      });
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    stop.abort();
    await running;
  };
}
