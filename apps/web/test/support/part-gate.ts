import type { BrowserContext, Route } from "playwright-core";

/** Holds part PUTs to storage in the browser until released: time for a test to pause, reload or look. */
export interface PartGate {
  /** PUTs held right now. */
  held(): number;
  /** Lets every held and future PUT through. */
  open(): Promise<void>;
  /** Holds future PUTs again. */
  close(): void;
  /** Stops intercepting (held requests go through). */
  dispose(): Promise<void>;
}

/**
 * Intercepts PUTs to `storageOrigin`: a PUT passes when `admit(partNumber)` says so or the gate is open, and waits
 * otherwise. A held request the page gives up on (pause aborts it, a reload drops it) never reaches storage.
 */
export async function gateParts(context: BrowserContext, storageOrigin: string, admit: (partNumber: number) => boolean): Promise<PartGate> {
  let opened = false;
  const waiting = new Set<Route>();
  const pass = (route: Route) => route.continue().catch(() => undefined); // the page may have aborted it meanwhile
  const handler = async (route: Route) => {
    const request = route.request();
    const partNumber = Number(new URL(request.url()).searchParams.get("partNumber") ?? 0);
    if (request.method() !== "PUT" || opened || admit(partNumber)) return pass(route);
    waiting.add(route);
  };
  const pattern = `${storageOrigin}/**`;
  await context.route(pattern, handler);
  const releaseAll = async () => {
    const routes = [...waiting];
    waiting.clear();
    await Promise.all(routes.map(pass));
  };
  return {
    held: () => waiting.size,
    async open() {
      opened = true;
      await releaseAll();
    },
    close() {
      opened = false;
    },
    async dispose() {
      opened = true;
      await releaseAll();
      await context.unroute(pattern, handler);
    },
  };
}
