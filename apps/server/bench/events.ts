/**
 * `pnpm --filter @hoist/server bench` (last part): `files.onCompleted` on two instances sharing a throwaway
 * Postgres. Latency: a file completed through B until its event reaches a subscriber on A (from the file's
 * `completedAt`, stamped just before the recording transaction, to arrival), over BENCH_EVENTS completions.
 * Catch-up: a subscriber resuming with a last id 10,000 events behind, until it has all of them.
 */
import { appendFileEvent, openDb } from "@hoist/db";
import { startPostgres } from "@hoist/db/testing";
import { eventClient, recordEvents, subscribed } from "../test/support/events";
import { startHarness } from "../test/support/harness";
import { startS3Target } from "../test/support/s3-target";
import { testBytes, uploadFile } from "../test/support/upload";

const COMPLETIONS = Number(process.env.BENCH_EVENTS ?? 200);
const MISSED = Number(process.env.BENCH_MISSED_EVENTS ?? 10_000);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** Stores `count` events of `user`, as if completed while the subscriber was away (a thousand per transaction). */
async function storeMissed(url: string, user: string, count: number): Promise<void> {
  const database = await openDb({ url });
  const at = new Date().toISOString();
  const file = (n: number) => ({ id: `f${n}`, name: `f${n}.bin`, size: 1, type: "application/octet-stream", route: "default", key: `default/${user}/2026/11/f${n}`, etag: '"e"', createdAt: at, completedAt: at });
  for (let done = 0; done < count; done += 1000) {
    await database.db.transaction(async (tx) => {
      for (let n = done; n < Math.min(count, done + 1000); n += 1) await appendFileEvent(tx, { userId: user, file: file(n), createdAt: new Date(at) });
    });
  }
  await database.close();
}

const s3 = await startS3Target();
const postgres = await startPostgres();
const api = { rateLimit: 0 };
const [a, b] = await Promise.all([
  startHarness({ s3, database: { url: postgres.url }, api }),
  startHarness({ s3, database: { url: postgres.url }, api }),
]);
try {
  const onB = await b.client("bench");
  const live = recordEvents(eventClient(a.url, await a.token("bench")));
  const arrivals: number[] = [];
  const seen = () => arrivals.push(Date.now());
  await subscribed(a, 1);
  for (let i = 0; i < COMPLETIONS; i += 1) {
    await uploadFile(onB, { name: `e${i}.bin`, type: "application/octet-stream", bytes: testBytes(16) });
    await live.until(() => live.events.length > arrivals.length).then(seen);
  }
  live.stop();
  const latencies = live.events.map((e, i) => (arrivals[i] ?? 0) - Date.parse(e.file.completedAt)).sort((x, y) => x - y);
  console.log(`event latency B -> A over ${COMPLETIONS} completions: p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms, max ${latencies.at(-1)} ms`);

  const lastId = live.events.at(-1)?.id;
  await storeMissed(postgres.url, "bench", MISSED);
  const started = performance.now();
  const resumed = recordEvents(eventClient(a.url, await a.token("bench")), lastId);
  await resumed.until(() => resumed.events.length >= MISSED);
  const seconds = (performance.now() - started) / 1000;
  resumed.stop();
  console.log(`catch-up of ${MISSED} missed events: ${seconds.toFixed(2)} s (${Math.round(MISSED / seconds)} events/s)`);
} finally {
  await Promise.all([a.close(), b.close()]);
  await postgres.stop();
  await s3.close();
}
