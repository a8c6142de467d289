import XMLBuilder from "fast-xml-builder";
import { XMLParser } from "fast-xml-parser";
import { S3Error } from "./errors";
import { xmlEntityDecoder } from "./xml-entities";

const S3_NS = "http://s3.amazonaws.com/doc/2006-03-01/";

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_", suppressEmptyNode: false });

// Element values stay strings: ETags like "1e3" or part numbers must not be coerced by the parser.
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  entityDecoder: xmlEntityDecoder,
  // Lifecycle `Rule`s repeat; their inner elements (Transition, Tag) are kept as parsed and written back alike.
  isArray: (name, jpath) => ["Part", "CORSRule", "AllowedOrigin", "AllowedMethod", "AllowedHeader", "ExposeHeader"].includes(name) || jpath === "LifecycleConfiguration.Rule",
});

/** A node of a response document: nested objects become elements, arrays repeat the element. */
export type XmlNode = string | number | boolean | XmlNode[] | { [name: string]: XmlNode | undefined };

/** Serialises one root element in S3's namespace, with the XML declaration S3 sends. */
export function buildXml(root: string, body: Record<string, XmlNode | undefined>): string {
  const doc = { [root]: { "@_xmlns": S3_NS, ...body } };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(doc)}`;
}

/** Serialises an error document; S3's error root carries no namespace. */
export function buildErrorXml(fields: Record<string, string>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ Error: fields })}`;
}

/** Parses a request body, answering MalformedXML for anything that is not well-formed XML. */
export function parseXml(text: string): Record<string, unknown> {
  if (text.trim() === "") throw malformed();
  try {
    const parsed: unknown = parser.parse(text);
    if (typeof parsed !== "object" || parsed === null) throw malformed();
    return parsed as Record<string, unknown>;
  } catch {
    throw malformed();
  }
}

function malformed(): S3Error {
  return new S3Error(
    "MalformedXML",
    "The XML you provided was not well-formed or did not validate against our published schema",
  );
}
