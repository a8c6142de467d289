import type { Page } from "playwright-core";

/** What the in-page probes saw, in `performance.now()` milliseconds of the page. */
export interface Probes {
  longTasks: { start: number; duration: number }[];
  /** Long animation frames (> 50 ms) with the scripts that ran in them: what a long task was doing. */
  longFrames: { start: number; duration: number; scripts: string[] }[];
  /** When the "Choose files" button was first there and enabled. */
  interactiveAt?: number;
  /** When a file input last changed (files were chosen). */
  changeAt?: number;
  /** When the first queue item had been painted after the last change. */
  firstItemPaintAt?: number;
}

type ProbeWindow = Window & { hoistProbes: Probes };

/**
 * Runs in the page before its own scripts (an init script): a long-task observer, a capture listener for file
 * choices, and a frame loop noting when the app became interactive and when the first queue item was painted
 * (the task after the frame that first showed it, via a MessageChannel, which runs after that frame's paint).
 */
function installProbes(): void {
  const probes: Probes = { longTasks: [], longFrames: [] };
  (window as unknown as ProbeWindow).hoistProbes = probes;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probes.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: "longtask", buffered: true });
  new PerformanceObserver((list) => {
    type Frame = PerformanceEntry & { renderStart: number; styleAndLayoutStart: number; scripts?: { invoker: string; sourceFunctionName: string; sourceCharPosition: number; duration: number }[] };
    for (const entry of list.getEntries() as Frame[]) {
      const scripts = (entry.scripts ?? []).map((s) => `${s.invoker} ${s.sourceFunctionName}@${s.sourceCharPosition} ${s.duration.toFixed(0)} ms`);
      const end = entry.startTime + entry.duration;
      if (entry.renderStart > 0) scripts.push(`rendering ${(end - entry.renderStart).toFixed(0)} ms (style and layout ${(end - entry.styleAndLayoutStart).toFixed(0)} ms)`);
      probes.longFrames.push({ start: entry.startTime, duration: entry.duration, scripts });
    }
  }).observe({ type: "long-animation-frame", buffered: true });
  let waitingForItem = false;
  document.addEventListener("change", (event) => {
    if (event.target instanceof HTMLInputElement && event.target.type === "file") {
      probes.changeAt = performance.now();
      probes.firstItemPaintAt = undefined;
      waitingForItem = true;
    }
  }, true);
  const afterPaint = new MessageChannel();
  afterPaint.port1.onmessage = () => {
    probes.firstItemPaintAt ??= performance.now();
  };
  const frame = () => {
    if (probes.interactiveAt === undefined) {
      const button = [...document.querySelectorAll("button")].find((b) => b.textContent.trim() === "Choose files");
      if (button && !button.disabled) probes.interactiveAt = performance.now();
    }
    if (waitingForItem && document.querySelector('[data-testid="upload-item"]')) {
      waitingForItem = false;
      afterPaint.port2.postMessage(null);
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** Installs the probes for every later navigation of the page's context. */
export async function addProbes(page: Page): Promise<void> {
  // tsx (esbuild keepNames) wraps named inner functions in `__name(...)`, which the page does not have.
  await page.context().addInitScript({ content: `var __name = (fn) => fn;\n(${installProbes.toString()})();` });
}

/** Reads what the probes saw so far. */
export function readProbes(page: Page): Promise<Probes> {
  return page.evaluate(() => (window as unknown as ProbeWindow).hoistProbes);
}

/** Longest task and total blocking time (the part of each long task over 50 ms) of tasks starting at or after `from`. */
export function blocking(probes: Probes, from = 0, to = Infinity): { longest: number; tbt: number; count: number } {
  const tasks = probes.longTasks.filter((task) => task.start >= from && task.start <= to);
  return {
    longest: Math.max(0, ...tasks.map((task) => task.duration)),
    tbt: tasks.reduce((sum, task) => sum + Math.max(0, task.duration - 50), 0),
    count: tasks.length,
  };
}
