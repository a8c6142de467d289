import { describe, expect, it } from "vitest";
import { contentDisposition } from "./content-disposition.js";

describe("contentDisposition", () => {
  it("gives ASCII names unchanged in both parameters", () => {
    expect(contentDisposition("report.pdf")).toBe(`attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`);
  });

  it("percent-encodes UTF-8 in filename* and folds accents in the fallback", () => {
    expect(contentDisposition("résumé.pdf", "inline")).toBe(
      `inline; filename="resume.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf`,
    );
  });

  it("replaces characters without an ASCII form by one underscore each, emoji included", () => {
    expect(contentDisposition("日本 😀.png")).toBe(
      `attachment; filename="__ _.png"; filename*=UTF-8''%E6%97%A5%E6%9C%AC%20%F0%9F%98%80.png`,
    );
  });

  it("escapes quotes and backslashes in the fallback and encodes them in filename*", () => {
    expect(contentDisposition('a "b"\\c.txt')).toBe(
      `attachment; filename="a \\"b\\"\\\\c.txt"; filename*=UTF-8''a%20%22b%22%5Cc.txt`,
    );
  });

  it("drops control characters so a name cannot split the header", () => {
    const value = contentDisposition("x\r\nSet-Cookie: a=b\u0000\u007f.txt");
    expect(value).toBe(`attachment; filename="xSet-Cookie: a=b.txt"; filename*=UTF-8''xSet-Cookie%3A%20a%3Db.txt`);
    expect(value).not.toMatch(/[\r\n]/);
  });

  it("encodes the characters RFC 5987 reserves: ' * % ( ) and space", () => {
    expect(contentDisposition("it's 100% (1)*.txt")).toContain(`filename*=UTF-8''it%27s%20100%25%20%281%29%2A.txt`);
  });

  it("falls back to a generic name when nothing printable is left", () => {
    expect(contentDisposition("\u0001\u0002")).toBe(`attachment; filename="download"; filename*=UTF-8''download`);
  });
});
