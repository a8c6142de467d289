import { describe, expect, it } from "vitest";
import { procedures } from "./procedures.js";
import { ListRoutesInputSchema, ListRoutesOutputSchema } from "./upload.js";

const image = { name: "image", maxSize: 20 * 1024 * 1024, types: ["image/*"] };
const any = { name: "default", maxSize: 5 * 1024 ** 4, types: ["*/*"] };

describe("upload.routes schemas", () => {
  it("takes {} or no input at all, and nothing else", () => {
    expect(ListRoutesInputSchema.parse({})).toEqual({});
    expect(ListRoutesInputSchema.parse(undefined)).toBeUndefined();
    expect(ListRoutesInputSchema.safeParse({ route: "image" }).success).toBe(false);
    expect(ListRoutesInputSchema.safeParse(null).success).toBe(false);
  });

  it("accepts routes with their limits in bytes and their type patterns", () => {
    const output = { routes: [any, image, { name: "pdf", maxSize: 0, types: ["application/pdf", "text/plain"] }] };
    expect(ListRoutesOutputSchema.parse(output)).toEqual(output);
    expect(ListRoutesOutputSchema.parse({ routes: [] })).toEqual({ routes: [] });
    expect(procedures.upload.routes.output).toBe(ListRoutesOutputSchema);
    expect(procedures.upload.routes.input).toBe(ListRoutesInputSchema);
  });

  it.each([
    ["a route leaking its policy (sniff)", { routes: [{ ...image, sniff: "strict" }] }, ["routes", 0]],
    ["a route leaking allow()", { routes: [{ ...image, allow: "fn" }] }, ["routes", 0]],
    ["maxSize as a string", { routes: [{ ...image, maxSize: "20MB" }] }, ["routes", 0, "maxSize"]],
    ["maxSize fractional", { routes: [{ ...image, maxSize: 1.5 }] }, ["routes", 0, "maxSize"]],
    ["a type without a slash", { routes: [{ ...image, types: ["image"] }] }, ["routes", 0, "types", 0]],
    ["no types", { routes: [{ ...image, types: [] }] }, ["routes", 0, "types"]],
    ["a bad route name", { routes: [{ ...image, name: "../x" }] }, ["routes", 0, "name"]],
    ["an extra top-level field", { routes: [], user: "u1" }, []],
  ])("refuse %s", (_what, output, path) => {
    expect(ListRoutesOutputSchema.safeParse(output).error?.issues.map((issue) => issue.path)).toContainEqual(path);
  });
});
