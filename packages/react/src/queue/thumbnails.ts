/**
 * Thumbnails are the image itself behind an object URL: the browser decodes and scales it in an `<img>`, no
 * canvas work on the main thread and no bytes read by us. Each URL pins the File until revoked.
 */
export function thumbnailFor(file: File): string | undefined {
  if (!file.type.startsWith("image/") || typeof URL.createObjectURL !== "function") return undefined;
  return URL.createObjectURL(file);
}

/** Frees what {@link thumbnailFor} made. */
export function revokeThumbnail(url: string | undefined): void {
  if (url !== undefined) URL.revokeObjectURL(url);
}
