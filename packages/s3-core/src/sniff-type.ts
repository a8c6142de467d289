import { fileTypeFromBuffer, supportedMimeTypes } from "file-type";
import { mimeEssence } from "@hoist/contract";

/**
 * How much the first bytes must agree with the declared type.
 * `strict`: a recognised type must equal the declared one, and an unrecognised file is refused when the declared
 * type is one file-type would have recognised (or any image, audio or video type: a PNG without a PNG header is
 * not a PNG). `lenient`: a recognised type only has to be allowed; unrecognised content (text, CSV...) passes.
 */
export interface SniffPolicy {
  mode: "strict" | "lenient";
  /** Route's allowed types, exact (`image/png`) or wildcards (`image/*`, `*\/*`); default everything. */
  allowed?: readonly string[];
}

/** Outcome of {@link sniffType}; `sniffed` is undefined when file-type cannot tell (e.g. plain text). */
export type SniffResult =
  | { ok: true; sniffed: string | undefined }
  | { ok: false; sniffed: string | undefined; message: string };

// Names browsers and OSes still send for types file-type reports under their registered name.
const ALIASES: Readonly<Record<string, string>> = {
  "image/jpg": "image/jpeg",
  "image/pjpeg": "image/jpeg",
  "audio/mp3": "audio/mpeg",
  "audio/x-wav": "audio/wav",
  "audio/wave": "audio/wav",
  "application/x-zip-compressed": "application/zip",
  "application/x-pdf": "application/pdf",
};

function canonical(type: string): string {
  const essence = mimeEssence(type) ?? type.trim().toLowerCase();
  return ALIASES[essence] ?? essence;
}

/** True when `type` matches one of `patterns` (`type/subtype`, `type/*` or `*\/*`), ignoring case and parameters. */
export function typeAllowed(type: string, patterns: readonly string[]): boolean {
  const essence = canonical(type);
  const major = essence.split("/")[0] ?? "";
  return patterns.some((raw) => {
    const pattern = raw.trim().toLowerCase();
    return pattern === "*/*" || pattern === `${major}/*` || canonical(pattern) === essence;
  });
}

function recognisable(declared: string): boolean {
  return /^(image|audio|video)\//.test(declared) || supportedMimeTypes.has(declared);
}

/**
 * Sniffs the first bytes of an upload (from `readFirstBytes`) and judges them against the declared type and the
 * route's allowed types. Uses file-type's magic-number table rather than a hand-written one.
 */
export async function sniffType(bytes: Uint8Array, declaredType: string, policy: SniffPolicy): Promise<SniffResult> {
  const sniffed = (await fileTypeFromBuffer(bytes))?.mime;
  const declared = canonical(declaredType);
  const allowed = policy.allowed ?? ["*/*"];
  if (sniffed === undefined) {
    if (policy.mode === "strict" && recognisable(declared)) {
      const message = `the content does not look like ${declared}: no ${declared} signature in the first bytes`;
      return { ok: false, sniffed, message };
    }
    return { ok: true, sniffed };
  }
  if (!typeAllowed(sniffed, allowed)) {
    const message = `the content is ${sniffed}, which this route does not accept (allowed: ${allowed.join(", ")})`;
    return { ok: false, sniffed, message };
  }
  if (policy.mode === "strict" && canonical(sniffed) !== declared) {
    const message = `the content is ${sniffed} but the upload declared ${declared}; send the file with its real type`;
    return { ok: false, sniffed, message };
  }
  return { ok: true, sniffed };
}
