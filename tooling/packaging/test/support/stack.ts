import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sha256, startHarness, startS3Target, testBytes } from "@hoist/server/testing";
import type { Harness, S3Target } from "@hoist/server/testing";
import { packAll } from "../../src/pack";
import type { Tarball } from "../../src/pack";

/** A temp dir outside the workspace, the tarballs packed into it, and a real server (local-s3 or HOIST_TEST_S3_*, PGlite). */
export interface PackagingStack {
  work: string;
  tarballs: Tarball[];
  harness: Harness;
  /** Writes `size` test bytes to a file in `work`; returns its path and their sha256. */
  file(name: string, size: number): Promise<{ path: string; sha256: string }>;
  /** The stored object's sha256, fetched through `files.downloadUrl` as `user`. */
  storedSha256(user: string, id: string): Promise<string>;
  close(): Promise<void>;
}

export async function startPackagingStack(): Promise<PackagingStack> {
  const work = await mkdtemp(join(tmpdir(), "hoist-packaging-"));
  const tarballs = await packAll(join(work, "tarballs"));
  const s3: S3Target = await startS3Target();
  const harness = await startHarness({ s3, database: "pglite" });
  return {
    work,
    tarballs,
    harness,
    file: async (name, size) => {
      const bytes = testBytes(size);
      const path = join(work, name);
      await writeFile(path, bytes);
      return { path, sha256: sha256(bytes) };
    },
    storedSha256: async (user, id) => {
      const client = await harness.client(user);
      const { url } = await client.files.downloadUrl.mutate({ id });
      const response = await fetch(url);
      return sha256(new Uint8Array(await response.arrayBuffer()));
    },
    close: async () => {
      await harness.close();
      await s3.close();
      await rm(work, { recursive: true, force: true });
    },
  };
}
