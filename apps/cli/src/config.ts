import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { CliError } from "./cli-error";
import type { Env } from "./io";

/** Server used when neither `--server` nor `HOIST_SERVER_URL` says otherwise (`pnpm start`'s default port). */
export const DEFAULT_SERVER_URL = "http://127.0.0.1:3000";

/** The only read of `process.env` in the CLI; everything else takes an {@link Env}. */
export function processEnv(): Env {
  return process.env;
}

/** Where and as whom to call the API. */
export interface Connection {
  /** Base URL without a trailing slash; procedures live under `${serverUrl}/trpc`. */
  serverUrl: string;
  token: string;
}

/** Flags that may override the environment. */
export interface ConnectionFlags {
  server?: string;
  token?: string;
}

function checkServerUrl(value: string, from: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CliError(`${from}: "${value}" is not a URL; expected e.g. ${DEFAULT_SERVER_URL}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new CliError(`${from}: "${value}" must be an http:// or https:// URL`);
  }
  return value.replace(/\/+$/, "");
}

/**
 * Flags first, then `HOIST_SERVER_URL` / `HOIST_TOKEN`, then the default server. A missing token is a
 * configuration error (exit 2), caught before any request so the server never sees an anonymous call.
 */
export function resolveConnection(flags: ConnectionFlags, env: Env): Connection {
  const serverUrl = flags.server
    ? checkServerUrl(flags.server, "--server")
    : env.HOIST_SERVER_URL
      ? checkServerUrl(env.HOIST_SERVER_URL, "HOIST_SERVER_URL")
      : DEFAULT_SERVER_URL;
  const token = flags.token ?? env.HOIST_TOKEN;
  if (!token) throw new CliError("no token: pass --token <jwt> or set HOIST_TOKEN");
  return { serverUrl, token };
}

/** `--resume-dir`, else `HOIST_RESUME_DIR`, else `~/.hoist/resume`; a leading `~/` means the home directory. */
export function resolveResumeDir(flag: string | undefined, env: Env): string {
  const dir = flag ?? env.HOIST_RESUME_DIR ?? join("~", ".hoist", "resume");
  if (dir === "~") return homedir();
  if (dir.startsWith("~/")) return join(homedir(), dir.slice(2));
  return resolve(dir);
}
