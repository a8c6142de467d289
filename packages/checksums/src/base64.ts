// Written out rather than btoa/atob: this package typechecks without DOM types, and these values are 8-32 bytes.
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Standard, padded base64 of a few bytes (checksums), in browsers and Node alike. */
export function base64FromBytes(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | (b << 8) | c;
    const chars = [18, 12, 6, 0].map((shift) => ALPHABET[(n >> shift) & 63] ?? "");
    const kept = Math.min(4, bytes.length - i + 1);
    out += chars.slice(0, kept).join("") + "=".repeat(4 - kept);
  }
  return out;
}

/** The bytes of standard, padded base64; undefined when `value` is not that. */
export function bytesFromBase64(value: string): Uint8Array | undefined {
  if (!BASE64.test(value)) return undefined;
  const digits = value.replace(/=+$/, "");
  const bytes = new Uint8Array(Math.floor((digits.length * 6) / 8));
  let bits = 0;
  let buffer = 0;
  let at = 0;
  for (const char of digits) {
    buffer = (buffer << 6) | ALPHABET.indexOf(char);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[at++] = (buffer >> bits) & 255;
    }
  }
  return bytes;
}
