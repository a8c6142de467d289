import type { X2jOptions } from "fast-xml-parser";

type EntityDecoder = NonNullable<X2jOptions["entityDecoder"]>;

/** The five entities XML predefines; any other name needs a DTD, which S3 request bodies never have. */
const PREDEFINED: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", apos: "'", quot: '"' };

const REFERENCE = /&(?:#x([0-9A-Fa-f]+)|#([0-9]+)|([A-Za-z_:][\w.:-]*))?(;)?/g;

/** XML 1.0 `Char`: what a character reference may name. */
function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

function decodeOne(match: string, hex?: string, dec?: string, name?: string, semi?: string): string {
  if (semi === undefined) throw new Error(`not a well-formed reference: ${match}`);
  if (name !== undefined) {
    const value = PREDEFINED[name];
    if (value === undefined) throw new Error(`undefined entity &${name};`);
    return value;
  }
  const cp = hex !== undefined ? parseInt(hex, 16) : dec !== undefined ? parseInt(dec, 10) : NaN;
  if (!isXmlChar(cp)) throw new Error(`character reference ${match} names no XML character`);
  return String.fromCodePoint(cp);
}

/**
 * Decodes text exactly as XML 1.0 requires: numeric character references (`&#34;`, `&#x22;`, which Go's
 * encoding/xml writes for every quote) and the five predefined entities. An undefined entity, a bare `&` or a
 * reference to a non-character makes the document not well-formed: the decoder throws and the caller answers
 * MalformedXML. (fast-xml-parser's own decoder leaves numeric references alone unless HTML entities are on,
 * which would also accept `&copy;` and friends.)
 */
export const xmlEntityDecoder: EntityDecoder = {
  decode: (text) => (text.includes("&") ? text.replace(REFERENCE, decodeOne) : text),
  // DTD-declared entities are not honoured, so references to them fail as undefined.
  addInputEntities: () => undefined,
  setExternalEntities: () => undefined,
  reset: () => undefined,
  setXmlVersion: () => undefined,
};
