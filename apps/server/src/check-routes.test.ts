import { describe, expect, it } from "vitest";
import { defineRoutes } from "@hoist/api";
import { getProviderProfile } from "@hoist/s3-core";
import { routesTooSmallFor } from "./check-routes";

describe("routesTooSmallFor", () => {
  const routes = defineRoutes({
    default: { maxSize: "5TB", types: ["*/*"] },
    tiny: { maxSize: "1GB", types: ["*/*"], minPartSize: 1024 * 1024 },
    ok: { maxSize: "1GB", types: ["*/*"], minPartSize: 8 * 1024 * 1024 },
  });

  it("names each route whose parts a real S3 would refuse at complete (EntityTooSmall), and why", () => {
    const warning = routesTooSmallFor(routes, getProviderProfile("ceph"), "ceph");
    expect(warning).toContain('"tiny" (1048576 bytes)');
    expect(warning).toContain("below what ceph accepts (5242880 bytes for every part but the last)");
    expect(warning).toContain("EntityTooSmall");
    expect(warning).not.toContain('"ok"');
    expect(warning).not.toContain('"default"');
  });

  it("says nothing when every route fits, or for our own store (its floor is a setting)", () => {
    expect(routesTooSmallFor(defineRoutes({ a: { maxSize: "1GB", types: ["*/*"] } }), getProviderProfile("aws"), "aws")).toBeUndefined();
    expect(routesTooSmallFor(routes, getProviderProfile("local"), "the embedded store")).toBeUndefined();
  });
});
