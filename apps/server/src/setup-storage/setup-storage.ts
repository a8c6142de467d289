import type { RouteTable } from "@hoist/api";
import { createS3Client } from "@hoist/s3-core";
import type { StorageConfig } from "../config";
import { readBucketState, StorageSetupError, writeBucketState } from "./bucket-state";
import type { BucketState } from "./bucket-state";
import { HOIST_CORS_RULE_ID, mergeCors, originsNotServed } from "./cors-rules";
import { iamPolicy } from "./iam-policy";
import type { IamPolicy } from "./iam-policy";
import { mergeLifecycle, routesNotCovered } from "./lifecycle-rules";

/** Exit codes of `pnpm setup-storage`: scripts and CI can tell "do something" from "something is broken". */
export const SETUP_EXIT = { ready: 0, error: 1, notReady: 2 } as const;

/** Default of `--abort-days`: incomplete multipart uploads older than this are aborted by the bucket itself. */
export const DEFAULT_ABORT_DAYS = 7;

/** Input of {@link setupStorage}. */
export interface SetupStorageOptions {
  storage: Extract<StorageConfig, { kind: "external" }>;
  /** `HOIST_CORS_ORIGINS`: the web origins whose browsers upload; empty means no browser uploads, no CORS needed. */
  corsOrigins: readonly string[];
  routes: RouteTable;
  /** Change the bucket; without it nothing is written (dry run). */
  apply: boolean;
  abortDays: number;
  print: (line: string) => void;
}

/** What {@link setupStorage} found (after applying, with `apply`) and the policy it printed. */
export interface SetupStorageResult {
  exitCode: (typeof SETUP_EXIT)[keyof typeof SETUP_EXIT];
  missing: { corsOrigins: string[]; lifecycleRoutes: string[] };
  policy: IamPolicy;
}

interface Gaps {
  corsOrigins: string[];
  lifecycleRoutes: string[];
}

function gapsOf(state: BucketState, opts: SetupStorageOptions): Gaps {
  return {
    corsOrigins: originsNotServed(state.cors, opts.corsOrigins),
    lifecycleRoutes: routesNotCovered(state.lifecycle, Object.keys(opts.routes), opts.abortDays),
  };
}

/** A lifecycle rule must not abort an upload its session may still complete. */
function checkAbortDays(routes: RouteTable, days: number): void {
  const longest = Math.max(...Object.values(routes).map((route) => route.sessionTtl));
  if (!Number.isInteger(days) || days < 1 || days * 86_400 <= longest) {
    const least = Math.floor(longest / 86_400) + 1;
    throw new StorageSetupError(`--abort-days must be a whole number of days of at least ${least}, longer than the longest upload session (${longest} s); got ${days}`);
  }
}

function report(gaps: Gaps, state: BucketState, opts: SetupStorageOptions, verb: string): void {
  const { print } = opts;
  if (opts.corsOrigins.length === 0) print("CORS       not needed: HOIST_CORS_ORIGINS is empty (no browser uploads)");
  else if (gaps.corsOrigins.length === 0) print(`CORS       ok: ${opts.corsOrigins.join(", ")} may PUT/GET/HEAD with Hoist's headers and read ETag`);
  else print(`CORS       missing for ${gaps.corsOrigins.join(", ")}: ${verb} rule "${HOIST_CORS_RULE_ID}" first, keeping ${state.cors.filter((r) => r.ID !== HOIST_CORS_RULE_ID).length} other rule(s)`);
  const routes = Object.keys(opts.routes);
  const days = `AbortIncompleteMultipartUpload after ${opts.abortDays} day(s)`;
  if (gaps.lifecycleRoutes.length === 0) print(`Lifecycle  ok: ${days} or sooner under ${routes.map((r) => `${r}/`).join(", ")}`);
  else print(`Lifecycle  missing for ${gaps.lifecycleRoutes.map((r) => `${r}/`).join(", ")}: ${verb} ${days}, keeping the bucket's other rules`);
}

async function applyGaps(where: Parameters<typeof writeBucketState>[0], state: BucketState, gaps: Gaps, opts: SetupStorageOptions): Promise<void> {
  await writeBucketState(where, {
    ...(gaps.corsOrigins.length > 0 && { cors: mergeCors(state.cors, opts.corsOrigins) }),
    ...(gaps.lifecycleRoutes.length > 0 && { lifecycle: mergeLifecycle(state.lifecycle, Object.keys(opts.routes), opts.abortDays) }),
  });
}

/**
 * `pnpm setup-storage`: checks the bucket's CORS and lifecycle configuration against what Hoist needs, sets what is
 * missing with `apply` (keeping every rule that is not Hoist's), and prints the IAM policy for the signing key.
 * @throws StorageSetupError when storage is unreachable, the bucket is missing or a call is refused
 */
export async function setupStorage(opts: SetupStorageOptions): Promise<SetupStorageResult> {
  checkAbortDays(opts.routes, opts.abortDays);
  const { storage, print } = opts;
  const client = createS3Client(storage);
  const where = { client, bucket: storage.bucket, endpoint: storage.endpoint ?? `AWS S3 (${storage.region})` };
  try {
    print(`Storage    ${where.endpoint} bucket ${storage.bucket} (${storage.provider})${opts.apply ? "" : " — dry run, nothing is changed"}`);
    let state = await readBucketState(where);
    let gaps = gapsOf(state, opts);
    report(gaps, state, opts, opts.apply ? "setting" : "--apply would add");
    if (opts.apply && gaps.corsOrigins.length + gaps.lifecycleRoutes.length > 0) {
      await applyGaps(where, state, gaps, opts);
      state = await readBucketState(where);
      gaps = gapsOf(state, opts);
      report(gaps, state, opts, "storage did not keep");
    }
    const ready = gaps.corsOrigins.length + gaps.lifecycleRoutes.length === 0;
    print(ready ? "Ready      the bucket is set up for Hoist" : "Not ready  run `pnpm setup-storage --apply` to set what is missing");
    const policy = iamPolicy(storage.bucket, Object.keys(opts.routes));
    print("IAM policy for the server's signing key (least privilege: only what Hoist calls, only under its route prefixes):");
    print(JSON.stringify(policy, null, 2));
    return { exitCode: ready ? SETUP_EXIT.ready : SETUP_EXIT.notReady, missing: gaps, policy };
  } finally {
    client.destroy();
  }
}
