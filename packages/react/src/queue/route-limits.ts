import { formatBytes } from "../format";
import type { RouteLimits } from "../types";

/** The type a file is uploaded with: what the browser says, else the generic binary type (as `fromBlob` does). */
export function uploadType(file: Blob): string {
  return file.type === "" ? "application/octet-stream" : file.type;
}

function essence(type: string): string {
  return (type.split(";")[0] ?? "").trim().toLowerCase();
}

/**
 * True unless `type` is plainly outside `patterns`. Exact subtypes of the same family are left to the server,
 * which knows the aliases browsers send (`image/jpg` for `image/jpeg`): a wrong refusal here would be worse
 * than one `upload.create` the server refuses, still before any byte is sent.
 */
export function typeMayPass(type: string, patterns: readonly string[]): boolean {
  const major = essence(type).split("/")[0] ?? "";
  return patterns.some((raw) => {
    const pattern = essence(raw);
    return pattern === "*/*" || pattern.split("/")[0] === major;
  });
}

/**
 * Checks a file against its route's limits before anything is sent, so a refusal costs no request. Messages
 * follow the server's own (`SIZE_OVER_LIMIT`, `TYPE_NOT_ALLOWED`).
 */
export function checkRoute(route: RouteLimits, file: File): { code: string; message: string } | undefined {
  if (file.size > route.maxSize) {
    let [size, max] = [formatBytes(file.size), formatBytes(route.maxSize)];
    // "20 MiB; up to 20 MiB" would explain nothing: exact bytes when the rounded sizes read the same.
    if (size === max) [size, max] = [`${String(file.size)} bytes`, `${String(route.maxSize)} bytes`];
    return { code: "SIZE_OVER_LIMIT", message: `${file.name} is ${size}; route "${route.name}" takes files up to ${max}` };
  }
  const type = uploadType(file);
  if (!typeMayPass(type, route.types)) {
    return { code: "TYPE_NOT_ALLOWED", message: `type ${type} is not allowed on route "${route.name}"; allowed: ${route.types.join(", ")}` };
  }
  return undefined;
}

/** "image — up to 20 MiB · image/*": a route and its limits in one line (the route chooser's options). */
export function describeRoute(route: RouteLimits): string {
  const types = route.types.includes("*/*") ? "any type" : route.types.join(", ");
  return `${route.name} — up to ${formatBytes(route.maxSize)} · ${types}`;
}
