import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseErrorBody } from "./support/bad-input-http";
import { testRoutes } from "./support/harness";
import { rawRequest } from "@hoist/local-s3/testing";
import { startStack } from "./support/matrix";
import type { Stack } from "./support/matrix";

const MiB = 1024 * 1024;

// upload.routes reads only the route table (code), never the database: PGlite is enough here.
describe("upload.routes over HTTP", () => {
  let stack: Stack;
  const get = (input: string | undefined, authorization?: string) =>
    rawRequest(`${stack.api.url}/trpc/upload.routes${input === undefined ? "" : `?input=${encodeURIComponent(input)}`}`, {
      method: "GET",
      headers: authorization === undefined ? {} : { authorization },
    });

  beforeAll(async () => {
    stack = await startStack("pglite", {
      routes: (s3) =>
        testRoutes(s3, { staff: { maxSize: "100MB", types: ["application/pdf", "text/*"], allow: (user) => user.id === "carol" } }),
    });
  });
  afterAll(() => stack.close());

  it("lists the routes the caller may use, with maxSize in bytes and the allowed types", async () => {
    const alice = await stack.api.client("alice");
    expect(await alice.upload.routes.query()).toEqual({
      routes: [
        { name: "default", maxSize: 5 * 1024 ** 4, types: ["*/*"] },
        { name: "image", maxSize: 20 * MiB, types: ["image/*"] },
      ],
    });
  });

  it("shows a route with allow() only to the users it admits", async () => {
    const carol = await stack.api.client("carol");
    const alice = await stack.api.client("alice");
    expect((await carol.upload.routes.query({})).routes).toContainEqual({
      name: "staff",
      maxSize: 100 * MiB,
      types: ["application/pdf", "text/*"],
    });
    expect((await alice.upload.routes.query({})).routes.map((route) => route.name)).not.toContain("staff");
  });

  it("takes {} or no input on the wire; anything else is BAD_REQUEST", async () => {
    const bearer = `Bearer ${await stack.api.token("alice")}`;
    expect((await get(undefined, bearer)).status).toBe(200);
    expect((await get("{}", bearer)).status).toBe(200);
    const bad = await get('{"route":"image"}', bearer);
    expect(bad.status).toBe(400);
    expect(parseErrorBody(bad).data).toMatchObject({ code: "BAD_REQUEST", path: "upload.routes" });
  });

  it("needs a token like every procedure: UNAUTHORIZED without one", async () => {
    const res = await get(undefined);
    expect(res.status).toBe(401);
    expect(parseErrorBody(res).data).toMatchObject({ code: "UNAUTHORIZED", hoistCode: "UNAUTHORIZED", path: "upload.routes" });
  });
});
