import { describe, expect, it } from "vitest";
import { sniffType, typeAllowed } from "./sniff-type.js";

// Smallest headers file-type recognises: PNG signature + IHDR chunk, and a PDF preamble.
const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2,
  0, 0, 0, 0x90, 0x77, 0x53, 0xde,
]);
const PDF = new TextEncoder().encode("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n");
const TEXT = new TextEncoder().encode("name,size\nreport.csv,12\n");
const images = { allowed: ["image/*"] };

describe("sniffType", () => {
  it("accepts PNG bytes declared image/png on a strict image route", async () => {
    expect(await sniffType(PNG, "image/png", { mode: "strict", ...images })).toEqual({ ok: true, sniffed: "image/png" });
  });

  it("refuses PDF bytes declared image/png: not an allowed type", async () => {
    const result = await sniffType(PDF, "image/png", { mode: "strict", ...images });
    expect(result).toMatchObject({ ok: false, sniffed: "application/pdf" });
    expect(!result.ok && result.message).toContain("which this route does not accept");
  });

  it("refuses PDF bytes declared image/png in strict mode on an any-type route: mismatch", async () => {
    const result = await sniffType(PDF, "image/png", { mode: "strict" });
    expect(result).toEqual({
      ok: false,
      sniffed: "application/pdf",
      message: "the content is application/pdf but the upload declared image/png; send the file with its real type",
    });
  });

  it("lets a lenient route accept a mislabelled but allowed type", async () => {
    expect(await sniffType(PDF, "image/png", { mode: "lenient" })).toEqual({ ok: true, sniffed: "application/pdf" });
  });

  it("accepts text declared text/plain when lenient, and when strict (file-type cannot recognise text)", async () => {
    expect(await sniffType(TEXT, "text/plain", { mode: "lenient" })).toEqual({ ok: true, sniffed: undefined });
    expect(await sniffType(TEXT, "text/csv; charset=utf-8", { mode: "strict" })).toMatchObject({ ok: true });
  });

  it("refuses unrecognisable bytes declared as an image in strict mode only", async () => {
    const strict = await sniffType(TEXT, "image/png", { mode: "strict", ...images });
    expect(strict).toMatchObject({ ok: false, sniffed: undefined });
    expect(!strict.ok && strict.message).toContain("no image/png signature");
    expect(await sniffType(TEXT, "image/png", { mode: "lenient", ...images })).toMatchObject({ ok: true });
  });

  it("treats case and parameters as the same type", async () => {
    const png = await sniffType(PNG, "IMAGE/PNG; name=x", { mode: "strict", allowed: ["image/png"] });
    expect(png).toMatchObject({ ok: true });
  });

  it("handles an empty object", async () => {
    expect(await sniffType(new Uint8Array(0), "text/plain", { mode: "strict" })).toMatchObject({ ok: true });
    expect(await sniffType(new Uint8Array(0), "image/gif", { mode: "strict" })).toMatchObject({ ok: false });
  });
});

describe("typeAllowed", () => {
  it("matches exact types, major wildcards, everything, and aliases", () => {
    expect(typeAllowed("image/jpeg", ["image/*"])).toBe(true);
    expect(typeAllowed("image/jpg", ["image/jpeg"])).toBe(true);
    expect(typeAllowed("application/pdf", ["image/*", "text/plain"])).toBe(false);
    expect(typeAllowed("application/pdf", ["*/*"])).toBe(true);
    expect(typeAllowed("Text/Plain; charset=utf-8", ["text/plain"])).toBe(true);
  });
});
