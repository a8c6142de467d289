import { createRemoteJWKSet, errors, jwtVerify, SignJWT } from "jose";
import type { JWTVerifyOptions, JWTVerifyResult } from "jose";
import { HoistError } from "@hoist/contract";

/** Who is calling: the JWT `sub`. */
export interface AuthUser {
  id: string;
}

/** Claims every token must carry when configured (`HOIST_JWT_AUDIENCE`, `HOIST_JWT_ISSUER`). */
export interface AuthClaims {
  audience?: string;
  issuer?: string;
}

/** How bearer tokens are verified: an HS256 secret or a JWKS URL (exactly one), plus optional aud/iss. */
export type AuthConfig = AuthClaims &
  ({ jwtSecret: string; jwksUrl?: undefined } | { jwksUrl: string; jwtSecret?: undefined });

/** A prepared token verifier, see {@link createAuth}. */
export interface Auth {
  verify(token: string): Promise<AuthUser>;
}

/**
 * What a JWKS may sign with: asymmetric algorithms only. An HMAC or `none` token must never be checked against a
 * key set, whose keys are public (jose refuses them too; the list keeps that true whatever jose does next).
 */
export const JWKS_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA", "Ed25519"];

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Why a JWKS URL must not be used, or undefined when it may: keys fetched over plain HTTP could be swapped on the
 * way, so only `https` is allowed, except on loopback (a local identity provider in dev and tests).
 */
export function jwksUrlProblem(url: string): string | undefined {
  if (!URL.canParse(url)) return "must be a URL";
  const { protocol, hostname } = new URL(url);
  if (protocol === "https:") return undefined;
  if (protocol === "http:" && LOOPBACK.test(hostname)) return undefined;
  return "must be an https:// URL (http:// only for localhost / 127.0.0.1 / [::1])";
}

function jwtVerifier(config: AuthConfig): (token: string) => Promise<JWTVerifyResult> {
  // `exp` is always required: a token that never expires cannot be taken back once leaked.
  const claims: JWTVerifyOptions = {
    requiredClaims: ["exp"],
    ...(config.audience !== undefined && { audience: config.audience }),
    ...(config.issuer !== undefined && { issuer: config.issuer }),
  };
  if (config.jwtSecret !== undefined) {
    const secret = new TextEncoder().encode(config.jwtSecret);
    // Imported once (on first use): given the bytes, jose imports a new CryptoKey for every token it verifies.
    let key: ReturnType<typeof crypto.subtle.importKey> | undefined;
    return async (token) => {
      key ??= crypto.subtle.importKey("raw", secret, { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
      return jwtVerify(token, await key, { ...claims, algorithms: ["HS256"] });
    };
  }
  const problem = jwksUrlProblem(config.jwksUrl);
  if (problem !== undefined) throw new Error(`JWKS URL ${config.jwksUrl} ${problem}`);
  const jwks = createRemoteJWKSet(new URL(config.jwksUrl));
  return (token) => jwtVerify(token, jwks, { ...claims, algorithms: JWKS_ALGORITHMS });
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
    // jose names the failed claim (e.g. 'missing required "exp" claim'): safe to show, and says what to fix.
    const claim = cause instanceof errors.JWTClaimValidationFailed ? ` (${cause.message})` : "";
    throw new HoistError("UNAUTHORIZED", `invalid or expired token${claim}; sign in again`, { cause });
  }
}

/**
 * Issues an HS256 token for `sub` (dev mode's demo token, and tests), always with `exp`, and with `aud`/`iss` when
 * the server enforces them. Verified like any other token.
 */
export async function issueToken(secret: string, sub: string, ttlSeconds = 24 * 3600, claims: AuthClaims = {}): Promise<string> {
  const jwt = new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject(sub).setIssuedAt().setExpirationTime(`${ttlSeconds}s`);
  if (claims.audience !== undefined) jwt.setAudience(claims.audience);
  if (claims.issuer !== undefined) jwt.setIssuer(claims.issuer);
  return jwt.sign(new TextEncoder().encode(secret));
}
