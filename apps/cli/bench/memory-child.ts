/**
 * The uploading process of the memory bench: `memory-child.ts <apiUrl> <token> <file> [engine|raw]`. Its peak RSS is its own.
 * It runs bundled (see bundle.ts), reports the resident set just before the upload and the peak at the end.
 */
import { readFileSync } from "node:fs";
import { baselineUpload } from "./baseline-upload";
import { serveChild } from "@hoist/bench";
import { engineUpload } from "./engine-upload";
import { countingTrpc } from "./trpc-client";

/** A `kB` field of /proc/self/status in bytes (VmHWM: peak resident set; VmRSS: current). */
function statusBytes(name: "VmHWM" | "VmRSS"): number {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(readFileSync("/proc/self/status", "utf8"));
  return Number(match?.[1] ?? Number.NaN) * 1024;
}

const [url, token, path, mode = "engine"] = process.argv.slice(2);
if (url === undefined || token === undefined || path === undefined) throw new Error("usage: memory-child.ts <apiUrl> <token> <file> [engine|raw]");
const trpc = countingTrpc(url, token);
const [rssBefore, peakBefore] = [statusBytes("VmRSS"), statusBytes("VmHWM")];
// Where the memory is at the highest sample (10 Hz): JS heap, ArrayBuffers (chunks), the rest native.
let atPeak = process.memoryUsage();
const sampler = setInterval(() => {
  const now = process.memoryUsage();
  if (now.rss > atPeak.rss) atPeak = now;
}, 100);
// `raw`: the same parts PUT 8 at a time with node:http and no engine, to show what Node itself needs.
const fileId = mode === "raw" ? await baselineUpload(trpc, path, 8, "node-http") : (await engineUpload(trpc, path)).fileId;
clearInterval(sampler);
const breakdown = { heapUsed: atPeak.heapUsed, heapTotal: atPeak.heapTotal, arrayBuffers: atPeak.arrayBuffers, rss: atPeak.rss };
serveChild({ rssBefore, peakBefore, peak: statusBytes("VmHWM"), fileId, breakdown }, () => Promise.resolve());
