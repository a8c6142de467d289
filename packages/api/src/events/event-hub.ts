import { FILE_EVENTS_CHANNEL, latestFileEventId, listFileEventsAfter } from "@hoist/db";
import type { Db, FileEventRow, HoistDb, Listener } from "@hoist/db";
import type { Logger } from "../observe";
import { SubscriberQueue } from "./subscriber-queue";

/** Options of {@link startEventHub}. */
export interface EventHubOptions {
  /** Rows read per query, by the hub after a wake-up and by a subscriber catching up (default 500). */
  pageSize?: number;
  /** Live events a subscriber may fall behind before it reads from the table instead (default 1,000). */
  subscriberBuffer?: number;
  log: Logger;
}

/**
 * One per instance: the only LISTEN connection, however many subscribers. On each NOTIFY (and after every
 * reconnect, when notifications may have been missed) it reads the events after the last one it handed out, in id
 * order, and pushes each to the subscribers it concerns.
 */
export interface EventHub {
  /** The newest event id the hub has handed out: where a subscriber without `lastEventId` starts. */
  readonly cursor: number;
  readonly pageSize: number;
  /** Registers a subscriber; it receives every event read after this call that `accepts` allows. */
  register(accepts: (row: FileEventRow) => boolean): SubscriberQueue;
  unregister(queue: SubscriberQueue): void;
  /** Stops listening and ends every subscriber's stream with `reason` (a shutting-down server). */
  close(reason: Error): Promise<void>;
}

/** Reads after `cursor` page by page, handing each row to every subscriber; returns the new cursor. */
async function readNew(db: Db, cursor: number, pageSize: number, subscribers: Set<SubscriberQueue>): Promise<number> {
  let after = cursor;
  for (;;) {
    const rows = await listFileEventsAfter(db, { after, limit: pageSize });
    for (const row of rows) {
      for (const queue of subscribers) if (queue.accepts(row)) queue.push(row);
      after = row.id;
    }
    if (rows.length < pageSize) return after;
  }
}

/** Runs `task` on `wake()`, never twice at once: a wake during a run makes exactly one more run after it. */
function coalesced(task: () => Promise<void>): { wake: () => void; settled: () => Promise<void> } {
  const state: { running?: Promise<void>; again: boolean } = { again: false };
  const wake = () => {
    if (state.running !== undefined) {
      state.again = true;
      return;
    }
    state.again = false;
    state.running = task().finally(() => {
      state.running = undefined;
      if (state.again) wake();
    });
  };
  return { wake, settled: async () => state.running };
}

/** Starts the instance's hub on `database` (Postgres LISTEN/NOTIFY, or PGlite's). */
export async function startEventHub(database: Pick<HoistDb, "db" | "listen">, opts: EventHubOptions): Promise<EventHub> {
  const pageSize = opts.pageSize ?? 500;
  const subscribers = new Set<SubscriberQueue>();
  let cursor = await latestFileEventId(database.db);
  const reader = coalesced(async () => {
    cursor = await readNew(database.db, cursor, pageSize, subscribers).catch((err: unknown) => {
      // The next NOTIFY, or the LISTEN connection's reconnect, reads again from the same cursor: nothing is lost.
      opts.log.warn({ err }, "could not read new file events; retrying on the next notification");
      return cursor;
    });
  });
  const onError = (err: Error) => {
    opts.log.warn({ err }, "the database connection listening for file events failed; reconnecting");
  };
  const listener: Listener = await database.listen(FILE_EVENTS_CHANNEL, { onNotify: reader.wake, onListening: reader.wake, onError });
  return {
    get cursor() {
      return cursor;
    },
    pageSize,
    register(accepts) {
      const queue = new SubscriberQueue(accepts, opts.subscriberBuffer ?? 1000);
      subscribers.add(queue);
      return queue;
    },
    unregister: (queue) => subscribers.delete(queue),
    async close(reason) {
      await listener.close();
      await reader.settled();
      for (const queue of subscribers) queue.fail(reason);
      subscribers.clear();
    },
  };
}
