import { describe, expect, it } from "vitest";
import { GiB, KiB, MiB, TiB } from "./limits.js";
import { formatSize, parseSize } from "./size.js";

describe("parseSize", () => {
  it.each([
    ["20MB", 20 * MiB],
    ["5TB", 5 * TiB],
    ["5 TiB", 5 * TiB],
    ["1KB", KiB],
    ["1kib", KiB],
    ["3 GiB", 3 * GiB],
    ["1.5MB", 1.5 * MiB],
    ["512b", 512],
    ["1024", 1024],
    [" 7 mb ", 7 * MiB],
    ["0", 0],
    [0, 0],
    [4096, 4096],
    [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  ])("reads %j as %i bytes", (input, expected) => {
    expect(parseSize(input)).toBe(expected);
  });

  it.each([
    ["", /expected a number and an optional unit/],
    ["MB", /expected a number and an optional unit/],
    ["-5MB", /expected a number and an optional unit/],
    ["5 PB", /unknown unit "PB"/],
    ["5 megabytes", /unknown unit "megabytes"/],
    ["0.1KB", /not a whole number of bytes/],
    ["9000000TB", /above 9007199254740991 bytes/],
    [-1, /cannot be negative/],
    [1.5, /not a whole number of bytes/],
    [Number.NaN, /finite number/],
    [Number.POSITIVE_INFINITY, /finite number/],
  ])("refuses %j", (input, message) => {
    expect(() => parseSize(input)).toThrow(message);
    expect(() => parseSize(input)).toThrow(expect.objectContaining({ hoistCode: "INVALID_INPUT" }));
  });
});

describe("formatSize", () => {
  it.each([
    [0, "0 B"],
    [12, "12 B"],
    [1536, "1.5 KiB"],
    [5 * GiB, "5 GiB"],
    [53_687_091_200_000, "48.8 TiB"],
  ])("renders %i as %s", (bytes, expected) => {
    expect(formatSize(bytes)).toBe(expected);
  });
});
