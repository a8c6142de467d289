import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AbortMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalS3 } from "../server";
import { paths } from "./paths";

const credentials = { accessKeyId: "index-key", secretAccessKey: "index-secret-0123456789" };

// Listings read an in-memory index of the bucket's order, loaded on first use: it must follow every write of the
// store, writes racing its load, and what changed on disk between two starts.
describe("listing indexes", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "local-s3-index-"));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  async function withStore(run: (s3: S3Client) => Promise<void>): Promise<void> {
    const store = await startLocalS3({ dataDir, credentials, buckets: ["bkt"] });
    const s3 = new S3Client({ endpoint: store.endpoint, region: "us-east-1", credentials, forcePathStyle: true });
    try {
      await run(s3);
    } finally {
      s3.destroy();
      await store.close();
    }
  }
  const keys = async (s3: S3Client) => ((await s3.send(new ListObjectsV2Command({ Bucket: "bkt" }))).Contents ?? []).map((o) => o.Key);
  const uploads = async (s3: S3Client) => ((await s3.send(new ListMultipartUploadsCommand({ Bucket: "bkt" }))).Uploads ?? []).map((u) => u.Key);

  it("follows puts, deletes, creates and aborts, including those racing the first listing's load", async () => {
    await withStore(async (s3) => {
      const names = Array.from({ length: 40 }, (_, i) => `race/${String(i).padStart(2, "0")}`);
      const [, , created] = await Promise.all([
        Promise.all(names.map((Key) => s3.send(new PutObjectCommand({ Bucket: "bkt", Key, Body: Key })))),
        keys(s3),
        s3.send(new CreateMultipartUploadCommand({ Bucket: "bkt", Key: "pending" })),
        uploads(s3),
      ]);
      expect(await keys(s3)).toEqual(names);
      expect(await uploads(s3)).toEqual(["pending"]);
      await s3.send(new DeleteObjectCommand({ Bucket: "bkt", Key: "race/00" }));
      await s3.send(new AbortMultipartUploadCommand({ Bucket: "bkt", Key: "pending", UploadId: created.UploadId }));
      expect(await keys(s3)).toEqual(names.slice(1));
      expect(await uploads(s3)).toEqual([]);
    });
  });

  it("a new start reads the disk again: what changed while it was stopped is listed as it is", async () => {
    await withStore(async (s3) => {
      expect(await keys(s3)).toHaveLength(39);
    });
    // Another process adds an object while the store is stopped (a sidecar naming race/02's bytes).
    const sidecar = JSON.parse(await readFile(paths.objectMeta(dataDir, "bkt", "race/02"), "utf8")) as { key: string };
    await writeFile(paths.objectMeta(dataDir, "bkt", "race/zz"), JSON.stringify({ ...sidecar, key: "race/zz" }));
    await withStore(async (s3) => {
      expect(await keys(s3)).toContain("race/zz");
      expect(await keys(s3)).toHaveLength(40);
    });
  });
});
