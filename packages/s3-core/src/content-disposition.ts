/** `inline` shows the file in the browser where it can; `attachment` always downloads it. */
export type Disposition = "inline" | "attachment";

// RFC 5987 attr-char: what may appear unescaped in `filename*`; everything else is %-encoded UTF-8.
const NOT_ATTR_CHAR = /[^A-Za-z0-9!#$&+.^_`|~-]/gu;
// C0 controls, DEL and C1 controls: never valid in a header, and a CR/LF would split it.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

const utf8 = new TextEncoder();

function percentEncode(char: string): string {
  return [...utf8.encode(char)]
    .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`)
    .join("");
}

/**
 * The plain `filename` for old clients: ASCII only (others become `_`), no control characters, quotes and
 * backslashes escaped for RFC 9110's quoted-string.
 */
function asciiFallback(filename: string): string {
  const ascii = filename
    .replace(CONTROL, "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]/gu, "_")
    .replace(/[\\"]/g, (char) => `\\${char}`);
  return ascii;
}

/**
 * A `Content-Disposition` value per RFC 6266 with an RFC 5987 extended parameter, e.g.
 * `attachment; filename="resume.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf`. Clients that understand
 * `filename*` (all current browsers) use the exact UTF-8 name; others fall back to the ASCII one.
 * Control characters are dropped from both, so a name can never inject a header.
 */
export function contentDisposition(filename: string, disposition: Disposition = "attachment"): string {
  const stripped = filename.replace(CONTROL, "");
  const clean = stripped.trim() === "" ? "download" : stripped;
  const extended = clean.replace(NOT_ATTR_CHAR, percentEncode);
  return `${disposition}; filename="${asciiFallback(clean)}"; filename*=UTF-8''${extended}`;
}
