import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";

/** What a LISTEN reports to its owner. */
export interface ListenHandlers {
  /** A NOTIFY arrived on the channel (payload as sent). */
  onNotify: (payload: string) => void;
  /**
   * Listening (again): at start and after every reconnect. Anything notified while not listening was missed, so the
   * owner reads what is new from the tables rather than trusting notifications alone.
   */
  onListening: () => void;
  /** The listening connection failed (it is reopened); for logging. */
  onError?: (err: Error) => void;
}

/** A running LISTEN; `close()` stops it (and its reconnects) for good. */
export interface Listener {
  close(): Promise<void>;
}

/** Reconnect delays after a failed listening connection: doubling from the first to the last, then the last. */
const RETRY_MS = { first: 100, last: 5000 };

/** One listening connection: resolves when it ends (dropped or closed), rejects when it cannot start. */
async function listenOnce(url: string, channel: string, handlers: ListenHandlers, opened: (c: pg.Client) => void): Promise<void> {
  const client = new pg.Client({ connectionString: url, keepAlive: true });
  opened(client);
  const ended = new Promise<void>((resolve) => client.once("end", resolve));
  client.on("error", (err) => handlers.onError?.(err));
  client.on("notification", (msg) => {
    if (msg.channel === channel) handlers.onNotify(msg.payload ?? "");
  });
  try {
    await client.connect();
    await client.query(`listen ${client.escapeIdentifier(channel)}`);
  } catch (err) {
    handlers.onError?.(err as Error);
    await client.end().catch(() => undefined);
    throw err;
  }
  handlers.onListening();
  await ended;
}

/**
 * LISTENs on Postgres over one dedicated connection (a pooled one would be handed back, and its LISTEN with it),
 * reopened with backoff whenever it drops, e.g. across a database restart.
 */
export function listenPostgres(url: string, channel: string, handlers: ListenHandlers): Listener {
  const state: { closed: boolean; client?: pg.Client; wake?: () => void } = { closed: false };
  const run = async () => {
    let delay = RETRY_MS.first;
    while (!state.closed) {
      const listened = await listenOnce(url, channel, handlers, (c) => (state.client = c)).then(() => true, () => false);
      delay = listened ? RETRY_MS.first : Math.min(delay * 2, RETRY_MS.last);
      await new Promise<void>((resolve) => {
        state.wake = resolve;
        setTimeout(resolve, state.closed ? 0 : delay).unref();
      });
    }
  };
  const running = run();
  return {
    async close() {
      state.closed = true;
      state.wake?.();
      await state.client?.end().catch(() => undefined);
      await running;
    },
  };
}

/** LISTENs on embedded PGlite: one process, one connection, nothing to reconnect. */
export async function listenPglite(client: PGlite, channel: string, handlers: ListenHandlers): Promise<Listener> {
  const unlisten = await client.listen(channel, (payload) => {
    handlers.onNotify(payload);
  });
  handlers.onListening();
  return { close: () => unlisten() };
}
