import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueToken } from "@hoist/api";
import { epochSeconds, handmadeJwt, parseErrorBody, postJson } from "../support/bad-input-http";
import { freshUser, leftovers, nothingLeft } from "../support/bad-input-leftovers";
import { TEST_SECRET } from "../support/harness";
import { rawRequest } from "@hoist/local-s3/testing";
import { DATABASES, startStack } from "../support/matrix";
import type { Stack } from "../support/matrix";

const input = { name: "a.txt", size: 10, type: "text/plain" };
const HS256 = { alg: "HS256", typ: "JWT" };

/** [what, Authorization header for `user` (undefined: none sent), text the message must contain] */
type Case = [what: string, header: (user: string) => Promise<string | undefined> | string | undefined, mention: string];

const cases: Case[] = [
  ["no Authorization header", () => undefined, "missing Authorization header"],
  ["an empty Authorization header", () => "", "missing Authorization header"],
  ['another scheme ("Token abc")', () => "Token abc", "Bearer <JWT>"],
  ['"Bearer" without a token', () => "Bearer", "Bearer <JWT>"],
  ["a bearer token with a space in it", () => "Bearer abc def", "Bearer <JWT>"],
  ["a bearer token that is not a JWT", () => "Bearer abc", "invalid or expired token"],
  ["a token signed with another secret", async (user) => `Bearer ${await issueToken("another-secret-0123456789abcdefghij", user)}`, "invalid or expired token"],
  ["an expired token", (user) => `Bearer ${handmadeJwt(HS256, { sub: user, iat: epochSeconds(-7200), exp: epochSeconds(-3600) }, TEST_SECRET)}`, "invalid or expired token"],
  ["a token not valid yet (nbf in an hour)", (user) => `Bearer ${handmadeJwt(HS256, { sub: user, nbf: epochSeconds(3600), exp: epochSeconds(7200) }, TEST_SECRET)}`, "invalid or expired token"],
  ["a token without exp (never expires)", (user) => `Bearer ${handmadeJwt(HS256, { sub: user, iat: epochSeconds() }, TEST_SECRET)}`, '"exp"'],
  ["a token without sub", () => `Bearer ${handmadeJwt(HS256, { exp: epochSeconds(3600) }, TEST_SECRET)}`, "invalid or expired token"],
  ["a token with an empty sub", () => `Bearer ${handmadeJwt(HS256, { sub: "", exp: epochSeconds(3600) }, TEST_SECRET)}`, "invalid or expired token"],
  ["a token with a numeric sub", () => `Bearer ${handmadeJwt(HS256, { sub: 42, exp: epochSeconds(3600) }, TEST_SECRET)}`, "invalid or expired token"],
  ['an unsigned token (alg "none")', (user) => `Bearer ${handmadeJwt({ alg: "none", typ: "JWT" }, { sub: user, exp: epochSeconds(3600) })}`, "invalid or expired token"],
  ["a token signed with the right secret but HS512", (user) => `Bearer ${handmadeJwt({ alg: "HS512", typ: "JWT" }, { sub: user, exp: epochSeconds(3600) }, TEST_SECRET)}`, "invalid or expired token"],
  ["a good token with its payload swapped (sub changed)", async (user) => {
    const [head, , sig] = (await issueToken(TEST_SECRET, "someone-else")).split(".");
    return `Bearer ${head!}.${Buffer.from(JSON.stringify({ sub: user, exp: epochSeconds(3600) })).toString("base64url")}.${sig!}`;
  }, "invalid or expired token"],
];

// Raw HTTP, as any client sees it: 401 with tRPC's JSON error shape, a hoistCode and no stack trace.
describe.each(DATABASES)("bad input: missing or bad credentials (%s)", (database) => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack(database);
  });
  afterAll(() => stack.close());

  it.each(cases)("%s: 401 UNAUTHORIZED/UNAUTHORIZED, nothing created", async (_what, header, mention) => {
    const user = freshUser("auth");
    const authorization = await header(user);
    const res = await postJson(stack.api.url, "upload.create", input, authorization === undefined ? {} : { authorization });
    expect(res.status).toBe(401);
    const error = parseErrorBody(res);
    expect(error.data).toMatchObject({ code: "UNAUTHORIZED", httpStatus: 401, hoistCode: "UNAUTHORIZED", path: "upload.create" });
    expect(error.message).toContain(mention);
    expect(await leftovers(stack, user)).toEqual(nothingLeft());
  });

  it("a query without a token is refused the same way (GET /trpc/upload.list)", async () => {
    const res = await rawRequest(`${stack.api.url}/trpc/upload.list?input=${encodeURIComponent("{}")}`, { method: "GET" });
    expect(res.status).toBe(401);
    expect(parseErrorBody(res).data).toMatchObject({ code: "UNAUTHORIZED", hoistCode: "UNAUTHORIZED" });
  });

  it("credentials are checked before the input: bad input without a token is still 401", async () => {
    const res = await postJson(stack.api.url, "upload.create", { name: "", size: -1 });
    expect(res.status).toBe(401);
    expect(parseErrorBody(res).data.zodError).toBeNull();
  });

  it("the same request with a good token is accepted (the cases fail for their credentials alone)", async () => {
    const user = freshUser("auth");
    const res = await postJson(stack.api.url, "upload.create", input, { authorization: `Bearer ${await issueToken(TEST_SECRET, user)}` });
    expect(res.status).toBe(200);
    expect((await leftovers(stack, user)).sessions).toBe(1);
  });

  it("an unknown procedure: 404 NOT_FOUND in the same shape, nothing created", async () => {
    const user = freshUser("auth");
    const res = await postJson(stack.api.url, "upload.destroy", input, { authorization: `Bearer ${await issueToken(TEST_SECRET, user)}` });
    expect(res.status).toBe(404);
    expect(parseErrorBody(res).data).toMatchObject({ code: "NOT_FOUND", hoistCode: "NOT_FOUND" });
    expect(await leftovers(stack, user)).toEqual(nothingLeft());
  });

  it("a body that is not JSON: 400 with hoistCode INVALID_INPUT, nothing created", async () => {
    const user = freshUser("auth");
    const res = await rawRequest(`${stack.api.url}/trpc/upload.create`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${await issueToken(TEST_SECRET, user)}` },
      body: Buffer.from('{"name":"a.txt","size":10,'),
    });
    expect(res.status).toBe(400);
    expect(parseErrorBody(res).data).toMatchObject({ hoistCode: "INVALID_INPUT" });
    expect(await leftovers(stack, user)).toEqual(nothingLeft());
  });
});
