import type { SignParts } from "../../src/part-urls";

/**
 * The function `partUrls` calls for `upload.signParts`, answering at once and recording each batch: unit tests
 * of what gets signed, when, and with which checksums (the real API is in test/engine).
 */
export function fakeSigner() {
  const calls: { partNumber: number; checksum?: string | undefined }[][] = [];
  const signParts: SignParts = (parts) => {
    calls.push(parts);
    const expiresAt = new Date(Date.now() + 600_000).toISOString();
    return Promise.resolve(parts.map(({ partNumber }) => ({ partNumber, url: `http://s/${partNumber}`, method: "PUT" as const, headers: {}, expiresAt })));
  };
  return { signParts, calls };
}
