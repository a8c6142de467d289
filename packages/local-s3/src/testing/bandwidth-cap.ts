import type { Socket } from "node:net";

/** Bytes a paced connection may send at once after an idle spell (one socket read is about this size). */
const BURST_BYTES = 64 * 1024;

/**
 * Paces what `client` sends through the proxy to `bytesPerSecond` (a token bucket of {@link BURST_BYTES}): after
 * each read the socket is paused until the bytes beyond the bucket are paid for, so TCP pushes back on the sender
 * as a slow link would. One cap per connection, as a per-connection limit on a real path (AWS's guidance is about
 * one connection per 85-90 MB/s) is what parallel parts work around. The timer goes with the socket.
 */
export function capBandwidth(client: Socket, bytesPerSecond: number, onPause: () => void): void {
  let debt = 0;
  let last = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  client.on("data", (chunk: Buffer) => {
    const now = performance.now();
    debt = Math.max(0, debt - ((now - last) * bytesPerSecond) / 1000) + chunk.length;
    last = now;
    const waitMs = ((debt - BURST_BYTES) * 1000) / bytesPerSecond;
    if (waitMs <= 0) return;
    // Paused again on every read in debt: the relay resumes the socket when upstream drains, which must not lift the cap.
    client.pause();
    if (timer === undefined) onPause();
    timer ??= setTimeout(() => {
      timer = undefined;
      if (!client.destroyed) client.resume();
    }, waitMs);
  });
  client.once("close", () => {
    clearTimeout(timer);
  });
}
