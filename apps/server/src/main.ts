import { fileURLToPath } from "node:url";
import closeWithGrace from "close-with-grace";
import { configFromEnv, type ServerConfig } from "./config";
import { EnvError, readEnv } from "./env";
import { startServer, type RunningServer } from "./start";

// The web app's build output, found from this file's own place in the repo (the server never imports the app).
const webRoot = fileURLToPath(new URL("../../web/dist", import.meta.url));

/**
 * `pnpm start`: reads the environment, starts everything, prints how to use it. SIGTERM or Ctrl-C stops it
 * gracefully within `HOIST_SHUTDOWN_TIMEOUT_MS` (exit 0), or exits 1 when that passes. The handler is in place
 * before start-up begins: a signal that arrives with no handler kills the process at once (no graceful close), and
 * a supervisor or test that sends one as soon as it sees the banner would otherwise race the line that installs it.
 */
async function main(): Promise<void> {
  const config = configFromEnv(readEnv());
  const shutdownMs = config.shutdownTimeoutMs ?? 10_000;
  const onClosing = () => {
    console.log(`Closing     new requests get 503; waiting up to ${shutdownMs} ms for those in flight`);
  };
  const starting = startServer(config, { webRoot, onClosing });
  closeWithGrace(
    {
      delay: shutdownMs,
      onTimeout: () => {
        console.error(`Closing     not done within HOIST_SHUTDOWN_TIMEOUT_MS (${shutdownMs} ms): exiting 1`);
      },
    },
    async ({ err }) => {
      if (err !== undefined) console.error(err);
      // A signal during start-up: let it finish, then close all of it (a failed start has nothing to close).
      const server = await starting.catch(() => undefined);
      await server?.close();
    },
  );
  printBanner(config, await starting);
}

/** What the operator needs: where the web app, API, storage and database are, and the demo token in dev mode. */
function printBanner(config: ServerConfig, server: RunningServer): void {
  console.log(
    server.webRoot === undefined
      ? `Web app     not built (no ${webRoot}/index.html): root \`pnpm start\` builds it, or \`pnpm --filter @hoist/web build\`; \`pnpm dev\` serves it through Vite`
      : `Web app     ${config.publicUrl ?? server.url}/`,
  );
  if (config.publicUrl !== undefined) console.log(`Public URL  ${config.publicUrl}/   (HOIST_PUBLIC_URL; this process listens on ${server.url}/)`);
  console.log(`Hoist API   ${server.url}/trpc   (health: ${server.url}/healthz)`);
  console.log(`Storage     ${server.s3Endpoint} bucket ${server.deps.storage.bucket}${config.storage.kind === "embedded" ? " (embedded)" : ""}`);
  console.log(`Database    ${"url" in config.database ? "postgres" : `PGlite in ${config.database.dataDir}`}`);
  if (server.demoToken !== undefined) {
    console.log(`Auth        dev mode; demo token (user "demo"):\n\n  HOIST_TOKEN=${server.demoToken}\n`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
});
