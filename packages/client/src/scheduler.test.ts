import { describe, expect, it } from "vitest";
import { Scheduler } from "./scheduler";

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("Scheduler", () => {
  it("never lets more than N run across lanes", async () => {
    const scheduler = new Scheduler(3);
    let running = 0;
    let peak = 0;
    const job = async (lane: string) => {
      const release = await scheduler.acquire(lane);
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
      running -= 1;
      release();
    };
    await Promise.all(["a", "b", "c", "d"].flatMap((lane) => Array.from({ length: 20 }, () => job(lane))));
    expect(peak).toBe(3);
    expect(scheduler.active).toBe(0);
  });

  it("hands slots to lanes in turn, so a late small upload is not starved by a big one", async () => {
    const scheduler = new Scheduler(1);
    const order: string[] = [];
    const first = await scheduler.acquire("big");
    const waits = [
      ...Array.from({ length: 5 }, () => scheduler.acquire("big").then((release) => ({ lane: "big", release }))),
      ...Array.from({ length: 2 }, () => scheduler.acquire("small").then((release) => ({ lane: "small", release }))),
    ];
    waits.forEach((wait) => void wait.then(({ lane, release }) => {
      order.push(lane);
      setTimeout(release, 0);
    }));
    first();
    await Promise.all(waits);
    expect(order.slice(0, 4)).toEqual(["big", "small", "big", "small"]);
  });

  it("serves one lane FIFO and drops a waiter whose signal aborts", async () => {
    const scheduler = new Scheduler(1);
    const hold = await scheduler.acquire("a");
    const controller = new AbortController();
    const got: number[] = [];
    const aborted = scheduler.acquire("a", controller.signal);
    const later = [1, 2, 3].map((n) => scheduler.acquire("a").then((release) => { got.push(n); release(); }));
    controller.abort(new Error("stop"));
    await expect(aborted).rejects.toThrow("stop");
    hold();
    await Promise.all(later);
    await tick();
    expect(got).toEqual([1, 2, 3]);
    expect(scheduler.active).toBe(0);
  });

  it("fixed without adaptive settings: sent bytes and throttles never move the limit", () => {
    const scheduler = new Scheduler(8);
    scheduler.confirmed(1e9);
    scheduler.throttled();
    expect(scheduler.limit).toBe(8);
  });

  it("adaptive: starts within floor..max, and a throttle cuts the limit and holds every lane's next start", async () => {
    const scheduler = new Scheduler(16, { floor: 2 });
    expect(scheduler.limit).toBe(8);
    const held = await scheduler.acquire("a");
    scheduler.throttled();
    expect(scheduler.limit).toBe(5);
    held();
    let granted = false;
    const next = scheduler.acquire("b").then((release) => {
      granted = true;
      release();
    });
    await tick();
    expect(granted).toBe(false); // a free slot, yet the hold keeps it
    await next;
    expect(scheduler.active).toBe(0);
  });

  it("refuses an adaptive floor that is not a whole number >= 1", () => {
    expect(() => new Scheduler(8, { floor: 0 })).toThrow(/floor must be a whole number >= 1; got 0/);
    expect(() => new Scheduler(8, { floor: 2.5 })).toThrow(RangeError);
  });

  it("adaptive: a grown limit hands its new slots to waiting parts at once", async () => {
    let now = 0;
    const scheduler = new Scheduler(16, { start: 2, windowMs: 10, now: () => now });
    const first = await Promise.all([scheduler.acquire("a"), scheduler.acquire("a")]);
    let granted = 0;
    const waiting = [1, 2].map(() => scheduler.acquire("a").then((release) => { granted += 1; return release; }));
    now += 10;
    scheduler.confirmed(1000);
    expect(scheduler.limit).toBe(2); // a window is one round: both slots' parts
    scheduler.confirmed(1000);
    expect(scheduler.limit).toBe(4);
    for (const release of [...first, ...(await Promise.all(waiting))]) release();
    expect(granted).toBe(2);
  });
});
