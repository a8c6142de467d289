import { createRemoteJWKSet, jwtVerify, SignJWT } from "jose";
import type { JWTVerifyResult } from "jose";
import { HoistError } from "@hoist/contract";

/** Who is calling: the JWT `sub`. */
export interface AuthUser {
  id: string;
}

/** How bearer tokens are verified: an HS256 secret or a JWKS URL (exactly one). */
export type AuthConfig = { jwtSecret: string; jwksUrl?: undefined } | { jwksUrl: string; jwtSecret?: undefined };

/** A prepared token verifier, see {@link createAuth}. */
export interface Auth {
  verify(token: string): Promise<AuthUser>;
}

function jwtVerifier(config: AuthConfig): (token: string) => Promise<JWTVerifyResult> {
  if (config.jwtSecret !== undefined) {
    const secret = new TextEncoder().encode(config.jwtSecret);
    return (token) => jwtVerify(token, secret, { algorithms: ["HS256"] });
  }
  const jwks = createRemoteJWKSet(new URL(config.jwksUrl));
  return (token) => jwtVerify(token, jwks);
}

/** Builds the token verifier once at start-up; JWKS keys are fetched lazily and cached by jose. */
export function createAuth(config: AuthConfig): Auth {
  const verifyJwt = jwtVerifier(config);
  return {
    async verify(token) {
      const { payload } = await verifyJwt(token);
      if (typeof payload.sub !== "string" || payload.sub === "") throw new Error("token has no sub");
      return { id: payload.sub };
    },
  };
}

/** Checks an `Authorization` header value; any failure is `UNAUTHORIZED` with a reason a person can act on. */
export async function authenticate(auth: Auth, authorization: string | undefined): Promise<AuthUser> {
  if (authorization === undefined || authorization === "") {
    throw new HoistError("UNAUTHORIZED", "missing Authorization header; send `Authorization: Bearer <JWT>`");
  }
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (match?.[1] === undefined) {
    throw new HoistError("UNAUTHORIZED", "Authorization must be `Bearer <JWT>`");
  }
  try {
    return await auth.verify(match[1]);
  } catch (cause) {
    throw new HoistError("UNAUTHORIZED", "invalid or expired token; sign in again", { cause });
  }
}

/** Issues an HS256 token for `sub` (dev mode's demo token, and tests). Verified like any other token. */
export async function issueToken(secret: string, sub: string, ttlSeconds = 24 * 3600): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(new TextEncoder().encode(secret));
}
