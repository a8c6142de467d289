/**
 * One upload in its own process, so a test can SIGKILL it mid-upload and start another that resumes:
 * `tsx upload-child.ts <apiUrl> <token> <resumeDir> <file> [partDelayMs]`. Concurrency 1, a file resume store
 * in `resumeDir`. Writes one JSON line per event on stdout: `{"event":"part","partNumber"}` for each part
 * storage acknowledged, then `{"event":"done","file","progress"}` or `{"event":"error","message"}`.
 */
import { createNodeTrpc, createNodeUploader, fileResumeStore, fromPath, nodeHttpTransport } from "@hoist/client/node";
import type { Transport } from "@hoist/client";

const [url, token, resumeDir, path, delay = "0"] = process.argv.slice(2);
if (url === undefined || token === undefined || resumeDir === undefined || path === undefined) {
  throw new Error("usage: upload-child.ts <apiUrl> <token> <resumeDir> <file> [partDelayMs]");
}
const partDelayMs = Number(delay);
const report = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

/**
 * Reports each part storage acknowledged. The optional pause before each PUT only spaces parts out so the
 * parent can kill the process while parts remain; it never changes what is sent.
 */
function reportingTransport(inner: Transport): Transport {
  return {
    async put(request) {
      if (partDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, partDelayMs));
      const response = await inner.put(request);
      const partNumber = new URL(request.url).searchParams.get("partNumber");
      if (response.status >= 200 && response.status < 300) report({ event: "part", partNumber: Number(partNumber ?? 1) });
      return response;
    },
  };
}

const transport = nodeHttpTransport();
const trpc = createNodeTrpc({ serverUrl: url, token });
const uploader = createNodeUploader({
  trpc,
  concurrency: 1,
  resumeStore: fileResumeStore(resumeDir),
  transport: reportingTransport(transport),
});
const handle = uploader.upload(await fromPath(path));
try {
  const file = await handle.done;
  report({ event: "done", file, progress: handle.progress() });
} catch (error) {
  report({ event: "error", message: String(error) });
  process.exitCode = 1;
} finally {
  await transport.close();
}
