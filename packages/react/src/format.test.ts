import { describe, expect, it } from "vitest";
import { formatBytes, formatEta, formatRate } from "./format";
import { describeRoute } from "./queue/route-limits";

describe("format", () => {
  it("shows sizes in binary units, rates in decimal, times left in words", () => {
    expect([formatBytes(0), formatBytes(1536), formatBytes(20 * 1024 ** 2), formatBytes(5 * 1024 ** 4)]).toEqual(["0 B", "1.5 KiB", "20 MiB", "5 TiB"]);
    expect([formatRate(0), formatRate(999), formatRate(12_345_678), formatRate(2.5e9)]).toEqual(["–", "999 B/s", "12.3 MB/s", "2.5 GB/s"]);
    expect([formatEta(undefined), formatEta(4.2), formatEta(125), formatEta(3900)]).toEqual(["–", "5 s left", "2 min left", "1 h 5 min left"]);
  });
});

describe("route limits", () => {
  const image = { name: "image", maxSize: 20 * 1024 ** 2, types: ["image/*"] };
  it("describes a route and its limits in one line", () => {
    expect(describeRoute(image)).toBe("image — up to 20 MiB · image/*");
    expect(describeRoute({ name: "default", maxSize: 5 * 1024 ** 4, types: ["*/*"] })).toBe("default — up to 5 TiB · any type");
  });
});
