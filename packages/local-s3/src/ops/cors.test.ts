import { describe, expect, it } from "vitest";
import { wildcard } from "./cors";

describe("CORS wildcard patterns", () => {
  it("matches * as any run of characters and nothing else specially", () => {
    expect(wildcard("*", "https://a.example")).toBe(true);
    expect(wildcard("https://*.example.com", "https://app.example.com")).toBe(true);
    expect(wildcard("https://*.example.com", "https://example.com")).toBe(false);
    expect(wildcard("https://a.example", "https://aXexample")).toBe(false);
    expect(wildcard("x-amz-*", "x-amz-meta-name")).toBe(true);
  });
});
