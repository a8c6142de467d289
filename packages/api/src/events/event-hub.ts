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
  readonly pageSize: number;
  /** Streams open on this instance (for tests and metrics). */
  readonly subscribers: number;
  /**
   * Registers a subscriber: it receives every event after `cursor` (the newest the hub has handed out, where a
   * subscriber without `lastEventId` starts) that `accepts` allows. Both in one step, so no event falls between.
   */
  register(accepts: (row: FileEventRow) => boolean): { queue: SubscriberQueue; cursor: number };
  unregister(queue: SubscriberQueue): void;
  /** Stops listening and ends every subscriber's stream with `reason` (a shutting-down server); repeat calls wait for the first. */
  close(reason: Error): Promise<void>;
}

/**
 * Reads after `position.cursor` page by page, handing each row to every subscriber and moving the cursor row by
 * row: a subscriber registering between two rows starts exactly where the hub is.
 */
async function readNew(db: Db, position: { cursor: number }, pageSize: number, subscribers: Set<SubscriberQueue>): Promise<void> {
  for (;;) {
    const rows = await listFileEventsAfter(db, { after: position.cursor, limit: pageSize });
    for (const row of rows) {
      for (const queue of subscribers) if (queue.accepts(row)) queue.push(row);
      position.cursor = row.id;
    }
    if (rows.length < pageSize) return;
  }
}

/** How soon a failed read (database unreachable) is tried again, when no notification comes first. */
const RETRY_READ_MS = 1000;

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
  const position = { cursor: await latestFileEventId(database.db) };
  let closing: Promise<void> | undefined;
  const reader = coalesced(async () => {
    await readNew(database.db, position, pageSize, subscribers).catch((err: unknown) => {
      // Reads again from the same cursor (nothing is lost): in a second, or sooner on a NOTIFY or a reconnect.
      opts.log.warn({ err }, "could not read new file events; retrying");
      setTimeout(() => {
        if (closing === undefined) reader.wake();
      }, RETRY_READ_MS).unref();
    });
  });
  const onError = (err: Error) => {
    opts.log.warn({ err }, "the database connection listening for file events failed; reconnecting");
  };
  const listener: Listener = await database.listen(FILE_EVENTS_CHANNEL, { onNotify: reader.wake, onListening: reader.wake, onError });
  return {
    pageSize,
    get subscribers() {
      return subscribers.size;
    },
    register(accepts) {
      const queue = new SubscriberQueue(accepts, opts.subscriberBuffer ?? 1000);
      subscribers.add(queue);
      return { queue, cursor: position.cursor };
    },
    unregister: (queue) => subscribers.delete(queue),
    close(reason) {
      closing ??= (async () => {
        await listener.close();
        await reader.settled();
        for (const queue of subscribers) queue.fail(reason);
        subscribers.clear();
      })();
      return closing;
    },
  };
}
