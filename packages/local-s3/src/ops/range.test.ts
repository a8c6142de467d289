import { describe, expect, it } from "vitest";
import { S3Error } from "../errors";
import { resolveRange } from "./range";

describe("resolveRange", () => {
  it("resolves the three forms, clamping the end to the object", () => {
    expect(resolveRange("bytes=2-4", 10)).toEqual({ start: 2, end: 4 });
    expect(resolveRange("bytes=7-", 10)).toEqual({ start: 7, end: 9 });
    expect(resolveRange("bytes=-3", 10)).toEqual({ start: 7, end: 9 });
    expect(resolveRange("bytes=5-100", 10)).toEqual({ start: 5, end: 9 });
    expect(resolveRange("bytes=-100", 10)).toEqual({ start: 0, end: 9 });
  });

  it("ignores what it cannot parse, as S3 does", () => {
    expect(resolveRange(undefined, 10)).toBeNull();
    expect(resolveRange("bytes=0-1,3-4", 10)).toBeNull();
    expect(resolveRange("items=0-1", 10)).toBeNull();
    expect(resolveRange("bytes=5-2", 10)).toBeNull();
  });

  it("answers an unsatisfiable range with InvalidRange and the object size", () => {
    expect(() => resolveRange("bytes=10-", 10)).toThrow(S3Error);
    try {
      resolveRange("bytes=10-20", 10);
    } catch (error) {
      expect((error as S3Error).status).toBe(416);
      expect((error as S3Error).headers["Content-Range"]).toBe("bytes */10");
    }
  });
});
