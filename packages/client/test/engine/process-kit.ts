import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import type { ReadableStream as WebStream } from "node:stream/web";
import type { HoistTrpc } from "@hoist/client";
import { startMainProcess } from "@hoist/server/testing";
import type { MainProcess, S3Target } from "@hoist/server/testing";
import { sha256Of } from "../support";
import { started } from "./engine-kit";

/** A server process (`pnpm dev`'s entry) and what a client needs to reach it. */
export interface Instance {
  main: MainProcess;
  serverUrl: string;
  token: string;
}

/**
 * Starts `count` server processes on one Postgres and one S3 (local-s3, or HOIST_TEST_S3_* in CI) with one JWT
 * secret, so any instance takes any step of any upload and one token works on all of them. Dev mode keeps them
 * on loopback and makes each print a demo token.
 */
export async function startInstances(count: number, s3: S3Target, databaseUrl: string, dataDir: (i: number) => string): Promise<Instance[]> {
  const { storage } = s3;
  const env = {
    HOIST_PORT: "0",
    HOIST_AUTH_MODE: "dev",
    HOIST_JWT_SECRET: randomBytes(32).toString("hex"),
    HOIST_DATABASE_URL: databaseUrl,
    HOIST_S3_ENDPOINT: storage.endpoint ?? "",
    HOIST_S3_REGION: storage.region,
    HOIST_S3_BUCKET: storage.bucket,
    HOIST_S3_ACCESS_KEY_ID: storage.accessKeyId ?? "",
    HOIST_S3_SECRET_ACCESS_KEY: storage.secretAccessKey ?? "",
    HOIST_S3_FORCE_PATH_STYLE: "true",
    HOIST_S3_PROVIDER: storage.provider,
    HOIST_LOG_LEVEL: "warn",
  };
  const mains = Array.from({ length: count }, (_, i) => startMainProcess({ ...env, HOIST_DATA_DIR: dataDir(i) }));
  try {
    return await Promise.all(mains.map(async (main) => ({ main, ...(await started(main)) })));
  } catch (error) {
    await stopAll(mains);
    throw error;
  }
}

/** Stops every process still running (SIGINT, as Ctrl-C) and waits for the exits. */
export async function stopAll(mains: readonly MainProcess[]): Promise<void> {
  await Promise.all(mains.map((main) => (main.child.exitCode === null && main.child.signalCode === null ? main.stop() : main.exited)));
}

/** SHA-256 (hex) of a recorded file, read back through its download URL as a user would. */
export async function downloadedSha256(trpc: HoistTrpc, fileId: string): Promise<string> {
  const { url } = await trpc.files.downloadUrl.mutate({ id: fileId });
  const response = await fetch(url);
  if (!response.ok || response.body === null) throw new Error(`download of ${fileId}: HTTP ${response.status}`);
  return sha256Of(Readable.fromWeb(response.body as WebStream<Uint8Array>));
}
