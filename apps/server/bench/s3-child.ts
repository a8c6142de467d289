/** The embedded store in its own process: `s3-child.ts <dataDir> [minPartSize]` (default S3's 5 MiB floor). */
import { startLocalS3 } from "@hoist/local-s3";
import { serveChild } from "@hoist/bench";

const [dataDir, minPartSize] = process.argv.slice(2);
if (dataDir === undefined) throw new Error("usage: s3-child.ts <dataDir>");
const s3 = await startLocalS3({
  dataDir,
  port: 0,
  credentials: { accessKeyId: "bench-key", secretAccessKey: "bench-secret-0123456789abcdef" },
  buckets: ["bench"],
  ...(minPartSize !== undefined && { minPartSize: Number(minPartSize) }),
});
serveChild({ endpoint: s3.endpoint }, () => s3.close());
