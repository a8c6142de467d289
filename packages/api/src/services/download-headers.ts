import { mimeEssence } from "@hoist/contract";
import type { Disposition } from "@hoist/s3-core";
import { contentDisposition } from "@hoist/s3-core";

/**
 * Types a browser may render inline from our storage origin without running anything: raster images, PDF,
 * audio, video and plain text. Not SVG, HTML, XML or anything scriptable: opened inline, an uploaded page would run
 * its script with the storage origin's cookies and could act for whoever opened it.
 */
const INLINE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/bmp", "application/pdf", "text/plain"]);
const INLINE_FAMILIES = ["audio/", "video/"];

function inlineSafe(type: string): boolean {
  const essence = mimeEssence(type);
  if (essence === undefined) return false;
  return INLINE_TYPES.has(essence) || INLINE_FAMILIES.some((family) => essence.startsWith(family));
}

/**
 * The response headers a download URL asks storage for. A safe type is served as declared, inline when asked; any
 * other type is always an `attachment` of `application/octet-stream`, whatever the caller asked for, so the
 * browser saves it instead of rendering it.
 */
export function downloadHeaders(file: { name: string; type: string }, asked: Disposition = "attachment") {
  if (!inlineSafe(file.type)) {
    return { responseContentDisposition: contentDisposition(file.name, "attachment"), responseContentType: "application/octet-stream" };
  }
  return { responseContentDisposition: contentDisposition(file.name, asked), responseContentType: file.type };
}
