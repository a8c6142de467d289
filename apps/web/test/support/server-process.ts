import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTRPCClient, httpLink } from "@trpc/client";
import type { TRPCClient } from "@trpc/client";
import type { AppRouter } from "@hoist/api";
import { SERVER_DIR } from "./paths";

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

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function spawnMain(env: Record<string, string>) {
  const child = spawn(join(SERVER_DIR, "node_modules/.bin/tsx"), ["src/main.ts"], {
    cwd: SERVER_DIR,
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const waitFor = async (pattern: RegExp): Promise<string> => {
    while (!pattern.test(output)) {
      const code = await Promise.race([exited, new Promise((r) => setTimeout(r, 100, "waiting"))]);
      if (code !== "waiting") throw new Error(`server exited with ${String(code)} before ${String(pattern)}:\n${output}`);
    }
    return output;
  };
  return { child, exited, waitFor, output: () => output };
}

/**
 * Starts `apps/server/src/main.ts` under tsx with only HOIST_PORT (a free port), HOIST_DATA_DIR (a fresh temp dir)
 * and `extraEnv` set: embedded store, PGlite and dev auth, as `pnpm start` on a fresh clone. Resolves once it
 * printed its web app URL (benches that need only the API pass `requireWebApp: false`).
 */
export async function startHoistServer(
  extraEnv: Record<string, string> = {},
  options: { requireWebApp?: boolean } = {},
): Promise<HoistServer> {
  const dataDir = await mkdtemp(join(tmpdir(), "hoist-web-e2e-"));
  const main = spawnMain({ HOIST_PORT: String(await freePort()), HOIST_DATA_DIR: dataDir, ...extraEnv });
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
      main.child.kill("SIGINT");
      await main.exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
