/**
 * A random (version 4) UUID for a new session, sent with `upload.create` so a retried create cannot make a
 * second session. From `getRandomValues`, not `randomUUID`: browsers offer the latter only on HTTPS pages.
 */
export function newUploadId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  // The version (4) and variant (RFC 9562) bits; the other 122 are random.
  const version = (byte: number, index: number) => (index === 6 ? (byte & 0x0f) | 0x40 : index === 8 ? (byte & 0x3f) | 0x80 : byte);
  const hex = Array.from(bytes, (byte, index) => version(byte, index).toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
