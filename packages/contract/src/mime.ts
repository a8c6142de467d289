import { z } from "zod";
import { typeError } from "./messages.js";

// RFC 6838 section 4.2 restricted-name: starts with a letter or digit, at most 127 characters.
const RESTRICTED_NAME = "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}";
// RFC 9110 token and quoted-string, for parameters such as `charset=utf-8` or `boundary="a b"`.
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const QUOTED = '"(?:[\\t !#-\\[\\]-~]|\\\\[\\t -~])*"';
const PARAMETER = `[ \\t]*;[ \\t]*${TOKEN}=(?:${TOKEN}|${QUOTED})`;

const MIME_PATTERN = new RegExp(`^(${RESTRICTED_NAME})/(${RESTRICTED_NAME})((?:${PARAMETER})*)$`);

/** Longest MIME type accepted, parameters included; real ones are far shorter. */
export const MAX_MIME_LENGTH = 255;

/** A MIME type split into its parts; `type` and `subtype` are lower-cased because they are case-insensitive. */
export interface ParsedMimeType {
  readonly type: string;
  readonly subtype: string;
  /** The raw parameter text after the subtype, e.g. `"; charset=utf-8"`, or `""`. */
  readonly parameters: string;
}

/**
 * Parses `type/subtype` with optional `; name=value` parameters (RFC 6838 names, RFC 9110 parameters).
 * Wildcards such as `image/*` are not MIME types of a file and are refused.
 *
 * @returns the parts, or `undefined` when `value` is not a syntactically valid MIME type
 */
export function parseMimeType(value: string): ParsedMimeType | undefined {
  if (value.length > MAX_MIME_LENGTH) return undefined;
  const match = MIME_PATTERN.exec(value);
  if (match === null) return undefined;
  const [, type = "", subtype = "", parameters = ""] = match;
  return { type: type.toLowerCase(), subtype: subtype.toLowerCase(), parameters };
}

/**
 * The comparable core of a MIME type: lower-case `type/subtype` without parameters, so that
 * `"Text/HTML; charset=utf-8"` and `"text/html"` match when checking a route's allowed types or a sniff result.
 *
 * @returns the essence, or `undefined` for an invalid MIME type
 */
export function mimeEssence(value: string): string | undefined {
  const parsed = parseMimeType(value);
  return parsed === undefined ? undefined : `${parsed.type}/${parsed.subtype}`;
}

/**
 * A file's declared MIME type, kept as sent (case and parameters preserved). Browsers report `""` for unknown
 * files: clients must send `application/octet-stream` then.
 */
export const MimeTypeSchema = z.string({ error: typeError("type", "a string") }).check((ctx) => {
  if (parseMimeType(ctx.value) !== undefined) return;
  const shown = ctx.value.length > 80 ? `${ctx.value.slice(0, 80)}...` : ctx.value;
  ctx.issues.push({
    code: "custom",
    input: ctx.value,
    message:
      `type must be a MIME type such as "image/png" or "text/plain; charset=utf-8" (got ${JSON.stringify(shown)}); ` +
      'send "application/octet-stream" when unknown',
  });
});
