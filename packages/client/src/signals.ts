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
