#!/usr/bin/env -S npx tsx
/**
 * `pnpm start`: runs local-s3 for development. Flags use node:util parseArgs (enough for a handful of flags, no
 * dependency); each flag falls back to an env variable, then to a default that works out of the box.
 */
import { isIP } from "node:net";
import { parseArgs } from "node:util";
import closeWithGrace from "close-with-grace";
import { startLocalS3 } from "./index";

const DEV_ACCESS_KEY = "hoist-dev-access-key";
const DEV_SECRET_KEY = "hoist-dev-secret-key-0123456789";

// `pnpm start -- --port 1` forwards the "--" itself; drop it so the flags after it still parse as flags.
const argv = process.argv.slice(2);
const { values } = parseArgs({
  args: argv[0] === "--" ? argv.slice(1) : argv,
  options: {
    port: { type: "string", default: process.env.LOCAL_S3_PORT ?? "9000" },
    "data-dir": { type: "string", default: process.env.LOCAL_S3_DATA_DIR ?? ".hoist-data/s3" },
    bucket: { type: "string", default: process.env.LOCAL_S3_BUCKET ?? "hoist" },
    host: { type: "string", default: process.env.LOCAL_S3_HOST ?? "127.0.0.1" },
    region: { type: "string", default: process.env.LOCAL_S3_REGION ?? "us-east-1" },
    "access-key-id": { type: "string", default: process.env.LOCAL_S3_ACCESS_KEY_ID },
    "secret-access-key": { type: "string", default: process.env.LOCAL_S3_SECRET_ACCESS_KEY },
    "cors-origin": { type: "string", default: process.env.LOCAL_S3_CORS_ORIGIN ?? "*" },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (values.help) {
  console.log(
    "usage: local-s3 [--port 9000] [--data-dir .hoist-data/s3] [--bucket hoist] [--host 127.0.0.1] [--region us-east-1]\n" +
      "                [--access-key-id ID] [--secret-access-key KEY] [--cors-origin '*']\n" +
      "env: LOCAL_S3_PORT, LOCAL_S3_DATA_DIR, LOCAL_S3_BUCKET, LOCAL_S3_HOST, LOCAL_S3_REGION,\n" +
      "     LOCAL_S3_ACCESS_KEY_ID, LOCAL_S3_SECRET_ACCESS_KEY, LOCAL_S3_CORS_ORIGIN",
  );
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`local-s3: --port must be an integer 0..65535, got ${JSON.stringify(values.port)}`);
  process.exit(2);
}

// The dev keys are printed and public: they may only guard a store no one else can reach.
const keysGiven = values["access-key-id"] !== undefined && values["secret-access-key"] !== undefined;
if (!keysGiven && !isLoopback(values.host)) {
  console.error(
    `local-s3: --host ${values.host} is reachable from other machines, and the built-in development keys are public.\n` +
      "Give your own keys with --access-key-id and --secret-access-key (or LOCAL_S3_ACCESS_KEY_ID and\n" +
      "LOCAL_S3_SECRET_ACCESS_KEY), or listen on a loopback address such as 127.0.0.1.",
  );
  process.exit(2);
}
const accessKeyId = values["access-key-id"] ?? DEV_ACCESS_KEY;
const secretAccessKey = values["secret-access-key"] ?? DEV_SECRET_KEY;

const server = await startLocalS3({
  dataDir: values["data-dir"],
  port,
  host: values.host,
  region: values.region,
  credentials: { accessKeyId, secretAccessKey },
  buckets: [values.bucket],
  cors: [{ allowedOrigins: [values["cors-origin"]], allowedMethods: ["GET", "PUT", "HEAD", "POST", "DELETE"], allowedHeaders: ["*"], exposeHeaders: ["ETag"], maxAgeSeconds: 3000 }],
});

console.log(`local-s3 listening (data in ${values["data-dir"]})
HOIST_S3_ENDPOINT=${server.endpoint}
HOIST_S3_REGION=${values.region}
HOIST_S3_BUCKET=${values.bucket}
HOIST_S3_ACCESS_KEY_ID=${accessKeyId}
HOIST_S3_SECRET_ACCESS_KEY=${secretAccessKey}
HOIST_S3_FORCE_PATH_STYLE=true
HOIST_S3_PROVIDER=local`);

// close-with-grace: SIGINT/SIGTERM let requests in flight finish; exit 1 if that takes over 10 s.
closeWithGrace(async ({ err }) => {
  if (err !== undefined) console.error(err);
  console.log("\nlocal-s3: closing");
  await server.close();
});

/** `localhost`, 127.0.0.0/8 and ::1 (also IPv4-mapped): addresses only this machine can connect to. */
function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  if (bare === "localhost") return true;
  if (isIP(bare) === 6) return bare === "::1" || /^::ffff:127\./.test(bare);
  return isIP(bare) === 4 && bare.startsWith("127.");
}
