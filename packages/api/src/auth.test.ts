import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate, createAuth, issueToken, jwksUrlProblem } from "./auth";

const hs256 = () => new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject("u1");
const key = (secret: string) => new TextEncoder().encode(secret);

const SECRET = "unit-test-secret-0123456789abcdef0123";

describe("HS256 tokens", () => {
  const auth = createAuth({ jwtSecret: SECRET });

  it("accepts a token signed with the secret and takes the user from sub", async () => {
    expect(await authenticate(auth, `Bearer ${await issueToken(SECRET, "u1")}`)).toEqual({ id: "u1" });
  });

  it.each([
    ["no header", undefined],
    ["not Bearer", "Token abc"],
    ["garbage", "Bearer abc.def.ghi"],
  ])("rejects %s with UNAUTHORIZED", async (_what, header) => {
    await expect(authenticate(auth, header)).rejects.toMatchObject({ hoistCode: "UNAUTHORIZED" });
  });

  it("rejects another secret, an expired token and a token without sub", async () => {
    const other = await issueToken("another-secret-0123456789abcdef0123", "u1");
    const expired = await new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject("u1").setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(new TextEncoder().encode(SECRET));
    const noSub = await new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setExpirationTime("1h").sign(new TextEncoder().encode(SECRET));
    for (const token of [other, expired, noSub]) {
      await expect(authenticate(auth, `Bearer ${token}`)).rejects.toMatchObject({ hoistCode: "UNAUTHORIZED" });
    }
  });

  it("rejects a token without exp, naming the claim", async () => {
    const forever = await hs256().setIssuedAt().sign(key(SECRET));
    await expect(authenticate(auth, `Bearer ${forever}`)).rejects.toThrow('"exp"');
  });

  it("enforces HOIST_JWT_AUDIENCE and HOIST_JWT_ISSUER when set", async () => {
    const strict = createAuth({ jwtSecret: SECRET, audience: "hoist", issuer: "https://idp.example" });
    const good = await issueToken(SECRET, "u1", 60, { audience: "hoist", issuer: "https://idp.example" });
    expect(await authenticate(strict, `Bearer ${good}`)).toEqual({ id: "u1" });
    const wrongAud = await issueToken(SECRET, "u1", 60, { audience: "other", issuer: "https://idp.example" });
    const noIss = await issueToken(SECRET, "u1", 60, { audience: "hoist" });
    await expect(authenticate(strict, `Bearer ${wrongAud}`)).rejects.toThrow('"aud"');
    await expect(authenticate(strict, `Bearer ${noIss}`)).rejects.toThrow('"iss"');
  });
});

describe("JWKS URLs", () => {
  it.each(["https://idp.example/jwks.json", "http://127.0.0.1:8080/jwks", "http://localhost/jwks", "http://[::1]:9/k"])("accepts %s", (url) => {
    expect(jwksUrlProblem(url)).toBeUndefined();
  });

  it.each(["http://idp.example/jwks.json", "http://10.0.0.1/jwks", "ftp://idp.example/k", "not a url"])("refuses %s at start-up", (url) => {
    expect(jwksUrlProblem(url)).toBeDefined();
    expect(() => createAuth({ jwksUrl: url })).toThrow(/https|URL/);
  });
});

describe("JWKS tokens (an identity provider's keys served over HTTP)", () => {
  let server: Server;
  let jwksUrl: string;
  let sign: (sub: string, claims?: { aud?: string; exp?: boolean }) => Promise<string>;

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair("RS256");
    const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256", use: "sig" };
    server = createServer((_req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => {
      server.listen(0, "127.0.0.1", resolve);
    });
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
    sign = (sub, { aud, exp = true } = {}) => {
      const jwt = new SignJWT(aud === undefined ? {} : { aud }).setProtectedHeader({ alg: "RS256", kid: "k1" }).setSubject(sub);
      return (exp ? jwt.setExpirationTime("5m") : jwt).sign(privateKey);
    };
  });
  afterAll(() => new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  }));

  it("verifies a token against the fetched key set", async () => {
    const auth = createAuth({ jwksUrl });
    expect(await authenticate(auth, `Bearer ${await sign("idp-user")}`)).toEqual({ id: "idp-user" });
  });

  it("rejects an HS256 token made with a guessed secret", async () => {
    const auth = createAuth({ jwksUrl });
    await expect(authenticate(auth, `Bearer ${await issueToken(SECRET, "x")}`)).rejects.toMatchObject({ hoistCode: "UNAUTHORIZED" });
  });

  it("rejects a JWKS token without exp", async () => {
    const auth = createAuth({ jwksUrl });
    await expect(authenticate(auth, `Bearer ${await sign("idp-user", { exp: false })}`)).rejects.toThrow('"exp"');
  });

  it("enforces the audience on JWKS tokens too", async () => {
    const auth = createAuth({ jwksUrl, audience: "hoist" });
    expect(await authenticate(auth, `Bearer ${await sign("idp-user", { aud: "hoist" })}`)).toEqual({ id: "idp-user" });
    await expect(authenticate(auth, `Bearer ${await sign("idp-user", { aud: "billing" })}`)).rejects.toThrow('"aud"');
  });
});
