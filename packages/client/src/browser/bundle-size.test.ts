import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

/**
 * What `@hoist/client/browser` may cost a page, minified and gzipped: 20 KiB for the engine, plus 2 KiB since
 * issue 13 because the CRC64NVME worker is an inline script carrying its own copy of hash-wasm's CRC64 (~4 KiB
 * gzip), which cannot share the page's copy.
 */
const BUDGET_BYTES = 22 * 1024;

describe("@hoist/client/browser bundle", () => {
  it("stays within 22 KiB minified + gzip and pulls in no zod", async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL("./index.ts", import.meta.url))],
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "chrome120",
      minify: true,
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const [output] = result.outputFiles;
    if (output === undefined) throw new Error("esbuild produced nothing");
    const gzip = gzipSync(output.contents).length;
    console.info(`@hoist/client/browser: ${(output.contents.length / 1024).toFixed(1)} KiB minified, ${(gzip / 1024).toFixed(2)} KiB gzip`);
    expect(gzip).toBeLessThanOrEqual(BUDGET_BYTES);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((path) => /[\\/]zod[\\/]/.test(path))).toEqual([]);
    expect(inputs.filter((path) => /@trpc|@smithy/.test(path))).toEqual([]);
  });
});
