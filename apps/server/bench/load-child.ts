/**
 * The load bench's generator, in its own process so its CPU is not the servers': `load-child.ts <LoadRun JSON>`
 * runs the sessions (create, signParts of every part in one call, then PUT each part to the store and complete, or
 * abort in `api` mode) and sends its {@link LoadResult} as its first message.
 */
import { Agent, request } from "node:http";
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import { issueToken } from "@hoist/api";
import type { AppRouter } from "@hoist/api";
import { serveChild } from "@hoist/bench";
import { LOAD_PART_SIZE, LOAD_PARTS, WINDOWS } from "./load-plan";
import type { LoadResult, LoadRun } from "./load-plan";
import { latencyOf } from "./load-stats";
import { BENCH_SECRET } from "./secret";

const run = JSON.parse(process.argv[2] ?? "") as LoadRun;
const samples = new Map<string, number[]>();
const failures: Record<string, number> = {};
const agent = new Agent({ keepAlive: true });
const body = Buffer.alloc(LOAD_PART_SIZE, 7);
const clients = new Map<string, Promise<ReturnType<typeof createTRPCClient<AppRouter>>>>();

/** A client of instance `i % urls` for user `i % users`: sessions go round-robin over the instances. */
function clientFor(i: number) {
  const url = run.urls[i % run.urls.length] ?? "";
  const user = `${run.userPrefix}-${String(i % run.users)}`;
  const key = `${url} ${user}`;
  let client = clients.get(key);
  if (client === undefined) {
    client = issueToken(BENCH_SECRET, user, 3600).then((token) =>
      createTRPCClient<AppRouter>({ links: [httpLink({ url: `${url}/trpc`, headers: { authorization: `Bearer ${token}` } })] }),
    );
    clients.set(key, client);
  }
  return client;
}

class HttpError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${String(status)}`);
  }
}

/** The HTTP status of a failed call, else the network error's code (e.g. ECONNRESET). */
function statusOf(error: unknown): string {
  if (error instanceof HttpError) return String(error.status);
  const status = error instanceof TRPCClientError ? (error.data as { httpStatus?: number } | undefined)?.httpStatus : undefined;
  if (status !== undefined) return String(status);
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return (cause as { code?: string } | undefined)?.code ?? "network";
}

async function timed<T>(name: string, call: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    const result = await call();
    const list = samples.get(name) ?? [];
    list.push(performance.now() - started);
    samples.set(name, list);
    return result;
  } catch (error) {
    const key = `${name} ${statusOf(error)}`;
    failures[key] = (failures[key] ?? 0) + 1;
    throw error;
  }
}

function put(url: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "PUT", headers, agent }, (res) => {
      res.resume();
      res.on("end", () => {
        if (res.statusCode === 200) resolve(String(res.headers.etag));
        else reject(new HttpError(res.statusCode ?? 0));
      });
    });
    req.on("error", reject);
    req.end(body.subarray(0, Number(headers["content-length"])));
  });
}

type Api = Awaited<ReturnType<typeof clientFor>>;

/** Signs `windows` windows of LOAD_PARTS parts, one call each, then aborts: the API's side of a big upload. */
async function windowsSession(api: Api, i: number): Promise<void> {
  const size = WINDOWS * LOAD_PARTS * LOAD_PART_SIZE;
  const created = await timed("create", () => api.upload.create.mutate({ name: `load-${String(i)}.bin`, size, type: "application/octet-stream" }));
  for (let w = 0; w < WINDOWS; w += 1) {
    const parts = Array.from({ length: LOAD_PARTS }, (_, n) => ({ partNumber: w * LOAD_PARTS + n + 1 }));
    await timed("signParts", () => api.upload.signParts.mutate({ uploadId: created.uploadId, parts }));
  }
  await timed("abort", () => api.upload.abort.mutate({ uploadId: created.uploadId }));
}

async function putAll(parts: readonly { partNumber: number; url: string; headers: Record<string, string> }[]) {
  const queue = [...parts];
  const done: { partNumber: number; etag: string }[] = [];
  const worker = async () => {
    for (let part = queue.shift(); part; part = queue.shift()) {
      done.push({ partNumber: part.partNumber, etag: await timed("put", () => put(part.url, part.headers)) });
    }
  };
  await Promise.all(Array.from({ length: run.putsPerSession }, worker));
  return done;
}

async function session(i: number): Promise<void> {
  const api = await clientFor(i);
  if (run.mode === "windows") return windowsSession(api, i);
  const size = LOAD_PARTS * LOAD_PART_SIZE;
  const created = await timed("create", () => api.upload.create.mutate({ name: `load-${String(i)}.bin`, size, type: "application/octet-stream" }));
  const numbers = Array.from({ length: created.partCount }, (_, n) => ({ partNumber: n + 1 }));
  const { parts } = await timed("signParts", () => api.upload.signParts.mutate({ uploadId: created.uploadId, parts: numbers }));
  if (run.mode === "api") {
    await timed("abort", () => api.upload.abort.mutate({ uploadId: created.uploadId }));
    return;
  }
  const done = await putAll(parts);
  await timed("complete", () => api.upload.complete.mutate({ uploadId: created.uploadId, parts: done }));
}

async function main(): Promise<LoadResult> {
  let next = 0;
  let completed = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const worker = async () => {
    for (let i = next++; i < run.sessions; i = next++) {
      await session(i).then(() => (completed += 1), () => undefined);
    }
  };
  await Promise.all(Array.from({ length: run.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  const latency = Object.fromEntries([...samples].map(([name, list]) => [name, latencyOf(list)]));
  const count = (test: (status: number) => boolean) =>
    Object.entries(failures).filter(([key]) => test(Number(key.split(" ")[1]))).reduce((sum, [, n]) => sum + n, 0);
  const used = process.cpuUsage(cpu);
  const calls = [...samples].filter(([name]) => name !== "put").reduce((sum, [, list]) => sum + list.length, 0) +
    Object.entries(failures).filter(([key]) => !key.startsWith("put ")).reduce((sum, [, n]) => sum + n, 0);
  const generatorCpuMs = (used.user + used.system) / 1000;
  return { seconds, completed, latency, failures, serverErrors: count((s) => s >= 500), refusals: count((s) => s === 429), calls, generatorCpuMs };
}

serveChild({ ...(await main()) }, () => Promise.resolve());
