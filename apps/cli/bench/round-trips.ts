/**
 * API round trips per upload: every tRPC request the engine makes (one fetch per call through httpLink) for
 * uploads of 1, 100, 1,000 and 2,000 parts. Goal with checksum "none": <= 3 + ceil(parts / 100). With
 * "crc64nvme" (the default) a part is signed with the value of bytes already read and held, so windows are the
 * concurrency (8): <= 2 + ceil(parts / 8). A 1 KiB part floor against local-s3 in-process keeps the many-part
 * cases quick.
 */
import type { ChecksumMode } from "@hoist/contract";
import { startStack, testRoutes } from "@hoist/server/testing";
import { tempDir, writeRandomFile } from "@hoist/client/testing";
import { countingTrpc } from "./trpc-client";
import { engineUpload } from "./engine-upload";
import { verdict } from "./format";

const KiB = 1024;
const CASES = [1, 100, 1000, 2000];
/** Each mode's goal for an upload of `parts` parts. */
const GOALS: Partial<Record<ChecksumMode, (parts: number) => number>> = {
  none: (parts) => 3 + Math.ceil(parts / 100),
  crc64nvme: (parts) => 2 + Math.ceil(parts / 8),
};

/** The round-trip bench: prints requests per upload against the goal for each part count. */
export async function runRoundTrips(): Promise<void> {
  const routes = { default: { maxSize: "5TB", types: ["*/*"], minPartSize: KiB } } as const;
  const stack = await startStack("pglite", { routes: (s3) => testRoutes(s3, routes) });
  const tmp = await tempDir("hoist-bench-trips-");
  try {
    const token = await stack.api.token("bench");
    console.log("API round trips per upload (1 KiB parts):");
    for (const parts of CASES) {
      const path = tmp.path(`${parts}.bin`);
      await writeRandomFile(path, parts * KiB);
      for (const [checksum, goalOf] of Object.entries(GOALS) as [ChecksumMode, (parts: number) => number][]) {
        const counter = { count: 0 };
        const { progress } = await engineUpload(countingTrpc(stack.api.url, token, counter), path, { checksum });
        const goal = goalOf(parts);
        const ok = counter.count <= goal && progress.partsTotal === parts;
        console.log(`  ${String(parts).padStart(5)} parts, ${checksum.padEnd(9)}: ${counter.count} requests (goal <= ${goal}) ${verdict(ok)}`);
      }
    }
  } finally {
    await tmp.remove();
    await stack.close();
  }
}
