/** The embedded store in its own process: `s3-child.ts <dataDir>`. */
import { startLocalS3 } from "@hoist/local-s3";
import { serveChild } from "@hoist/bench";

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error("usage: s3-child.ts <dataDir>");
const s3 = await startLocalS3({
  dataDir,
  port: 0,
  credentials: { accessKeyId: "bench-key", secretAccessKey: "bench-secret-0123456789abcdef" },
  buckets: ["bench"],
});
serveChild({ endpoint: s3.endpoint }, () => s3.close());
