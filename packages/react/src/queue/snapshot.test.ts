import { afterEach, describe, expect, it, vi } from "vitest";
import { SnapshotPublisher } from "./snapshot";

afterEach(() => {
  vi.useRealTimers();
});

describe("SnapshotPublisher", () => {
  it("collapses a burst of changes into one publish, then waits out the interval", () => {
    vi.useFakeTimers();
    let builds = 0;
    const publisher = new SnapshotPublisher(0, () => ++builds, 100);
    const heard: number[] = [];
    publisher.subscribe(() => heard.push(publisher.getSnapshot()));
    for (let i = 0; i < 1000; i += 1) publisher.changed();
    vi.advanceTimersByTime(0);
    expect(heard).toEqual([1]);
    publisher.changed();
    vi.advanceTimersByTime(99);
    expect(heard).toEqual([1]);
    vi.advanceTimersByTime(1);
    expect(heard).toEqual([1, 2]);
  });
});
