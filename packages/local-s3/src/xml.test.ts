import { describe, expect, it } from "vitest";
import { parseXml } from "./xml";

const etagOf = (text: string): unknown => (parseXml(`<P><ETag>${text}</ETag></P>`).P as { ETag: unknown }).ETag;

describe("parseXml character references", () => {
  it.each([
    ["&#34;a&#34;", '"a"'],
    ["&#x22;a&#x22;", '"a"'],
    ["&lt;&gt;&amp;&apos;&quot;", "<>&'\""],
    ["&#128640;&#x9;x", "🚀\tx"],
    ["&amp;#34;", "&#34;"],
  ])("decodes %j as %j", (text, decoded) => {
    expect(etagOf(text)).toBe(decoded);
  });

  it.each(["&copy;", "a & b", "&#34", "&#0;", "&#xD800;", "&#x110000;", "&;"])("%j is MalformedXML", (text) => {
    expect(() => etagOf(text)).toThrow(expect.objectContaining({ code: "MalformedXML" }));
  });
});
