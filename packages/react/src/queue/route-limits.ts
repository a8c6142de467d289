import { formatBytes } from "../format";
import type { RouteLimits } from "../types";

// Whether a file fits its route is the server's call (upload.create, before any byte is sent): it knows the
// type aliases browsers send and sniffs the bytes, and its message is the one people see. The page only shows
// the limits up front, in the route chooser.

/** The type a file is uploaded with: what the browser says, else the generic binary type (as `fromBlob` does). */
export function uploadType(file: Blob): string {
  return file.type === "" ? "application/octet-stream" : file.type;
}

/** "image — up to 20 MiB · image/*": a route and its limits in one line (the route chooser's options). */
export function describeRoute(route: RouteLimits): string {
  const types = route.types.includes("*/*") ? "any type" : route.types.join(", ");
  return `${route.name} — up to ${formatBytes(route.maxSize)} · ${types}`;
}
