import { connect, createServer } from "node:net";
import type { Socket } from "node:net";
import { Transform } from "node:stream";

/**
 * A test's view of one connection through the balancer, to pick the moment of a fault (kill an instance while its
 * answer to a given call is on the way back). The balancer itself never decides anything from it.
 */
export interface Tap {
  /** Sees each chunk the client sends. */
  request?(chunk: Buffer): void;
  /** Each chunk coming back is forwarded unless this resolves false (the answer is lost). */
  response?(chunk: Buffer): Promise<boolean> | boolean;
}

/** Options of {@link startBalancer}. */
export interface BalancerOptions {
  /** Called for each connection once it reached upstream `index`. */
  tap?: (index: number) => Tap | undefined;
}

/** A passive TCP load balancer on loopback in front of several API instances (see {@link startBalancer}). */
export interface Balancer {
  /** `http://127.0.0.1:<port>`: give it to clients in place of an instance's URL. */
  url: string;
  /** Index of the upstream each connection went to, in the order they were made. */
  routed: number[];
  /** Stops listening and cuts every connection still open. */
  close(): Promise<void>;
}

/** The client's bytes as they go by, and the answer's held until the tap decides. */
function tapped(tap: Tap | undefined): { toUpstream: Transform; toClient: Transform } {
  const toUpstream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      tap?.request?.(chunk);
      done(null, chunk);
    },
  });
  const toClient = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      void Promise.resolve(tap?.response?.(chunk) ?? true).then((forward) => {
        done(null, forward ? chunk : undefined);
      });
    },
  });
  return { toUpstream, toClient };
}

/** Joins two sockets both ways; when either ends or fails, the other goes too (as a balancer's proxying does). */
function splice(client: Socket, upstream: Socket, tap: Tap | undefined): void {
  const { toUpstream, toClient } = tapped(tap);
  client.pipe(toUpstream).pipe(upstream);
  upstream.pipe(toClient).pipe(client);
  const cut = () => {
    client.destroy();
    upstream.destroy();
  };
  for (const socket of [client, upstream]) socket.once("error", cut).once("close", cut);
}

/**
 * What a load balancer without health checks does: each new connection goes to the next upstream in turn; when
 * connecting to it fails (the instance is gone), the same connection tries the next one, and is closed once every
 * upstream has refused. It never looks inside: a connection cut by a dying instance is cut for the client too.
 * @param upstreams the instances' base URLs (`http://127.0.0.1:<port>`)
 */
export async function startBalancer(upstreams: readonly string[], options: BalancerOptions = {}): Promise<Balancer> {
  const targets = upstreams.map((url) => new URL(url));
  const routed: number[] = [];
  const open = new Set<Socket>();
  let next = 0;
  const route = (client: Socket, index: number, left: number) => {
    const target = targets[index % targets.length]!;
    const upstream = connect(Number(target.port), target.hostname);
    open.add(upstream).add(client);
    upstream.once("close", () => open.delete(upstream));
    const refused = () => {
      if (left > 1) route(client, index + 1, left - 1);
      else client.destroy();
    };
    upstream.once("error", refused);
    upstream.once("connect", () => {
      upstream.off("error", refused);
      routed.push(index % targets.length);
      splice(client, upstream, options.tap?.(index % targets.length));
    });
  };
  const server = createServer((client) => {
    // Until spliced: a client that gives up while we connect must not crash the test with an unhandled error.
    client.on("error", () => client.destroy());
    client.once("close", () => open.delete(client));
    route(client, next++, targets.length);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    routed,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => { resolve(); }));
      for (const socket of open) socket.destroy();
      await closed;
    },
  };
}
