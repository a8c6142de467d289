import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import type { TRPCClient } from "@trpc/client";
import type { TRPCClientError } from "@trpc/client";
import type { AppRouter } from "@hoist/api";
import type { FileCompletedEvent } from "@hoist/contract";
import { EventSource } from "eventsource";

/**
 * A typed client as a service would build one in Node: subscriptions over SSE (`httpSubscriptionLink`, with the
 * `eventsource` package, whose `fetch` option adds the bearer token an EventSource cannot otherwise send), every
 * other call over `httpLink`.
 */
export function eventClient(baseUrl: string, token: string): TRPCClient<AppRouter> {
  const url = `${baseUrl}/trpc`;
  const authorization = `Bearer ${token}`;
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({
          url,
          EventSource,
          eventSourceOptions: { fetch: (input, init) => fetch(input, { ...init, headers: { ...init.headers, authorization } }) },
        }),
        false: httpLink({ url, headers: { authorization } }),
      }),
    ],
  });
}

/** As a browser subscribes: its EventSource sends no headers, so the token goes as tRPC `connectionParams`. */
export function connectionParamsClient(baseUrl: string, token: string): TRPCClient<AppRouter> {
  const url = `${baseUrl}/trpc`;
  return createTRPCClient<AppRouter>({ links: [httpSubscriptionLink({ url, EventSource, connectionParams: { token } })] });
}

/** A running `files.onCompleted` subscription that records what arrives, for tests to wait on. */
export interface EventLog {
  events: FileCompletedEvent[];
  error: TRPCClientError<AppRouter> | undefined;
  /** Resolves once `done()` holds (checked on every event or error); rejects on an error if it never holds. */
  until(done: () => boolean): Promise<void>;
  stop(): void;
}

/** Subscribes `client` to `files.onCompleted` (from `lastEventId` when given) and records every event. */
export function recordEvents(client: TRPCClient<AppRouter>, lastEventId?: string): EventLog {
  const waiters: (() => void)[] = [];
  const poke = () => {
    for (const wake of waiters.splice(0)) wake();
  };
  const log: EventLog = {
    events: [],
    error: undefined,
    async until(done) {
      while (!done()) {
        if (log.error !== undefined) throw log.error;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    stop: () => {
      subscription.unsubscribe();
    },
  };
  const subscription = client.files.onCompleted.subscribe(lastEventId === undefined ? {} : { lastEventId }, {
    onData: ({ data }) => {
      log.events.push(data);
      poke();
    },
    onError: (error) => {
      log.error = error;
      poke();
    },
  });
  return log;
}

/**
 * Resolves once `h`'s event hub holds exactly `count` streams: the subscriptions a test opened are registered on the
 * server (a live-only stream starts there), or those it stopped are gone (wait for 0 between tests).
 */
export async function subscribed(h: { server: { deps: { events?: { subscribers: number } } } }, count: number): Promise<void> {
  while ((h.server.deps.events?.subscribers ?? 0) !== count) await new Promise((resolve) => setTimeout(resolve, 5));
}
