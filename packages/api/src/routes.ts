import { HoistError, MAX_OBJECT_SIZE, parseSize } from "@hoist/contract";
import type { FileRecord, UploadRoute } from "@hoist/contract";
import type { AuthUser } from "./auth";

/** How strictly sniffed bytes must agree with the declared type: `strict` also rejects bytes it cannot identify. */
export type SniffMode = "strict" | "lenient" | "off";

/** A route as written in code; sizes may be strings like "20MB" (binary units). */
export interface RouteInput {
  maxSize: number | string;
  /** Allowed MIME types: exact (`image/png`), a family (`image/*`) or anything (`*\/*`). */
  types: readonly string[];
  sniff?: SniffMode;
  /** Part size floor in bytes (default 5 MiB); lower only for stores that allow small parts. */
  minPartSize?: number;
  /** Presigned URL lifetime in seconds: default 900 (15 min), at most 3600. */
  urlExpiresIn?: number;
  /** How long a session may stay open before the sweeper aborts it, in seconds (default 24 h). */
  sessionTtl?: number;
  /** Who may use the route; others get `FORBIDDEN`. Default: every signed-in user. */
  allow?: (user: AuthUser) => boolean;
  /**
   * `"read"`: where storage cannot verify a crc64nvme upload's whole-file CRC64NVME (its profile lacks
   * `crc64nvme`), the server reads the object once from storage after complete and compares (a mismatch deletes
   * it: CHECKSUM_MISMATCH). The read costs the file's size in storage egress and time (hoist_checksum_read_*
   * metrics). Without it such files record only `unverifiedChecksum`.
   */
  verify?: "read";
  /** Runs after the file is recorded; a failure is logged, the upload stays complete. */
  onComplete?: (file: FileRecord, ctx: { user: AuthUser }) => void | Promise<void>;
}

/** A route after {@link defineRoutes}: sizes in bytes, defaults filled in. */
export interface RoutePolicy extends Required<Omit<RouteInput, "maxSize" | "minPartSize" | "verify" | "onComplete">> {
  name: string;
  maxSize: number;
  minPartSize: number | undefined;
  verify: "read" | undefined;
  onComplete: RouteInput["onComplete"];
}

/** Routes by name. */
export type RouteTable<Names extends string = string> = Readonly<Record<Names, RoutePolicy>>;

const MAX_URL_EXPIRY = 3600;

function normalise(name: string, input: RouteInput): RoutePolicy {
  const maxSize = parseSize(input.maxSize);
  const urlExpiresIn = input.urlExpiresIn ?? 900;
  if (maxSize > MAX_OBJECT_SIZE) throw new Error(`route ${name}: maxSize is above the S3 maximum object size`);
  if (!Number.isInteger(urlExpiresIn) || urlExpiresIn < 1 || urlExpiresIn > MAX_URL_EXPIRY) {
    throw new Error(`route ${name}: urlExpiresIn must be 1..${MAX_URL_EXPIRY} seconds`);
  }
  if (input.types.length === 0) throw new Error(`route ${name}: types must list at least one type`);
  return {
    name,
    maxSize,
    types: input.types.map((type) => type.toLowerCase()),
    sniff: input.sniff ?? "lenient",
    minPartSize: input.minPartSize,
    verify: input.verify,
    urlExpiresIn,
    sessionTtl: input.sessionTtl ?? 24 * 3600,
    allow: input.allow ?? (() => true),
    onComplete: input.onComplete,
  };
}

/**
 * Declares the upload routes. Typed by name, validated once at start-up (a bad route stops the server).
 * @example defineRoutes({ default: { maxSize: "5TB", types: ["*\/*"] }, image: { maxSize: "20MB", types: ["image/*"], sniff: "strict" } })
 */
export function defineRoutes<Names extends string>(routes: Record<Names, RouteInput>): RouteTable<Names> {
  const entries = Object.entries<RouteInput>(routes).map(([name, input]) => [name, normalise(name, input)]);
  return Object.freeze(Object.fromEntries(entries) as Record<Names, RoutePolicy>);
}

/** Finds the route for a request, or fails with `NOT_FOUND` (unknown name) / `FORBIDDEN` (not for this user). */
export function resolveRoute(routes: RouteTable, name: string, user: AuthUser): RoutePolicy {
  const route = Object.hasOwn(routes, name) ? routes[name] : undefined;
  if (route === undefined) {
    const known = Object.keys(routes).join(", ");
    throw new HoistError("NOT_FOUND", `no upload route named ${JSON.stringify(name)}; routes: ${known}`);
  }
  if (!route.allow(user)) throw new HoistError("FORBIDDEN", `route ${JSON.stringify(name)} is not allowed for this account`);
  return route;
}

/**
 * `upload.routes`: the routes `user` may upload to (those whose `allow` admits them), with the limits a picker
 * shows before any file is chosen. Policy details (sniffing, hooks, who else may use a route) stay on the server.
 */
export function routesFor(routes: RouteTable, user: AuthUser): UploadRoute[] {
  return Object.values(routes)
    .filter((route) => route.allow(user))
    .map((route) => ({ name: route.name, maxSize: route.maxSize, types: [...route.types] }));
}

/** The routes Hoist ships with: anything up to 5 TB, and images up to 20 MB checked strictly by their bytes. */
export const defaultRoutes = defineRoutes({
  default: { maxSize: "5TB", types: ["*/*"] },
  image: { maxSize: "20MB", types: ["image/*"], sniff: "strict" },
});

/**
 * The route a stored session or file was made on, checked again for this caller: routes are code, and a route
 * removed or narrowed since create must not keep serving. Its policy (`allow`, URL expiry) applies on every call
 * that signs or records, never another route's looser one.
 */
export function resolveStoredRoute(routes: RouteTable, name: string, user: AuthUser): RoutePolicy {
  const route = Object.hasOwn(routes, name) ? routes[name] : undefined;
  if (route === undefined) {
    throw new HoistError(
      "FORBIDDEN",
      `route ${JSON.stringify(name)} no longer exists on this server, so what was uploaded to it can no longer be used; upload again on another route`,
    );
  }
  if (!route.allow(user)) throw new HoistError("FORBIDDEN", `route ${JSON.stringify(name)} is not allowed for this account`);
  return route;
}
