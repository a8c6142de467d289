import { describe, expect, it } from "vitest";
import { FileNameSchema, fileNameProblems } from "./file-name.js";

const bidiControls = [0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069];

describe("FileNameSchema accepts", () => {
  it.each([
    ["accents and emoji", "résumé 📄.pdf"],
    ["CJK", "報告書 2025.xlsx"],
    ["255 ASCII bytes", "a".repeat(255)],
    ["255 bytes of 2-byte characters plus one", `${"é".repeat(127)}a`],
    ["255 bytes of 4-byte characters plus three", `${"📄".repeat(63)}abc`],
    ["a dot file", ".env"],
    ["a slash inside", "reports/q1.pdf"],
    ["a zero-width joiner emoji", "👩‍💻.png"],
    ["a no-break space", "a\u00a0b.txt"],
  ])("%s", (_label, name) => {
    expect(FileNameSchema.parse(name)).toBe(name);
  });
});

describe("FileNameSchema refuses", () => {
  it.each([
    ["an empty name", "", "must not be empty"],
    ["256 ASCII bytes", "a".repeat(256), "at most 255 bytes in UTF-8 (got 256)"],
    ["256 bytes of 2-byte characters", "é".repeat(128), "at most 255 bytes in UTF-8 (got 256)"],
    ["301 bytes", "a".repeat(301), "at most 255 bytes in UTF-8 (got 301)"],
    ["a lone high surrogate", "a\ud800.txt", "well-formed Unicode (lone surrogate U+D800 at index 1)"],
    ["a lone low surrogate", "\udc00.txt", "well-formed Unicode (lone surrogate U+DC00 at index 0)"],
    ["a reversed surrogate pair", "\udc00\ud800", "well-formed Unicode"],
    ["NUL", "a\u0000b", "control characters (U+0000 at index 1)"],
    ["a newline", "a\nb", "control characters (U+000A at index 1)"],
    ["a tab", "a\tb", "control characters (U+0009"],
    ["U+001F", "a\u001fb", "control characters (U+001F"],
    ["DEL", "a\u007fb", "control characters (U+007F"],
    ["C1 U+0080", "a\u0080b", "control characters (U+0080"],
    ["C1 U+009F", "a\u009fb", "control characters (U+009F"],
    ...bidiControls.map((cp) => {
      const hex = cp.toString(16).toUpperCase().padStart(4, "0");
      return [`bidi U+${hex}`, `invoice${String.fromCodePoint(cp)}fdp.exe`, `bidirectional control characters (U+${hex}`];
    }),
    ["a slash", "/", "more than dots and slashes"],
    ["a backslash", "\\", "more than dots and slashes"],
    ["a dot", ".", "more than dots and slashes"],
    ["two dots", "..", "more than dots and slashes"],
    ["dots and separators", "../..\\", "more than dots and slashes"],
  ])("%s", (_label, name, message) => {
    const result = FileNameSchema.safeParse(name);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message).join("\n")).toContain(message);
  });

  it.each([42, null, ["a"]])("a non-string %j", (name) => {
    expect(FileNameSchema.safeParse(name).error?.issues[0]?.message).toMatch(/^name must be a string \(got /);
  });

  it("a missing name", () => {
    expect(FileNameSchema.safeParse(undefined).error?.issues[0]?.message).toBe("name is required");
  });

  it("reports each kind of bad character once, at its first place", () => {
    expect(fileNameProblems("\u0001\u0002\u202e\u202e")).toEqual([
      "name must not contain control characters (U+0001 at index 0)",
      "name must not contain bidirectional control characters (U+202E at index 2)",
    ]);
  });
});
