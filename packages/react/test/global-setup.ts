import type { TestProject } from "vitest/node";
import { startStack, testRoutes } from "@hoist/server/testing";

/** Users the tests sign in as: one per test (prefixed by test file), so file lists do not mix. */
const USERS = ["queue", "components"].flatMap((file) => Array.from({ length: 16 }, (_, i) => `${file}-${String(i + 1)}`));

/**
 * Starts one real API (local-s3, PGlite) for the whole react project, in Node: the server cannot run under
 * happy-dom's globals (its URL replaces Node's). Tests reach it over loopback with tokens made here.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stack = await startStack("pglite", {
    routes: (s3) =>
      testRoutes(s3, {
        // Listed for nobody but "root": a route the server refuses though the client cannot know why.
        admin: { maxSize: "1GB", types: ["*/*"], allow: (user) => user.id === "root", minPartSize: 1024 },
      }),
  });
  const tokens: Record<string, string> = {};
  for (const user of USERS) tokens[user] = await stack.api.token(user);
  project.provide("hoist", { url: stack.api.url, tokens });
  return () => stack.close();
}

declare module "vitest" {
  export interface ProvidedContext {
    hoist: { url: string; tokens: Record<string, string> };
  }
}
