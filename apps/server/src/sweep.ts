import { sweep } from "@hoist/api";
import { configFromEnv } from "./config";
import { EnvError, readEnv } from "./env";
import { openRuntime } from "./runtime";

/**
 * `pnpm sweep`: one sweep now, with the server's configuration (expired sessions, orphaned multipart uploads,
 * objects without a file).
 * With the embedded store the running server already sweeps itself every 10 minutes; run this against a shared
 * S3 and database, e.g. from cron.
 */
async function main(): Promise<void> {
  const config = configFromEnv(readEnv());
  if (config.storage.kind === "embedded") {
    console.error("pnpm sweep needs HOIST_S3_ENDPOINT: the embedded store belongs to the running server, which sweeps itself");
    process.exit(2);
  }
  const runtime = await openRuntime(config);
  try {
    const report = await sweep(runtime.deps, { graceSeconds: config.sweepGraceSeconds ?? 3600 });
    console.log(
      `swept: ${report.expired} expired sessions, ${report.orphans} orphaned multipart uploads aborted, ` +
        `${report.objects} objects without a file deleted, ${report.rateWindows} ended rate-limit windows deleted, ${report.events} events past HOIST_EVENT_RETENTION_HOURS deleted`,
    );
  } finally {
    await runtime.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
});
