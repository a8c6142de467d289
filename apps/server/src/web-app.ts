import { existsSync } from "node:fs";
import { join, relative, sep } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

/** `index.html` must be revalidated on every load so a new build is picked up at once. */
const REVALIDATE = "no-cache";
/** Vite names `assets/*` by content hash: a changed file gets a new name, so the old one can be kept forever. */
const IMMUTABLE = "public, max-age=31536000, immutable";

/** Whether `root` holds a built web app (Vite's `dist`, with its `index.html`). */
export function webAppBuilt(root: string): boolean {
  return existsSync(join(root, "index.html"));
}

function cacheControlFor(root: string, file: string): string {
  const path = relative(root, file).split(sep).join("/");
  return path.startsWith("assets/") ? IMMUTABLE : REVALIDATE;
}

/**
 * Serves the built web app from `root`: `/` is `index.html`, `/assets/*` are the hashed bundles, other files as
 * they are; unknown paths fall through to Fastify's 404. Registered as a wildcard GET, so the exact routes
 * (`/trpc/*`, `/healthz`, `/dev/token`) keep precedence. Send's own Cache-Control is off: ours is set per file.
 */
export async function registerWebApp(app: FastifyInstance, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    prefix: "/",
    cacheControl: false,
    decorateReply: false,
    setHeaders: (res, file) => {
      res.setHeader("cache-control", cacheControlFor(root, file));
    },
  });
}
