/**
 * The server the load bench runs: `main.ts`'s start-up from the environment (bundled by `build.ts` and run with
 * `pnpm start`'s flags), with one route of 1 KiB parts, so a session of 100 parts moves 100 KiB and the bench
 * measures the API, not the disk.
 */
import { defineRoutes } from "@hoist/api";
import { configFromEnv } from "../src/config";
import { readEnv } from "../src/env";
import { startServer } from "../src/start";
import { LOAD_PART_SIZE } from "./load-plan";

const routes = defineRoutes({ default: { maxSize: "1GB", types: ["*/*"], minPartSize: LOAD_PART_SIZE } });
// Loopback only, whatever the auth mode (jwt here) would choose.
const server = await startServer({ ...configFromEnv(readEnv()), host: "127.0.0.1" }, { routes });
console.log(`Hoist API   ${server.url}/trpc`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void server.close().then(() => process.exit(0)));
}
