import type { RouteTable } from "@hoist/api";
import type { ProviderProfile } from "@hoist/s3-core";

/**
 * Names the routes whose parts the storage would refuse: a `minPartSize` below the provider's minimum plans
 * parts that CompleteMultipartUpload answers with `EntityTooSmall`, so every multipart upload on the route fails
 * at the very end (seen on Ceph RGW with a 1 MiB route). A warning, not a refusal to start: uploads that are
 * never completed (tests of listing and sweeping) are fine with small parts.
 * @returns the warning to log, or undefined when every route fits
 */
export function routesTooSmallFor(routes: RouteTable, profile: ProviderProfile, provider: string): string | undefined {
  const tooSmall = Object.entries(routes).filter(([, route]) => route.minPartSize !== undefined && route.minPartSize < profile.minPartSize);
  if (tooSmall.length === 0) return undefined;
  const listed = tooSmall.map(([name, route]) => `"${name}" (${String(route.minPartSize)} bytes)`).join(", ");
  return (
    `route minPartSize below what ${provider} accepts (${profile.minPartSize} bytes for every part but the last): ${listed}; ` +
    "multipart uploads on these routes will fail at complete with EntityTooSmall. Raise minPartSize or leave it out."
  );
}
