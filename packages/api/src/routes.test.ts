import { describe, expect, it } from "vitest";
import { defaultRoutes, defineRoutes, routesFor } from "./routes";

describe("routesFor (upload.routes)", () => {
  it("lists the default routes with their limits in bytes", () => {
    expect(routesFor(defaultRoutes, { id: "u1" })).toEqual([
      { name: "default", maxSize: 5 * 1024 ** 4, types: ["*/*"] },
      { name: "image", maxSize: 20 * 1024 ** 2, types: ["image/*"] },
    ]);
  });

  it("leaves out routes whose allow() refuses the user", () => {
    const routes = defineRoutes({
      default: { maxSize: "1GB", types: ["*/*"] },
      staff: { maxSize: "2GB", types: ["Application/PDF"], allow: (user) => user.id.startsWith("staff-") },
    });
    expect(routesFor(routes, { id: "guest" }).map((route) => route.name)).toEqual(["default"]);
    expect(routesFor(routes, { id: "staff-1" })).toContainEqual({ name: "staff", maxSize: 2 * 1024 ** 3, types: ["application/pdf"] });
  });
});
