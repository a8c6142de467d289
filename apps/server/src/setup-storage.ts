import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { defaultRoutes } from "@hoist/api";
import { corsOriginsFromEnv, storageFromEnv } from "./config";
import { EnvError, readEnv } from "./env";
import { DEFAULT_ABORT_DAYS, SETUP_EXIT, setupStorage } from "./setup-storage/setup-storage";
import { StorageSetupError } from "./setup-storage/bucket-state";

const USAGE = `usage: pnpm setup-storage [--apply] [--abort-days ${DEFAULT_ABORT_DAYS}]
Checks the bucket named by HOIST_S3_* for what Hoist needs (CORS for HOIST_CORS_ORIGINS, a lifecycle rule aborting
incomplete multipart uploads) and prints the IAM policy for the server's key. Dry run unless --apply.
Exit: ${SETUP_EXIT.ready} ready, ${SETUP_EXIT.notReady} changes needed, ${SETUP_EXIT.error} error (unreachable, no bucket, access denied, bad input).`;

/** The flags, parsed by node:util's parseArgs (strict: an unknown flag is an error that shows the usage). */
function flags(argv: string[]): { apply: boolean; abortDays: number; help: boolean } {
  const { values } = parseArgs({
    // `pnpm setup-storage -- --apply` forwards the "--" itself.
    args: argv[0] === "--" ? argv.slice(1) : argv,
    options: {
      apply: { type: "boolean", default: false },
      "abort-days": { type: "string", default: String(DEFAULT_ABORT_DAYS) },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const days = values["abort-days"];
  return { apply: values.apply, abortDays: /^\d+$/.test(days) ? Number(days) : Number.NaN, help: values.help };
}

/**
 * `pnpm setup-storage [--apply]`: a one-off command with the server's environment, run by an operator (with a key
 * that may change the bucket's configuration) before the server first starts on a new bucket.
 */
async function main(): Promise<number> {
  const args = flags(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return SETUP_EXIT.ready;
  }
  const env = readEnv();
  const storage = storageFromEnv(env, resolve(env.HOIST_DATA_DIR ?? ".hoist-data"));
  if (storage.kind === "embedded") {
    console.error("setup-storage needs HOIST_S3_ENDPOINT (or HOIST_S3_PROVIDER=aws): the embedded store is set up by the server itself");
    return SETUP_EXIT.error;
  }
  const corsOrigins = corsOriginsFromEnv(env.HOIST_CORS_ORIGINS);
  const result = await setupStorage({ storage, corsOrigins, routes: defaultRoutes, apply: args.apply, abortDays: args.abortDays, print: console.log });
  return result.exitCode;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const known = error instanceof EnvError || error instanceof StorageSetupError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    console.error(known ? `setup-storage: ${(error as Error).message}` : error);
    if ((error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) console.error(USAGE);
    process.exitCode = SETUP_EXIT.error;
  },
);
