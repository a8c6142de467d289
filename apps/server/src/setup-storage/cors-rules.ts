import type { CORSRule } from "@aws-sdk/client-s3";
import { BROWSER_SIGNED_HEADERS } from "@hoist/s3-core";

/** The ID of the CORS rule setup-storage writes; rules with other IDs (or none) belong to someone else and stay. */
export const HOIST_CORS_RULE_ID = "hoist-browser-uploads";

/** Browsers PUT parts and single files, and GET/HEAD downloads, straight from storage. */
const METHODS = ["PUT", "GET", "HEAD"];
/** The engine reads each part's ETag from the PUT response (DESIGN "Known traps"). */
const EXPOSED = "ETag";

/** The rule Hoist needs for `origins`: the three methods, the headers the engine signs, `ETag` exposed. */
export function hoistCorsRule(origins: readonly string[]): CORSRule {
  return {
    ID: HOIST_CORS_RULE_ID,
    AllowedOrigins: [...origins],
    AllowedMethods: [...METHODS],
    AllowedHeaders: [...BROWSER_SIGNED_HEADERS],
    ExposeHeaders: [EXPOSED],
    MaxAgeSeconds: 3600,
  };
}

/** S3's CORS patterns: `*` stands for any run of characters, case as given (headers compare lower-case). */
function matches(pattern: string, value: string): boolean {
  const source = pattern
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${source}$`).test(value);
}

/** True when this one rule lets a browser at `origin` do everything Hoist's uploads and downloads need. */
function ruleServes(rule: CORSRule, origin: string): boolean {
  const methods = rule.AllowedMethods ?? [];
  const headers = (rule.AllowedHeaders ?? []).map((h) => h.toLowerCase());
  const exposed = (rule.ExposeHeaders ?? []).map((h) => h.toLowerCase());
  return (
    (rule.AllowedOrigins ?? []).some((pattern) => matches(pattern, origin)) &&
    METHODS.every((method) => methods.includes(method)) &&
    BROWSER_SIGNED_HEADERS.every((name) => headers.some((pattern) => matches(pattern, name))) &&
    exposed.includes(EXPOSED.toLowerCase())
  );
}

/** The configured origins that no single existing rule fully serves (S3 applies the first rule matching origin and method). */
export function originsNotServed(rules: readonly CORSRule[], origins: readonly string[]): string[] {
  return origins.filter((origin) => {
    const first = rules.find((rule) => (rule.AllowedOrigins ?? []).some((p) => matches(p, origin)) && (rule.AllowedMethods ?? []).includes("PUT"));
    return first === undefined || !ruleServes(first, origin);
  });
}

/**
 * The bucket's rules with Hoist's rule first (S3 uses the first rule that matches a request, so a broader foreign
 * rule must not shadow it) and every other rule kept in its order.
 */
export function mergeCors(existing: readonly CORSRule[], origins: readonly string[]): CORSRule[] {
  return [hoistCorsRule(origins), ...existing.filter((rule) => rule.ID !== HOIST_CORS_RULE_ID)];
}
