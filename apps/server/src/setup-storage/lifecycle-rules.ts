import type { LifecycleRule } from "@aws-sdk/client-s3";

/** IDs of the rules setup-storage writes, one per route; rules with other IDs belong to someone else and stay. */
const HOIST_RULE_PREFIX = "hoist-abort-incomplete-";

/** The key prefix of a route: keys are `<route>/<userId>/...` (DESIGN "Procedures"). */
export function routePrefix(route: string): string {
  return `${route}/`;
}

/**
 * Hoist's rule for one route: abort multipart uploads under the route's prefix `days` after they began. Per route
 * rather than bucket-wide, so uploads other tools run in a shared bucket are left alone (as the sweeper does).
 */
export function hoistLifecycleRule(route: string, days: number): LifecycleRule {
  return {
    ID: `${HOIST_RULE_PREFIX}${route}`,
    Filter: { Prefix: routePrefix(route) },
    Status: "Enabled",
    AbortIncompleteMultipartUpload: { DaysAfterInitiation: days },
  };
}

/** The key prefix a rule applies to, or undefined when it filters on more than a prefix (tags, sizes). */
function rulePrefix(rule: LifecycleRule): string | undefined {
  const filter = rule.Filter;
  if (filter === undefined) {
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- older rules (and Ceph RGW's answers) carry it
    return rule.Prefix ?? "";
  }
  if (filter.Tag !== undefined || filter.And !== undefined) return undefined;
  if (filter.ObjectSizeGreaterThan !== undefined || filter.ObjectSizeLessThan !== undefined) return undefined;
  return filter.Prefix ?? "";
}

/** True when an enabled rule aborts every incomplete upload under `prefix` within `days`. */
function covered(rules: readonly LifecycleRule[], prefix: string, days: number): boolean {
  return rules.some((rule) => {
    const after = rule.AbortIncompleteMultipartUpload?.DaysAfterInitiation;
    const applies = rulePrefix(rule);
    return rule.Status === "Enabled" && after !== undefined && after <= days && applies !== undefined && prefix.startsWith(applies);
  });
}

/** The routes whose incomplete uploads no existing rule aborts within `days`. */
export function routesNotCovered(rules: readonly LifecycleRule[], routes: readonly string[], days: number): string[] {
  return routes.filter((route) => !covered(rules, routePrefix(route), days));
}

/** Every foreign rule kept as it was, Hoist's rules replaced by one per route. */
export function mergeLifecycle(existing: readonly LifecycleRule[], routes: readonly string[], days: number): LifecycleRule[] {
  const foreign = existing.filter((rule) => !(rule.ID ?? "").startsWith(HOIST_RULE_PREFIX));
  return [...foreign, ...routes.map((route) => hoistLifecycleRule(route, days))];
}
