import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTRPCClient, httpLink } from "@trpc/client";
import type { TRPCClient } from "@trpc/client";
import type { AppRouter } from "@hoist/api";
import { startMainProcess } from "@hoist/server/testing";

/** The zero-config server started as the README starts it, and what it printed. */
export interface HoistServer {
  /** The printed web app URL (the API's origin, ending in `/`). */
  url: string;
  origin: string;
  /** The embedded store's origin: where part PUTs go. */
  storageOrigin: string;
  /** The demo user's token, from `GET /dev/token` (what the page itself fetches). */
  token(): Promise<string>;
  /** A Node tRPC client as the demo user, to check from outside the page what the server recorded. */
  trpc(): Promise<TRPCClient<AppRouter>>;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `apps/server/src/main.ts` under tsx with only HOIST_PORT=0 (a free port), HOIST_DATA_DIR (a fresh temp dir)
 * and `extraEnv` set: embedded store, PGlite and dev auth, as `pnpm start` on a fresh clone. Resolves once it
 * printed its web app URL (benches that need only the API pass `requireWebApp: false`).
 */
export async function startHoistServer(
  extraEnv: Record<string, string> = {},
  options: { requireWebApp?: boolean } = {},
): Promise<HoistServer> {
  const dataDir = await mkdtemp(join(tmpdir(), "hoist-web-e2e-"));
  const main = startMainProcess({ HOIST_PORT: "0", HOIST_DATA_DIR: dataDir, ...extraEnv });
  const fail = async (error: unknown) => {
    main.child.kill("SIGKILL");
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  };
  await main.waitFor(/Web app\s+.*\n/).catch(fail);
  const printed = await main.waitFor(/Storage\s+\S+.*\n/).catch(fail);
  const apiUrl = /Hoist API\s+(http:\/\/\S+)\/trpc/.exec(printed)?.[1];
  const url = /Web app\s+(http:\/\/\S+)/.exec(printed)?.[1];
  if (apiUrl === undefined || (url === undefined && options.requireWebApp !== false)) {
    return fail(new Error(`the server printed no web app URL:\n${printed}`));
  }
  const origin = new URL(apiUrl).origin;
  const storageOrigin = new URL(/Storage\s+(http:\/\/\S+)/.exec(printed)?.[1] ?? origin).origin;
  const token = async () => {
    const res = await fetch(`${origin}/dev/token`);
    if (!res.ok) throw new Error(`GET /dev/token answered ${res.status}`);
    return ((await res.json()) as { token: string }).token;
  };
  return {
    url: url ?? `${origin}/`,
    origin,
    storageOrigin,
    token,
    trpc: async () => {
      const authorization = `Bearer ${await token()}`;
      return createTRPCClient<AppRouter>({ links: [httpLink({ url: `${origin}/trpc`, headers: { authorization } })] });
    },
    output: main.output,
    async stop() {
      await main.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
