/**
 * The store under measurement, alone in its own process so its RSS is its own. Prints one JSON line
 * `{ "endpoint": ... }` once listening; exits when its parent closes stdin.
 */
import { startLocalS3 } from "../src/index";

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error("usage: server-child.ts <dataDir>");

const server = await startLocalS3({
  dataDir,
  credentials: { accessKeyId: "bench-access", secretAccessKey: "bench-secret-0123456789" },
  buckets: ["bench"],
});
console.log(JSON.stringify({ endpoint: server.endpoint }));
process.stdin.resume();
process.stdin.on("end", () => {
  void server.close().then(() => process.exit(0));
});
