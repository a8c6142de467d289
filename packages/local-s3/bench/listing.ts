/**
 * Listing cost in a bucket of 100,000 small objects: one ListObjectsV2 page of 1,000 (the first, which loads the
 * key index, then one from the middle) and a walk over every page with continuation tokens.
 * `pnpm --filter @hoist/local-s3 bench`. `--baseline <path to another checkout's local-s3 src/index.ts>` runs the
 * same figures against that implementation on the same data, e.g. main's before a change. Data is deleted afterwards.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { startLocalS3 } from "../src/index";
import { commitObject } from "../src/storage/objects";
import { paths } from "../src/storage/paths";

const OBJECTS = 100_000;
const PAGE = 1000;
const BUCKET = "bench";
const credentials = { accessKeyId: "bench-access", secretAccessKey: "bench-secret-0123456789" };
const { values } = parseArgs({ options: { baseline: { type: "string" } } });

/** Writes the objects through the store's own commit (sidecar + data file), 32 at a time. */
async function populate(root: string): Promise<void> {
  // A start creates the layout and the bucket; the objects then go straight to storage, skipping HTTP.
  await (await startLocalS3({ dataDir: root, port: 0, credentials, buckets: [BUCKET] })).close();
  const put = async (i: number) => {
    const tmp = paths.tmp(root);
    const body = `object ${i}`;
    await writeFile(tmp, body);
    const key = `photos/${String(i % 100).padStart(2, "0")}/${String(i).padStart(6, "0")}.txt`;
    await commitObject(root, BUCKET, tmp, { key, size: body.length, etag: '"0"', contentType: "text/plain", metadata: {}, headers: {}, checksums: {} }, false);
  };
  for (let i = 0; i < OBJECTS; i += 32) await Promise.all(Array.from({ length: Math.min(32, OBJECTS - i) }, (_, j) => put(i + j)));
}

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await run();
  return [result, performance.now() - start];
}

/** The three figures for one implementation's `startLocalS3` on the populated directory. */
async function measure(start: typeof startLocalS3, root: string) {
  const store = await start({ dataDir: root, port: 0, credentials, buckets: [BUCKET] });
  const s3 = new S3Client({ endpoint: store.endpoint, region: "us-east-1", credentials, forcePathStyle: true });
  const page = (input: { ContinuationToken?: string; StartAfter?: string }) =>
    s3.send(new ListObjectsV2Command({ Bucket: BUCKET, MaxKeys: PAGE, ...input }));
  try {
    const [, first] = await timed(() => page({}));
    const [, middle] = await timed(() => page({ StartAfter: "photos/50/" }));
    const [count, walk] = await timed(async () => {
      let seen = 0;
      let token: string | undefined;
      do {
        const answer = await page(token === undefined ? {} : { ContinuationToken: token });
        seen += answer.KeyCount ?? 0;
        token = answer.NextContinuationToken;
      } while (token !== undefined);
      return seen;
    });
    if (count !== OBJECTS) throw new Error(`walked ${count} keys, expected ${OBJECTS}`);
    return { "first page (ms)": Math.round(first), "page from the middle (ms)": Math.round(middle), [`all ${OBJECTS / PAGE} pages (ms)`]: Math.round(walk) };
  } finally {
    s3.destroy();
    await store.close();
  }
}

const work = await mkdtemp(join(tmpdir(), "local-s3-listing-"));
try {
  const root = join(work, "store");
  const [, populated] = await timed(() => populate(root));
  console.log(`${OBJECTS} objects written in ${(populated / 1000).toFixed(1)} s; ListObjectsV2, max-keys ${PAGE}:`);
  const rows: Record<string, Record<string, number>> = {};
  if (values.baseline !== undefined) {
    const baseline = (await import(resolve(values.baseline))) as { startLocalS3: typeof startLocalS3 };
    rows.baseline = await measure(baseline.startLocalS3, root);
  }
  rows["this checkout"] = await measure(startLocalS3, root);
  console.table(rows);
} finally {
  await rm(work, { recursive: true, force: true });
}
