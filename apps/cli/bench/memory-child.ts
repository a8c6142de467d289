/**
 * The uploading process of the memory bench: `memory-child.ts <apiUrl> <token> <file>`. Its peak RSS is its own.
 * It reports the resident set just before the upload (node + the tsx loader + transpiled imports, which a bundled
 * CLI would not carry) and the peak at the end, with the plan it ran.
 */
import { readFileSync } from "node:fs";
import { serveChild } from "./children";
import { engineUpload } from "./engine-upload";
import { countingTrpc } from "./trpc-client";

/** A `kB` field of /proc/self/status in bytes (VmHWM: peak resident set; VmRSS: current). */
function statusBytes(name: "VmHWM" | "VmRSS"): number {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(readFileSync("/proc/self/status", "utf8"));
  return Number(match?.[1] ?? Number.NaN) * 1024;
}

const [url, token, path] = process.argv.slice(2);
if (url === undefined || token === undefined || path === undefined) throw new Error("usage: memory-child.ts <apiUrl> <token> <file>");
const trpc = countingTrpc(url, token);
const [rssBefore, peakBefore] = [statusBytes("VmRSS"), statusBytes("VmHWM")];
const { fileId, progress } = await engineUpload(trpc, path);
serveChild({ rssBefore, peakBefore, peak: statusBytes("VmHWM"), partsTotal: progress.partsTotal, fileId }, () => Promise.resolve());
