/**
 * An AbortController that follows `parent` (aborts with its reason) until `release()` lets go of it.
 * Not `AbortSignal.any`: its composite stays reachable from the parent until a full GC, and with it whatever
 * listened to it (a request, a tRPC call). Made per attempt or per call, those filled the old generation with
 * dead requests (~12 KiB a part, measured), and tRPC never removes the listener it adds.
 */
export function followSignal(parent: AbortSignal | undefined): { controller: AbortController; release: () => void } {
  const controller = new AbortController();
  if (parent === undefined) return { controller, release: () => undefined };
  const onAbort = () => {
    controller.abort(parent.reason);
  };
  if (parent.aborted) onAbort();
  else parent.addEventListener("abort", onAbort, { once: true });
  return { controller, release: () => { parent.removeEventListener("abort", onAbort); } };
}

/**
 * A wait that `start` ends by calling `resolve`, or that rejects with `signal`'s reason as soon as it aborts;
 * then the function `start` returned undoes the wait (clears a timer, leaves a queue). The abort listener is
 * removed either way, so a long-lived signal does not collect one per wait.
 */
export function abortable<T>(signal: AbortSignal | undefined, start: (resolve: (value: T) => void) => () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    let cancel = (): void => undefined; // until `start` returns its own
    const onAbort = () => {
      cancel();
      reject(signal?.reason as Error);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    cancel = start((value) => {
      signal?.removeEventListener("abort", onAbort);
      resolve(value);
    });
  });
}
