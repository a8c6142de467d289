/**
 * The uploading process of the stdin bench: `stdin-child.ts <apiUrl> <token> pipe <bytes>` uploads a real pipe
 * (a generator process's stdout) as `hoist upload -` does; `... file <path>` uploads a file. It runs bundled (see
 * bundle.ts) and reports seconds, its own peak RSS and, for the pipe, the most part buffers held at once.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { GiB } from "@hoist/contract";
import { createNodeUploader, fromPath, fromUnsizedStream, nodeHttpTransport } from "@hoist/client/node";
import { serveChild } from "@hoist/bench";
import { countingTrpc } from "./trpc-client";

// `bytes` of AES-CTR keystream on stdout, with backpressure: a pipe as fast as the reader, no disk involved.
const GENERATOR = `const c=require("crypto").createCipheriv("aes-128-ctr",Buffer.alloc(16,7),Buffer.alloc(16));
const z=Buffer.alloc(1<<20);let left=Number(process.argv[1]);
function w(){while(left>0){const n=Math.min(left,z.length);left-=n;if(!process.stdout.write(c.update(z.subarray(0,n))))return process.stdout.once("drain",w);}process.stdout.end();}w();`;

const peakRss = () => Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync("/proc/self/status", "utf8"))?.[1] ?? Number.NaN) * 1024;

const [url, token, mode, arg] = process.argv.slice(2);
if (url === undefined || token === undefined || arg === undefined) throw new Error("usage: stdin-child.ts <apiUrl> <token> pipe <bytes> | file <path>");
const transport = nodeHttpTransport({ sockets: 16 });
const uploader = createNodeUploader({ trpc: countingTrpc(url, token), transport, resumeStore: false });
const started = performance.now();
const source =
  mode === "pipe"
    ? fromUnsizedStream(spawn(process.execPath, ["-e", GENERATOR, arg], { stdio: ["ignore", "pipe", "inherit"] }).stdout, {
        name: "pipe.bin",
        maxSize: 50 * GiB,
        type: "application/octet-stream",
      })
    : await fromPath(arg);
const handle = uploader.upload(source);
const file = await handle.done;
const seconds = (performance.now() - started) / 1000;
await transport.close();
serveChild({ fileId: file.id, size: file.size, seconds, peak: peakRss(), buffersPeak: handle.progress().buffersPeak ?? 0 }, () => Promise.resolve());
