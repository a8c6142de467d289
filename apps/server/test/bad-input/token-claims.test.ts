import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueToken } from "@hoist/api";
import { epochSeconds, handmadeJwt, parseErrorBody, postJson } from "../support/bad-input-http";
import { freshUser, leftovers, nothingLeft } from "../support/bad-input-leftovers";
import { TEST_SECRET } from "../support/harness";
import { DATABASES, startStack } from "../support/matrix";
import type { Stack } from "../support/matrix";

const input = { name: "a.txt", size: 10, type: "text/plain" };
const claims = { audience: "hoist-api", issuer: "https://idp.test" };
const HS256 = { alg: "HS256", typ: "JWT" };
const signed = (payload: Record<string, unknown>) => `Bearer ${handmadeJwt(HS256, { exp: epochSeconds(3600), ...payload }, TEST_SECRET)}`;

/** [what, payload besides sub and exp, the claim the message names] */
const cases: [what: string, payload: Record<string, unknown>, claim: string][] = [
  ["no aud", { iss: claims.issuer }, '"aud"'],
  ["another aud", { aud: "billing", iss: claims.issuer }, '"aud"'],
  ["no iss", { aud: claims.audience }, '"iss"'],
  ["another iss", { aud: claims.audience, iss: "https://evil.test" }, '"iss"'],
];

// HOIST_JWT_AUDIENCE / HOIST_JWT_ISSUER set: a token for another service or from another issuer is refused.
describe.each(DATABASES)("bad input: tokens for another audience or issuer (%s)", (database) => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack(database, { claims });
  });
  afterAll(() => stack.close());

  it.each(cases)("a token with %s: 401 UNAUTHORIZED naming the claim, nothing created", async (_what, payload, claim) => {
    const user = freshUser("claims");
    const res = await postJson(stack.api.url, "upload.create", input, { authorization: signed({ sub: user, ...payload }) });
    expect(res.status).toBe(401);
    const error = parseErrorBody(res);
    expect(error.data).toMatchObject({ code: "UNAUTHORIZED", hoistCode: "UNAUTHORIZED" });
    expect(error.message).toContain(claim);
    expect(await leftovers(stack, user)).toEqual(nothingLeft());
  });

  it("a token with both claims right is accepted", async () => {
    const user = freshUser("claims");
    const res = await postJson(stack.api.url, "upload.create", input, { authorization: `Bearer ${await issueToken(TEST_SECRET, user, 60, claims)}` });
    expect(res.status).toBe(200);
  });
});
