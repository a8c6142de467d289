/** The API server in its own process: `api-child.ts <s3Endpoint> <dataDir>`, HS256 auth with BENCH_SECRET. */
import { startServer } from "../src/start";
import { serveChild } from "@hoist/bench";
import { BENCH_SECRET } from "./secret";


const [endpoint, dataDir] = process.argv.slice(2);
if (endpoint === undefined || dataDir === undefined) throw new Error("usage: api-child.ts <s3Endpoint> <dataDir>");
const server = await startServer(
  {
    port: 0,
    host: "127.0.0.1",
    storage: {
      kind: "external",
      endpoint,
      region: "us-east-1",
      bucket: "bench",
      provider: "local",
      forcePathStyle: true,
      accessKeyId: "bench-key",
      secretAccessKey: "bench-secret-0123456789abcdef",
    },
    database: { dataDir: `${dataDir}/db` },
    auth: { mode: "jwt", jwtSecret: BENCH_SECRET },
    corsOrigins: [],
    dataDir,
    // The bench measures the API's own CPU, not log serialisation.
    logLevel: "silent",
  },
);
serveChild({ url: server.url }, () => server.close());
