import { describe, expect, it } from "vitest";
import { formatBytes, formatEta, formatRate } from "./format";
import { checkRoute, describeRoute, typeMayPass } from "./queue/route-limits";

describe("format", () => {
  it("shows sizes in binary units, rates in decimal, times left in words", () => {
    expect([formatBytes(0), formatBytes(1536), formatBytes(20 * 1024 ** 2), formatBytes(5 * 1024 ** 4)]).toEqual(["0 B", "1.5 KiB", "20 MiB", "5 TiB"]);
    expect([formatRate(0), formatRate(999), formatRate(12_345_678), formatRate(2.5e9)]).toEqual(["–", "999 B/s", "12.3 MB/s", "2.5 GB/s"]);
    expect([formatEta(undefined), formatEta(4.2), formatEta(125), formatEta(3900)]).toEqual(["–", "5 s left", "2 min left", "1 h 5 min left"]);
  });
});

describe("route limits", () => {
  const image = { name: "image", maxSize: 20 * 1024 ** 2, types: ["image/*"] };
  it("refuses what the route plainly refuses, and leaves exact subtypes to the server", () => {
    expect(checkRoute(image, new File(["x"], "a.png", { type: "image/png" }))).toBeUndefined();
    expect(checkRoute(image, new File(["x"], "a.txt", { type: "text/plain" }))?.code).toBe("TYPE_NOT_ALLOWED");
    expect(checkRoute({ ...image, maxSize: 0 }, new File(["x"], "a.png", { type: "image/png" }))?.message).toBe('a.png is 1 B; route "image" takes files up to 0 B');
    expect(typeMayPass("image/jpg", ["image/jpeg"])).toBe(true);
    expect(typeMayPass("", ["*/*"])).toBe(true);
    expect(describeRoute(image)).toBe("image — up to 20 MiB · image/*");
  });
});
