import { describe, expect, it } from "vitest";
import { MimeTypeSchema, mimeEssence, parseMimeType } from "./mime.js";

describe("MimeTypeSchema", () => {
  it.each([
    "image/png",
    "application/octet-stream",
    "Text/HTML",
    "text/plain; charset=utf-8",
    "text/plain;charset=UTF-8",
    'multipart/form-data; boundary="a b;c"',
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/ld+json",
    "video/x-matroska",
    "application/x-tar; a=1; b=2",
  ])("accepts %j", (type) => {
    expect(MimeTypeSchema.parse(type)).toBe(type);
  });

  it.each([
    ["empty", ""],
    ["no subtype", "image"],
    ["empty subtype", "image/"],
    ["empty type", "/png"],
    ["wildcard subtype", "image/*"],
    ["wildcard", "*/*"],
    ["two slashes", "image/png/x"],
    ["a space inside", "image/ png"],
    ["leading space", " image/png"],
    ["a parameter without value", "text/plain; charset"],
    ["a trailing semicolon", "text/plain;"],
    ["an unterminated quote", 'text/plain; a="b'],
    ["a non-ASCII character", "image/pngé"],
    ["a control character", "image/png\n"],
    ["a 128-character subtype", `application/${"a".repeat(128)}`],
    ["over 255 characters", `text/plain; a=${"b".repeat(250)}`],
  ])("refuses %s", (_label, type) => {
    const result = MimeTypeSchema.safeParse(type);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/^type must be a MIME type such as "image\/png"/);
  });

  it("refuses a non-string", () => {
    expect(MimeTypeSchema.safeParse(7).error?.issues[0]?.message).toBe("type must be a string (got 7)");
  });
});

describe("parseMimeType and mimeEssence", () => {
  it("lower-cases type and subtype and keeps parameters raw", () => {
    expect(parseMimeType("Text/HTML; Charset=UTF-8")).toEqual({
      type: "text",
      subtype: "html",
      parameters: "; Charset=UTF-8",
    });
    expect(mimeEssence("Image/PNG")).toBe("image/png");
    expect(mimeEssence("text/plain;charset=utf-8")).toBe("text/plain");
    expect(mimeEssence("image/*")).toBeUndefined();
  });
});
