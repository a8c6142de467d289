/**
 * The API server in its own process: `api-child.ts <storageJson> <minPartSize>`, PGlite in a temp dir, HS256 auth.
 * Announces its URL and a token for user "bench".
 */
import { defineRoutes } from "@hoist/api";
import { startHarness } from "@hoist/server/testing";
import type { S3Target } from "@hoist/server/testing";
import { serveChild } from "@hoist/bench";

const [storageJson, floor] = process.argv.slice(2);
if (storageJson === undefined || floor === undefined) throw new Error("usage: api-child.ts <storageJson> <minPartSize>");
const s3: S3Target = {
  provider: "local",
  storage: JSON.parse(storageJson) as S3Target["storage"],
  smallParts: false,
  close: () => Promise.resolve(),
};
const routes = defineRoutes({ default: { maxSize: "5TB", types: ["*/*"], minPartSize: Number(floor) } });
const api = await startHarness({ s3, database: "pglite", routes });
serveChild({ url: api.url, token: await api.token("bench") }, () => api.close());
