import { S3Error } from "../errors";

/** An inclusive byte range of an object. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Resolves `Range: bytes=a-b | a- | -n` against an object size. Like S3, a header it cannot parse (or a multi-range)
 * is ignored and the whole object is sent; a syntactically valid but unsatisfiable range is 416 InvalidRange.
 */
export function resolveRange(header: string | undefined, size: number): ByteRange | null {
  if (header === undefined) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === "" && m[2] === "")) return null;
  const [first, last] = [m[1] ?? "", m[2] ?? ""];
  if (first === "") {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) throw unsatisfiable(size);
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === "" ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== "" && Number(last) < start) return null;
  if (start >= size) throw unsatisfiable(size);
  return { start, end };
}

function unsatisfiable(size: number): S3Error {
  return new S3Error("InvalidRange", "The requested range is not satisfiable", { ActualObjectSize: String(size) }, {
    "Content-Range": `bytes */${size}`,
  });
}
