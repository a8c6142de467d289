import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createAuth, issueToken } from "@hoist/api";
import type { Auth } from "@hoist/api";
import type { ServerConfig } from "./config";

/** The user dev mode's demo token is for. */
export const DEMO_USER = "demo";

/** A dev-mode secret kept under the data dir, so demo tokens survive restarts. */
async function devSecret(dataDir: string): Promise<string> {
  const file = join(dataDir, "dev-jwt-secret");
  const existing = await readFile(file, "utf8").catch(() => undefined);
  if (existing !== undefined && existing.trim().length >= 32) return existing.trim();
  const secret = randomBytes(32).toString("hex");
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}

/**
 * The token verifier and, in dev mode, a demo token for the web app. Tokens are verified the same way in both
 * modes; dev mode only differs in who issues the first one.
 */
export async function setupAuth(config: ServerConfig): Promise<{ auth: Auth; demoToken?: string }> {
  const { mode, jwtSecret, jwksUrl, audience, issuer } = config.auth;
  const claims = { ...(audience !== undefined && { audience }), ...(issuer !== undefined && { issuer }) };
  if (jwksUrl !== undefined) return { auth: createAuth({ jwksUrl, ...claims }) };
  const secret = jwtSecret ?? (mode === "dev" ? await devSecret(config.dataDir) : undefined);
  if (secret === undefined) throw new Error("no HOIST_JWT_SECRET or HOIST_JWKS_URL configured");
  const auth = createAuth({ jwtSecret: secret, ...claims });
  if (mode !== "dev") return { auth };
  // The demo token passes the same checks as any other: `exp` always, `aud`/`iss` when configured.
  return { auth, demoToken: await issueToken(secret, DEMO_USER, 30 * 24 * 3600, claims) };
}
