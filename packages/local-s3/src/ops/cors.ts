import type { IncomingMessage, ServerResponse } from "node:http";
import { S3Error } from "../errors";
import type { CorsRule } from "../types";

/** Answers an OPTIONS preflight from the bucket's rules; preflights are unauthenticated, as in S3. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse, rules: CorsRule[] | null): void {
  const origin = req.headers.origin;
  const method = req.headers["access-control-request-method"];
  if (origin === undefined) throw new S3Error("BadRequest", "Insufficient information. Origin request header needed.");
  if (method === undefined) throw new S3Error("BadRequest", "Invalid Access-Control-Request-Method: null");
  const requested = (req.headers["access-control-request-headers"] ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== "");
  const rule = rules?.find((r) => ruleAllows(r, origin, method) && requested.every((h) => (r.allowedHeaders ?? []).some((p) => wildcard(p.toLowerCase(), h))));
  if (rule === undefined) throw new S3Error("AccessForbidden", "CORSResponse: This CORS request is not allowed.", { Method: method, ResourceType: "OBJECT" });
  const headers: Record<string, string | number> = {
    ...allowHeaders(rule, origin),
    Vary: "Origin, Access-Control-Request-Headers, Access-Control-Request-Method",
    "Content-Length": 0,
  };
  if (requested.length > 0) headers["Access-Control-Allow-Headers"] = requested.join(", ");
  if (rule.maxAgeSeconds !== undefined) headers["Access-Control-Max-Age"] = rule.maxAgeSeconds;
  res.writeHead(200, headers);
  res.end();
}

/** Sets CORS headers on an actual (non-preflight) request whose Origin and method a rule allows. */
export function applyCors(req: IncomingMessage, res: ServerResponse, rules: CorsRule[] | null): void {
  const origin = req.headers.origin;
  if (origin === undefined || rules === null) return;
  const rule = rules.find((r) => ruleAllows(r, origin, req.method ?? "GET"));
  if (rule === undefined) return;
  for (const [name, value] of Object.entries(allowHeaders(rule, origin))) res.setHeader(name, value);
  res.setHeader("Vary", "Origin");
}

function allowHeaders(rule: CorsRule, origin: string): Record<string, string> {
  const any = rule.allowedOrigins.includes("*");
  const headers: Record<string, string> = {
    "Access-Control-Allow-Origin": any ? "*" : origin,
    "Access-Control-Allow-Methods": rule.allowedMethods.join(", "),
  };
  // Credentials may only be allowed for a named origin (browsers reject "*" with credentials).
  if (!any) headers["Access-Control-Allow-Credentials"] = "true";
  if (rule.exposeHeaders?.length) headers["Access-Control-Expose-Headers"] = rule.exposeHeaders.join(", ");
  return headers;
}

function ruleAllows(rule: CorsRule, origin: string, method: string): boolean {
  return rule.allowedMethods.includes(method) && rule.allowedOrigins.some((p) => wildcard(p, origin));
}

/** Matches S3's CORS patterns, where `*` stands for any run of characters. */
export function wildcard(pattern: string, value: string): boolean {
  const regex = pattern
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${regex}$`).test(value);
}
