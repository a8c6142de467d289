import { build } from "esbuild";

/**
 * Bundles `entry` for the browser (ESM, minified as a real app would ship it) and returns the code. Tests expose
 * what they drive on `window` from the entry and call it with `page.evaluate`.
 */
export async function bundleForBrowser(entry: string, options: { minify?: boolean } = {}): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "chrome120",
    minify: options.minify ?? true,
    write: false,
    logLevel: "silent",
  });
  const [output] = result.outputFiles;
  if (output === undefined) throw new Error(`esbuild produced nothing for ${entry}`);
  return output.text;
}
