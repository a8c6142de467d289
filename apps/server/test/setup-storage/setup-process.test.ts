import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { S3Target } from "@hoist/local-s3/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SETUP_EXIT } from "../../src/setup-storage/setup-storage";
import { s3Provider } from "../support/s3-target";
import { ORIGIN, printedPolicy, startSetupTarget } from "./setup-kit";

const serverDir = fileURLToPath(new URL("../..", import.meta.url));

/** `pnpm setup-storage` as a process (the source entry through tsx's loader), with only `env` and PATH set. */
function runProcess(env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/setup-storage.ts", ...args], { cwd: serverDir, env: { PATH: process.env.PATH ?? "", ...env } });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  return new Promise((resolve) => {
    child.on("close", (code) => {
      resolve({ code, output });
    });
  });
}

let target: S3Target;
let env: Record<string, string>;
beforeAll(async () => {
  target = await startSetupTarget();
  const bucket = await target.createScratchBucket("setup-process");
  env = {
    HOIST_S3_ENDPOINT: target.endpoint,
    HOIST_S3_REGION: target.region,
    HOIST_S3_BUCKET: bucket,
    HOIST_S3_PROVIDER: s3Provider,
    HOIST_S3_FORCE_PATH_STYLE: "true",
    HOIST_S3_ACCESS_KEY_ID: target.credentials.accessKeyId,
    HOIST_S3_SECRET_ACCESS_KEY: target.credentials.secretAccessKey,
    HOIST_CORS_ORIGINS: ORIGIN,
  };
});
afterAll(() => target.close());

describe("pnpm setup-storage as a process: the exit code says whether the bucket is ready", () => {
  it(`dry run ${SETUP_EXIT.notReady} (not ready), --apply ${SETUP_EXIT.ready}, dry run again ${SETUP_EXIT.ready}; the policy is printed each time`, async () => {
    const dry = await runProcess(env);
    expect(dry.code, dry.output).toBe(SETUP_EXIT.notReady);
    expect(printedPolicy(dry.output)).toMatchObject({ Version: "2012-10-17" });
    const applied = await runProcess(env, ["--apply"]);
    expect(applied.code, applied.output).toBe(SETUP_EXIT.ready);
    const again = await runProcess(env);
    expect(again.code, again.output).toBe(SETUP_EXIT.ready);
  });

  it(`an unknown flag, a bad --abort-days or no external store: ${SETUP_EXIT.error} with a message`, async () => {
    const unknown = await runProcess(env, ["--aply"]);
    expect(unknown.code).toBe(SETUP_EXIT.error);
    expect(unknown.output).toMatch(/Unknown option '--aply'[\s\S]*usage: pnpm setup-storage/);
    const days = await runProcess(env, ["--abort-days", "0"]);
    expect(days.code).toBe(SETUP_EXIT.error);
    expect(days.output).toMatch(/--abort-days must be a whole number of days of at least 2/);
    const embedded = await runProcess({ HOIST_DATA_DIR: "/nonexistent-setup-storage" });
    expect(embedded.code).toBe(SETUP_EXIT.error);
    expect(embedded.output).toContain("setup-storage needs HOIST_S3_ENDPOINT");
  });
});
