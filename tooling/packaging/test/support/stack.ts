import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { partFloor, sha256, startHarness, startS3Target, testBytes } from "@hoist/server/testing";
import type { Harness, S3Target } from "@hoist/server/testing";
import { inject } from "vitest";
import type { Tarball } from "../../src/pack";

/** A temp dir outside the workspace and a real server (local-s3 or HOIST_TEST_S3_*, PGlite). */
export interface ServerStack {
  work: string;
  harness: Harness;
  /** The server's part floor on this storage: a file of 2.5 floors is three parts, one under it a single PUT. */
  floor: number;
  /** Writes `size` test bytes to a file in `work`; returns its path and their sha256. */
  file(name: string, size: number): Promise<{ path: string; sha256: string }>;
  /** The stored object's sha256, fetched through `files.downloadUrl` as `user`. */
  storedSha256(user: string, id: string): Promise<string>;
  close(): Promise<void>;
}

/** {@link ServerStack} plus the published packages' tarballs. */
export interface PackagingStack extends ServerStack {
  tarballs: Tarball[];
}

export async function startServerStack(): Promise<ServerStack> {
  const work = await mkdtemp(join(tmpdir(), "hoist-packaging-"));
  const s3: S3Target = await startS3Target();
  const harness = await startHarness({ s3, database: "pglite" });
  return {
    work,
    harness,
    floor: partFloor(s3),
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

/** A server stack with the tarballs the global setup packed (see test/global-setup.ts). */
export async function startPackagingStack(): Promise<PackagingStack> {
  return { ...(await startServerStack()), tarballs: inject("tarballs") };
}
