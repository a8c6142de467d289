import { z } from "zod";
import { MAX_NAME_BYTES } from "./limits.js";
import { typeError } from "./messages.js";

// Bidi controls can make "invoice\u202Efdp.exe" display as "invoiceexe.pdf"; names must look like what they are.
const BIDI_CONTROLS = new Set([
  0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
]);

const ONLY_DOTS_AND_SEPARATORS = /^[./\\]+$/;

function hex(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
}

function isControl(codePoint: number): boolean {
  return codePoint <= 0x1f || (codePoint >= 0x7f && codePoint <= 0x9f);
}

function isLoneSurrogate(codePoint: number): boolean {
  // Iterating a string by code point yields a surrogate only when it has no partner.
  return codePoint >= 0xd800 && codePoint <= 0xdfff;
}

function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  return codePoint < 0x10000 ? 3 : 4;
}

type CharacterKind = "surrogate" | "control" | "bidi";

function kindOf(codePoint: number): CharacterKind | undefined {
  if (isLoneSurrogate(codePoint)) return "surrogate";
  if (isControl(codePoint)) return "control";
  return BIDI_CONTROLS.has(codePoint) ? "bidi" : undefined;
}

const KIND_MESSAGES: Readonly<Record<CharacterKind, string>> = {
  surrogate: "name must be well-formed Unicode (lone surrogate ",
  control: "name must not contain control characters (",
  bidi: "name must not contain bidirectional control characters (",
};

/**
 * What is wrong with a file name, in words a person can act on; empty when the name is acceptable. Only the
 * first offending character of each kind is reported, so a long bad name gives a short answer.
 */
export function fileNameProblems(name: string): string[] {
  if (name.length === 0) return ["name must not be empty"];
  const byKind = new Map<CharacterKind, string>();
  let bytes = 0;
  let index = 0;
  for (const char of name) {
    const codePoint = char.codePointAt(0) ?? 0;
    bytes += utf8Length(codePoint);
    const kind = kindOf(codePoint);
    if (kind !== undefined && !byKind.has(kind)) {
      byKind.set(kind, `${KIND_MESSAGES[kind]}${hex(codePoint)} at index ${index})`);
    }
    index += char.length;
  }
  const result = [...byKind.values()];
  if (bytes > MAX_NAME_BYTES) result.push(`name must be at most ${MAX_NAME_BYTES} bytes in UTF-8 (got ${bytes})`);
  if (ONLY_DOTS_AND_SEPARATORS.test(name)) {
    result.push(`name must contain more than dots and slashes (got ${JSON.stringify(name)})`);
  }
  return result;
}

/**
 * A file name as shown to people and stored as metadata: 1..255 UTF-8 bytes, well-formed UTF-16, no control
 * (C0, DEL, C1) or bidi control characters, and not only dots and path separators. Slashes inside a name are
 * allowed: the name is never used as a storage key or a path.
 */
export const FileNameSchema = z.string({ error: typeError("name", "a string") }).check((ctx) => {
  for (const message of fileNameProblems(ctx.value)) ctx.issues.push({ code: "custom", message, input: ctx.value });
});

/** A file name accepted by {@link FileNameSchema}. */
export type FileName = z.infer<typeof FileNameSchema>;
